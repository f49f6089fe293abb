/** A half-year period, "2026-H2". */
export const PERIOD_PATTERN = /^(\d{4})-H([12])$/;

/** The half-year period a date (UTC) falls in: January–June is H1, July–December H2. */
export function periodOf(date: Date): string {
  return `${date.getUTCFullYear()}-H${date.getUTCMonth() < 6 ? 1 : 2}`;
}
