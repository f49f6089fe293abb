import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { PUBLIC_ERROR_CODES } from '../errors/domain-errors';
import { safeErrorStack } from '../logging/safe-error';

const logger = new Logger('GraphQLError');
const PUBLIC = new Set<string>(PUBLIC_ERROR_CODES);

/** What graphql-js throws once a request's variables have 50 problems (it then stops coercing them). */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * graphql-js's "Did you mean …?" hints (a misspelt field, argument, type, enum value or input
 * field: `Did you mean "candidate" or "candidates"?`). Every hint is a list of schema names.
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

export interface ErrorFormatOptions {
  /** Drop graphql-js's suggestions, which name fields and values of the schema. */
  hideSuggestions?: boolean;
}

/**
 * The one place errors leave the server. Expected errors (a code in PUBLIC_ERROR_CODES)
 * keep their message and extensions minus any stack; everything else becomes a generic
 * INTERNAL_SERVER_ERROR, logged here with its cause, so no stack trace or SQL reaches a
 * client. With `hideSuggestions` (introspection off) no message suggests a schema name:
 * Apollo's `hideSchemaDetailsFromClientErrors` strips them from validation errors only, not
 * from the variable errors of execution (`Value "ADMINN" does not exist in "Role" enum. Did
 * you mean the enum value "ADMIN"?`), so they are stripped here, from every error.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, options: ErrorFormatOptions = {}): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  const message = (m: string) => (options.hideSuggestions ? m.replace(SUGGESTION, '') : m);
  if (code && PUBLIC.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { message: message(formatted.message), locations: formatted.locations, path: formatted.path, extensions };
  }
  if (isVariableErrorLimit(error)) {
    // The client's mistake, not ours: the 50 problems before it are BAD_USER_INPUT already
    // (Apollo recognises those by their variable), and so is this one.
    const text = 'variables: more than 50 problems in the variables; the first 50 are listed, correct them and send again';
    return { message: text, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'variables', rule: 'maxVariableErrors', message: text }] } };
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

/** The error formatter for Apollo's `formatError`, with the options of this server. */
export function graphQLErrorFormatter(options: ErrorFormatOptions): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => formatGraphQLError(formatted, error, options);
}

function isVariableErrorLimit(error: unknown): boolean {
  return error instanceof GraphQLError && error.originalError === undefined && error.path === undefined && error.message === VARIABLE_ERROR_LIMIT;
}
