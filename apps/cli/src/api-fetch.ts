/**
 * fetch to the Kansrijk API for the commands (import, whatif). fetch reports any network
 * failure as "fetch failed" with the reason hidden in its cause: this names the URL and what to
 * check instead.
 */
export async function fetchApi(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw unreachable(url, err);
  }
}

export function unreachable(url: string, err: unknown): Error {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err instanceof Error ? err : new Error(String(err));
  const code = (cause as NodeJS.ErrnoException).code;
  const why =
    code === 'ECONNREFUSED'
      ? 'nothing listens there (is the API running? npm start prints its URL)'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'the host name does not resolve'
        : cause.message;
  return new Error(`could not reach the API at ${url}: ${why}. Give its address with --url or KANSRIJK_API_URL (in the environment or .env).`);
}
