/** A half-year period, "2026-H2". */
export const PERIOD_PATTERN = /^(\d{4})-H([12])$/;

/**
 * R11 (Housing Act 2014, art. 29): a municipality's housing task for a half-year is
 * ceil(national total × municipal population ÷ national population). Integer arithmetic
 * throughout, so an exact quotient is never pushed up by floating-point error.
 */
export function housingTask(opts: { nationalTotal: number; population: number; nationalPopulation: number }): number {
  const { nationalTotal, population, nationalPopulation } = opts;
  if (!Number.isInteger(nationalTotal) || nationalTotal < 0) throw new RangeError('nationalTotal must be a non-negative integer');
  if (!Number.isInteger(population) || population < 0) throw new RangeError('population must be a non-negative integer');
  if (!Number.isInteger(nationalPopulation) || nationalPopulation <= 0) throw new RangeError('nationalPopulation must be a positive integer');
  const a = BigInt(nationalTotal) * BigInt(population);
  const b = BigInt(nationalPopulation);
  return Number((a + b - 1n) / b);
}

/** The half-year period a date (UTC) falls in: January–June is H1, July–December H2. */
export function periodOf(date: Date): string {
  return `${date.getUTCFullYear()}-H${date.getUTCMonth() < 6 ? 1 : 2}`;
}
