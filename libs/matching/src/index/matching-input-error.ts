/** Bad input to the matching index (a negative k, an ISCO group of letters); `code` maps to BAD_USER_INPUT. */
export class MatchingInputError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'MatchingInputError';
  }
}
