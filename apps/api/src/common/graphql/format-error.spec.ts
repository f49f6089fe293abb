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
});
