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

/** True for a finite number with at most two decimals: 12.5 and 2400 are, 0.001 and 1e-7 are not. */
export function isWholeCents(value: unknown): boolean {
  // toFixed(2) rounds to cents; a value that survives the round trip has no more than two
  // decimals. Exact for every amount the inputs allow (|value| <= 100,000, far below 2^53 cents).
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(2)) === value;
}

/**
 * An amount in euros in whole cents (at most two decimals). Instead of class-validator's
 * `IsNumber({ maxDecimalPlaces: 2 })`, which counts decimals in `String(value)` and throws on
 * a value printed in exponent notation (`1e-7` has no ".": typestack/class-validator#1705,
 * open), so a wage of 10⁻⁷ became an internal error instead of a refusal naming the field.
 */
export function IsWholeCents(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'wholeCents',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (a: ValidationArguments) => `${a.property} must be an amount in euros with at most 2 decimals (whole cents)`, ...options },
      validator: { validate: (value: unknown) => isWholeCents(value) },
    });
}

/**
 * A number that is not below another field of the same input (`maxHours` not below
 * `minHours`); passes when either is absent. The rule is named after the other field:
 * `atLeastMinHours`.
 */
export function AtLeastField(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: `atLeast${other.charAt(0).toUpperCase()}${other.slice(1)}`,
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: {
        message: (a: ValidationArguments) => `${a.property} must be at least ${other} (${String((a.object as Record<string, unknown>)[other])})`,
        ...options,
      },
      validator: {
        validate: (value: unknown, a: ValidationArguments) => {
          const bound = (a.object as Record<string, unknown>)[other];
          return typeof value !== 'number' || typeof bound !== 'number' || value >= bound;
        },
      },
    });
}
