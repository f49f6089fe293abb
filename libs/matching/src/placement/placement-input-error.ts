/** Bad input to the placement optimiser; `code` lets the API map it to BAD_USER_INPUT. */
export class PlacementInputError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'PlacementInputError';
  }
}
