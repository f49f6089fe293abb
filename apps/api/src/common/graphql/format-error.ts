import { Logger } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import { PUBLIC_ERROR_CODES } from '../errors/domain-errors';
import { safeErrorStack } from '../logging/safe-error';

const logger = new Logger('GraphQLError');
const PUBLIC = new Set<string>(PUBLIC_ERROR_CODES);

/**
 * The one place errors leave the server. Expected errors (a code in PUBLIC_ERROR_CODES)
 * keep their message and extensions minus any stack; everything else becomes a generic
 * INTERNAL_SERVER_ERROR, logged here with its cause, so no stack trace or SQL reaches a
 * client.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  if (code && PUBLIC.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  const cause = (error as { originalError?: unknown })?.originalError ?? error;
  // The stack with any value PostgreSQL quoted masked (a client's input can be personal data).
  logger.error(`${formatted.path?.join('.') ?? '(no path)'}: ${safeErrorStack(cause)}`);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
