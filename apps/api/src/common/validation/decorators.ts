import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A calendar date as `YYYY-MM-DD`, between 1900 and 2100. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (a: ValidationArguments) => `${a.property} must be a date written YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) => isLocalDate(value) && value >= '1900-01-01' && value <= '2100-12-31',
      },
    });
}

/** Trims strings (and strings in arrays) before validation; other values pass through. */
export const Trim = () =>
  Transform(({ value }) => {
    if (typeof value === 'string') return value.trim();
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v.trim() : v));
    return value;
  });
