import { FieldProblem } from '../../common/errors/domain-errors';

/**
 * Applies an update onto the stored record's input shape: a field given replaces the
 * stored one (a list replaces the whole list), an explicit null clears an optional field,
 * an absent field stays. Clearing a required field is refused, naming it.
 */
export function mergeUpdate<T extends object>(base: T, update: Partial<Record<keyof T, unknown>>, required: (keyof T)[], path: string): { merged: T; problems: FieldProblem[] } {
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    if (value === null) {
      if (required.includes(key as keyof T)) problems.push({ field: `${path}.${key}`, rule: 'required', message: `${key} is required and cannot be cleared` });
      else delete merged[key];
      continue;
    }
    merged[key] = value;
  }
  return { merged: merged as T, problems };
}
