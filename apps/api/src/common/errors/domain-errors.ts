import { GraphQLError } from 'graphql';

/** The error codes clients see in `extensions.code`. Anything else is masked. */
export const PUBLIC_ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;
export type PublicErrorCode = (typeof PUBLIC_ERROR_CODES)[number];

/** One invalid field: its path (`input.diplomas[2].status`), the rule it broke, and a sentence. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * A domain error: an expected failure with a code for `extensions.code`. Thrown by
 * services and guards; the formatter passes it through unchanged (no stack, no SQL).
 */
export class DomainError extends GraphQLError {
  constructor(code: PublicErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInputError extends DomainError {
  constructor(readonly problems: FieldProblem[]) {
    super('BAD_USER_INPUT', `Invalid input: ${problems.map(describe).join('; ')}`, {
      fields: problems,
    });
  }

  static of(field: string, rule: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, rule, message }]);
  }
}

/** "status must be …" on field input.diplomas[2].status reads "input.diplomas[2].status must be …". */
function describe(p: FieldProblem): string {
  const last = p.field.replace(/\[\d+\]$/, '').split('.').pop() ?? p.field;
  return p.message.startsWith(`${last} `) ? `${p.field}${p.message.slice(last.length)}` : `${p.field}: ${p.message}`;
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your API key does not allow this operation') {
    super('FORBIDDEN', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'This operation needs an API key: send Authorization: Bearer <key>') {
    super('UNAUTHENTICATED', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}
