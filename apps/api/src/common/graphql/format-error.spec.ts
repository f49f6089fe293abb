import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { BadUserInputError, DomainError } from '../errors/domain-errors';
import { formatGraphQLError } from './format-error';

describe('formatGraphQLError', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('masks an unexpected error (a database error with SQL) as INTERNAL_SERVER_ERROR without message, stack or SQL', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "uq_x"'), { query: 'INSERT INTO candidate ...', stack: 'Error\n    at x (/app/src/a.ts:1:1)' });
    const error = new GraphQLError(cause.message, { path: ['createCandidate'], originalError: cause });
    const out = formatGraphQLError({ message: cause.message, path: ['createCandidate'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x (/app/src/a.ts:1:1)'] } }, error);
    expect(out).toEqual({ message: 'Internal server error', path: ['createCandidate'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps an expected error with its code and extensions, minus any stack', () => {
    const e = new BadUserInputError([{ field: 'input.name', rule: 'noNulCharacter', message: 'name must not contain a NUL character' }]);
    const out = formatGraphQLError({ message: e.message, extensions: { ...e.extensions, stacktrace: ['at y'] } }, e);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.name', rule: 'noNulCharacter', message: 'name must not contain a NUL character' }] });
    const limited = new DomainError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 3 });
    expect(formatGraphQLError({ message: limited.message, extensions: limited.extensions }, limited).extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 3 });
  });

  it('masks a code that is not public', () => {
    expect(formatGraphQLError({ message: 'secret', extensions: { code: 'SOME_DRIVER_CODE' } }, new Error('secret')).message).toBe('Internal server error');
  });

  it('answers graphql-js\'s stop after 50 variable problems as BAD_USER_INPUT naming the rule', () => {
    const e = new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.');
    const out = formatGraphQLError({ message: e.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, e);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'variables', rule: 'maxVariableErrors' })] });
    // The same words thrown by our own code are not a client's mistake.
    expect(formatGraphQLError({ message: e.message, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error(e.message)).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('drops "Did you mean …?" when asked to, and keeps it otherwise', () => {
    const message = 'Variable "$i" got invalid value "ADMINN" at "i.role"; Value "ADMINN" does not exist in "Role" enum. Did you mean the enum value "ADMIN"?';
    const formatted = { message, extensions: { code: 'BAD_USER_INPUT' } };
    expect(formatGraphQLError(formatted, new GraphQLError(message), { hideSuggestions: true }).message).toBe(
      'Variable "$i" got invalid value "ADMINN" at "i.role"; Value "ADMINN" does not exist in "Role" enum.',
    );
    expect(formatGraphQLError(formatted, new GraphQLError(message)).message).toBe(message);
    const field = 'Cannot query field "candidat" on type "Query". Did you mean "candidate" or "candidates"?';
    expect(formatGraphQLError({ message: field, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new GraphQLError(field), { hideSuggestions: true }).message).toBe(
      'Cannot query field "candidat" on type "Query".',
    );
  });
});
