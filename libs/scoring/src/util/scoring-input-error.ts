/**
 * Raised when an input cannot be read (a malformed date, a non-finite number). The message names
 * the field, e.g. `candidate.birthDate: not an ISO date (YYYY-MM-DD): "1990-13-01"`.
 */
export class ScoringInputError extends Error {
  readonly code = 'BAD_SCORING_INPUT';
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = 'ScoringInputError';
  }
}
