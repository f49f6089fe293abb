import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'http';
import { Environment } from '../../config/environment';
import { ApiKeyService } from '../../modules/auth/api-key.service';
import { PublicErrorCode } from '../errors/domain-errors';
import { noteOf } from '../logging/request-note';
import { safeErrorStack } from '../logging/safe-error';
import { TokenBuckets } from './token-bucket';

const logger = new Logger('Http');
const GRAPHQL_PATH = '/graphql';

// The few parts of Express's request and response used here (no @types/express needed).
type Request = IncomingMessage & { ip?: string };
type Response = ServerResponse & { headersSent: boolean };
type NextFunction = (err?: unknown) => void;

/** A response in the GraphQL shape for a request refused before GraphQL saw it. */
function sendError(req: Request, res: Response, status: number, code: PublicErrorCode | 'INTERNAL_SERVER_ERROR', message: string, extensions: Record<string, unknown> = {}): void {
  noteOf(req).outcome = code;
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

/**
 * Per-caller rate limit (one token a request): a verified API key is its own caller; a
 * request without a valid key counts against its IP address, so guessing keys is
 * throttled too. Refused: HTTP 429, Retry-After, and a GraphQL error RATE_LIMITED with
 * extensions.retryAfterSeconds. Runs before the body is read.
 */
export function rateLimitMiddleware(keys: ApiKeyService, perMinute: number, clock: () => number = Date.now) {
  const buckets = new TokenBuckets(perMinute);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    let caller = `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    let who = 'your IP address (no valid API key)';
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (match) {
      const principal = await keys.verify(match[1], new Date(clock()));
      if (principal) {
        noteOf(req).caller = principal; // for the log line of a request refused here
        caller = `key:${principal.keyId}`;
        who = 'your API key';
      }
    }
    const taken = buckets.take(caller, clock());
    if (taken.allowed) return next();
    res.setHeader('Retry-After', String(taken.retryAfterSeconds));
    sendError(req, res, 429, 'RATE_LIMITED', `Too many requests: the limit is ${perMinute} a minute for ${who}. Retry in ${taken.retryAfterSeconds} s.`, {
      retryAfterSeconds: taken.retryAfterSeconds,
    });
  };
}

/**
 * Errors raised before GraphQL (a body over the limit, a body that is not JSON, a failure
 * of the rate limiter) as GraphQL-shaped JSON: 413 PAYLOAD_TOO_LARGE, 400 BAD_REQUEST, or a
 * masked 500. Express would otherwise answer with an HTML page and, outside production,
 * a stack trace.
 */
export function httpErrorHandler(limitMb: number) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number; statusCode?: number; stack?: string };
    const status = e.status ?? e.statusCode;
    if (e.type === 'entity.too.large') {
      return sendError(req, res, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${limitMb} MB (REQUEST_BODY_LIMIT_MB). Send fewer rows per request.`, {
        limitBytes: limitMb * 1024 * 1024,
      });
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = e.type === 'entity.parse.failed' ? 'Request body is not valid JSON' : e.type === 'encoding.unsupported' || e.type === 'charset.unsupported' ? 'Unsupported request body encoding' : 'Bad request';
      return sendError(req, res, status, 'BAD_REQUEST', message);
    }
    logger.error(safeErrorStack(err));
    sendError(req, res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}

/** The HTTP-level limits, in order: rate limit, JSON body with its size limit, GraphQL-shaped errors. */
export function installHttpLimits(app: NestExpressApplication, env: Environment): void {
  app.disable('x-powered-by');
  // Responses are JSON: a browser must never sniff stored text (e.g. "<script>") as HTML.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // GraphQL only: health probes and metric scrapes are not callers to throttle (see ops-endpoints.ts).
  if (env.RATE_LIMIT_PER_MINUTE > 0) app.use(GRAPHQL_PATH, rateLimitMiddleware(app.get(ApiKeyService), env.RATE_LIMIT_PER_MINUTE));
  app.useBodyParser('json', { limit: `${env.REQUEST_BODY_LIMIT_MB}mb` });
  app.use(httpErrorHandler(env.REQUEST_BODY_LIMIT_MB));
}
