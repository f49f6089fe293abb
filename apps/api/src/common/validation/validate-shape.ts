import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldProblem } from '../errors/domain-errors';
import { flattenValidationErrors } from './validation-pipe';

/**
 * Validates one plain object (e.g. one row of an import) against an input class, the same
 * rules the global pipe applies, and returns its problems with paths under `prefix`
 * (`input[17].hoursPerWeek`) plus the transformed instance.
 */
export function validateShape<T extends object>(cls: ClassConstructor<T>, plain: unknown, prefix: string): { value: T; problems: FieldProblem[] } {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { value: undefined as unknown as T, problems: [{ field: prefix, rule: 'isObject', message: `${prefix} must be an object` }] };
  }
  const value = plainToInstance(cls, plain, { exposeDefaultValues: true });
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  return { value, problems: flattenValidationErrors(errors, prefix) };
}
