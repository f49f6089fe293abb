import type { Principal } from '../auth/role';

/**
 * What the request log line and the request metrics say of a request beyond its HTTP status,
 * noted by the parts that know it: the GraphQL plugin (operation and outcome), the rate
 * limiter and the HTTP error handler (a refusal before GraphQL), the key guard (the caller,
 * on `req.principal`). Names and codes only: never arguments, variables or record contents.
 */
export interface RequestNote {
  /** The schema field the operation asks for (`jobSuggestions`), `multiple`, or unset before GraphQL. */
  operation?: string;
  /** query | mutation | subscription. */
  operationType?: string;
  /** The distinct top-level fields, when there are several (each a schema name). */
  fields?: string[];
  /** `ok`, or the error code the client was given (the first; INTERNAL_SERVER_ERROR wins). */
  outcome?: string;
  /** The caller as the rate limiter saw it, for requests it refused before the guard ran. */
  caller?: Principal | null;
}

const NOTE = Symbol('kansrijk.requestNote');

/** The note of a request (an Express/Node request object), created on first use. */
export function noteOf(req: object): RequestNote {
  const r = req as { [NOTE]?: RequestNote };
  return (r[NOTE] ??= {});
}

/** The outcome noted, or one read from the response: `ok`, `HTTP_<status>`, or ABORTED when the client left first. */
export function outcomeOf(req: object, res: { statusCode: number; writableFinished: boolean }): string {
  return noteOf(req).outcome ?? (res.writableFinished ? (res.statusCode < 400 ? 'ok' : `HTTP_${res.statusCode}`) : 'ABORTED');
}
