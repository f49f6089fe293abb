import { randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Principal } from '../auth/role';
import { noteOf, outcomeOf } from './request-note';

type Request = IncomingMessage & { id?: string | number; originalUrl?: string; principal?: Principal | null };

/** A client's own request id is kept when it is short and plain, so its logs and ours line up. */
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Paths polled by probes and scrapers: logged at debug level so they do not drown the rest. */
export const OPS_PATHS = /^\/(health\/(live|ready)|metrics)\/?$/;

/** The path without its query string (a GET query string can hold variables). */
const pathOf = (req: Request) => (req.originalUrl ?? req.url ?? '').split('?')[0];

/**
 * The fields of a request's log line: who called (role, tenant and key id, never the key),
 * what (the schema field and operation type), how it ended (HTTP status and outcome: `ok` or
 * the error code) and how long it took. Never arguments, variables, headers or record data.
 */
export function requestFields(req: Request, res: ServerResponse, durationMs: number): Record<string, unknown> {
  const note = noteOf(req);
  const caller = req.principal ?? note.caller ?? null;
  return {
    method: req.method,
    path: pathOf(req),
    status: res.statusCode,
    durationMs,
    role: caller?.role ?? 'none',
    ...(caller?.tenant ? { tenant: caller.tenant } : {}),
    ...(caller ? { keyId: caller.keyId } : {}),
    ...(note.operation ? { operation: note.operation, operationType: note.operationType } : {}),
    ...(note.fields ? { fields: note.fields } : {}),
    outcome: outcomeOf(req, res),
  };
}

const message = (req: Request, res: ServerResponse, durationMs: number) => {
  const f = requestFields(req, res, durationMs);
  return `${f.method} ${f.path}${f.operation ? ` ${f.operation}` : ''} ${f.status} ${f.outcome} in ${durationMs} ms`;
};

/**
 * One log line per request when its answer is sent (pino-http), with a request id: the
 * client's X-Request-Id when it sends a plain one, else a new UUID, echoed in the response's
 * X-Request-Id. Log lines written while the request runs carry the same `reqId` (nestjs-pino
 * binds it). Level: debug for probes and scrapes, error for a 5xx or an INTERNAL_SERVER_ERROR,
 * info otherwise.
 */
export function requestLogging(root: Logger) {
  return pinoHttp({
    logger: root,
    quietReqLogger: true,
    quietResLogger: true,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && CLIENT_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (req, res, err) => {
      // A failing probe is reported once by the health check itself ("Health Check has failed!").
      if (OPS_PATHS.test(pathOf(req))) return 'debug';
      return err || res.statusCode >= 500 || noteOf(req).outcome === 'INTERNAL_SERVER_ERROR' ? 'error' : 'info';
    },
    customSuccessObject: (req, res, val: { responseTime: number }) => requestFields(req, res, val.responseTime),
    customErrorObject: (req, res, _err, val: { responseTime: number }) => requestFields(req, res, val.responseTime),
    customSuccessMessage: (req, res, ms) => message(req, res, ms),
    // pino-http passes the response time as a fourth argument its types leave out.
    customErrorMessage: ((req: Request, res: ServerResponse, _err: Error, ms: number) => message(req, res, ms)) as (req: Request, res: ServerResponse, err: Error) => string,
  });
}
