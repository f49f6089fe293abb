/**
 * Raised when the outcome library is given something it cannot use: a feature list naming a
 * protected attribute (R17), an unknown feature, a malformed model file, too few rows to fit.
 * The message names the field and the rule, e.g. `features[2]: R17: "gender" is a protected attribute`.
 */
export class OutcomeInputError extends Error {
  readonly code = 'BAD_OUTCOME_INPUT';
  constructor(
    readonly field: string,
    readonly rule: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'OutcomeInputError';
  }
}
