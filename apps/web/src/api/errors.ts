import type { CombinedError } from 'urql';

/** What a screen tells the user about a failed call: the API's error code, or a lost connection. */
export type Problem =
  | { kind: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'NETWORK' }
  | { kind: 'RATE_LIMITED'; retryAfterSeconds: number }
  | { kind: 'BAD_USER_INPUT'; fields: { field: string; message: string }[] }
  | { kind: 'OTHER'; code: string };

const SIMPLE = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/** The first problem of a failed operation, by the API's `extensions.code` (one error model). */
export function problemOf(error: CombinedError | undefined): Problem | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (first) {
    const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (SIMPLE.has(code)) return { kind: code as 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' };
    if (code === 'RATE_LIMITED') return { kind: 'RATE_LIMITED', retryAfterSeconds: Number(first.extensions?.retryAfterSeconds ?? 60) };
    if (code === 'BAD_USER_INPUT') {
      const fields = (first.extensions?.fields as { field: string; message: string }[] | undefined) ?? [{ field: '', message: first.message }];
      return { kind: 'BAD_USER_INPUT', fields };
    }
    return { kind: 'OTHER', code };
  }
  return error.networkError ? { kind: 'NETWORK' } : { kind: 'OTHER', code: 'UNKNOWN' };
}
