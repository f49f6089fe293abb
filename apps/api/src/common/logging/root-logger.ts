import type { LoggerService } from '@nestjs/common';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import pino, { DestinationStream, Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Environment, LogLevel } from '../../config/environment';

/** Nest's level names (LOG_LEVEL) to pino's. */
const PINO_LEVEL: Record<LogLevel, pino.Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * The process's logger (pino). JSON lines, one object per line with `time` (ISO 8601) and
 * `level` as a word, when stdout is not a terminal (a file, a pipe, a container's log
 * collector); coloured one-line text on a terminal. LOG_FORMAT=json|pretty overrides the
 * choice, LOG_LEVEL sets the threshold. Writes are synchronous, so nothing is lost when the
 * process exits right after logging (a boot failure).
 *
 * Nothing here logs request bodies, variables or headers: request lines carry only the fields
 * chosen in request-logging.ts, and Authorization headers are redacted should any code
 * ever log a request object.
 */
export function createRootLogger(env: Pick<Environment, 'LOG_LEVEL' | 'LOG_FORMAT'>, destination?: DestinationStream): Logger {
  const pretty = env.LOG_FORMAT === 'pretty' || (env.LOG_FORMAT === 'auto' && !destination && process.stdout.isTTY === true);
  const options: pino.LoggerOptions = {
    level: PINO_LEVEL[env.LOG_LEVEL],
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    // Level words ("info", "error") in JSON read better in a log collector than pino's numbers.
    formatters: pretty ? {} : { level: (label) => ({ level: label }) },
  };
  if (pretty) {
    const stream = pinoPretty({
      destination: destination ?? 1,
      sync: true,
      colorize: !destination,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
    });
    return pino(options, stream);
  }
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

/**
 * Nest's logger interface over `root` (nestjs-pino): `new Logger('Matching').log(...)` becomes
 * a line with `context: "Matching"`, and inside a request it also carries the request's `reqId`.
 */
export function nestLoggerOf(root: Logger): LoggerService {
  return new NestPinoLogger(new PinoLogger({ pinoHttp: { logger: root }, useExisting: true }), {});
}
