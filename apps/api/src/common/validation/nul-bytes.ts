import { FieldProblem } from '../errors/domain-errors';

const MAX_PROBLEMS = 20;

/**
 * The paths of strings that contain a NUL character (U+0000), which PostgreSQL cannot
 * store in text or jsonb: `input.name`, `input[3].title`. Found before anything is
 * validated or written, so such input gets BAD_USER_INPUT naming the field instead of a
 * database error. Stops after 20 problems.
 */
export function findNulBytes(value: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (v: unknown, p: string): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) problems.push({ field: p || 'value', rule: 'noNulCharacter', message: `${lastName(p)} must not contain a NUL character (\\u0000)` });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${p}[${i}]`));
    } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\u0000')) problems.push({ field: p ? `${p}.${k}` : k, rule: 'noNulCharacter', message: `a field name must not contain a NUL character (\\u0000)` });
        visit(item, p ? `${p}.${k}` : k);
      }
    }
  };
  visit(value, path);
  return problems;
}

const lastName = (path: string) => path.replace(/\[\d+\]$/, '').split('.').pop() || 'value';
