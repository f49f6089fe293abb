import { ScoringInputError } from './scoring-input-error';

/**
 * Calendar dates as whole days since 1970-01-01 (UTC). Dates come in as ISO strings `YYYY-MM-DD`
 * and are read deterministically in UTC: no clock, no time zone.
 */
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month (month 1..12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads `YYYY-MM-DD` into a day number; throws a ScoringInputError naming `field` otherwise. */
export function parseIsoDay(value: string, field = 'date'): number {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
  }
  throw new ScoringInputError(field, `not an ISO date (YYYY-MM-DD): ${JSON.stringify(value)}`);
}

/** Like parseIsoDay, but null/undefined/'' read as NaN ("no date"). */
export function parseOptionalIsoDay(value: string | null | undefined, field: string): number {
  return value === null || value === undefined || value === '' ? NaN : parseIsoDay(value, field);
}

/** Whether a string is a valid ISO calendar date. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseIsoDay(value);
    return true;
  } catch {
    return false;
  }
}

/** The ISO string `YYYY-MM-DD` of a day number. */
export function formatIsoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Year, month (1..12) and day of a day number. */
export function dayParts(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Adds whole calendar months: the same day-of-month `months` later, clamped to the last day of
 * the target month when that month is shorter (31 Aug + 6 months = 28 Feb, or 29 Feb in a leap
 * year). This is how "pending 6 months" (R1.2) and contract lengths are counted.
 */
export function addCalendarMonths(day: number, months: number): number {
  const p = dayParts(day);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return Date.UTC(year, month - 1, Math.min(p.day, daysInMonth(year, month))) / MS_PER_DAY;
}

/**
 * The last day of a contract of `months` calendar months starting on `startDay`:
 * a 6-month contract from 1 Jan ends on 30 Jun.
 */
export function contractEndDay(startDay: number, months: number): number {
  return addCalendarMonths(startDay, months) - 1;
}

/** The day a person born on `birthDay` turns `years` old (a 29 Feb birthday falls on 28 Feb in other years). */
export function birthdayDay(birthDay: number, years: number): number {
  return addCalendarMonths(birthDay, years * 12);
}

/** Age in whole years on `onDay`. */
export function ageOn(birthDay: number, onDay: number): number {
  const b = dayParts(birthDay);
  const o = dayParts(onDay);
  let age = o.year - b.year;
  if (birthdayDay(birthDay, age) > onDay) age -= 1;
  return age;
}
