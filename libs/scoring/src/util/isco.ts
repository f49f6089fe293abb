/**
 * ISCO-08 codes as numbers for fast comparison (internal): the 4-digit unit group and its
 * 3-digit minor group, -1 when the code is too short or not digits.
 */
export function isco4Of(code: string | null | undefined): number {
  return code && /^\d{4}/.test(code) ? Number(code.slice(0, 4)) : -1;
}

export function isco3Of(code: string | null | undefined): number {
  return code && /^\d{3}/.test(code) ? Number(code.slice(0, 3)) : -1;
}

/** Whether two ISCO codes share their first `digits` digits. */
export function sameIscoGroup(a: string | null | undefined, b: string | null | undefined, digits: number): boolean {
  if (!a || !b || a.length < digits || b.length < digits) return false;
  return /^\d+$/.test(a.slice(0, digits)) && a.slice(0, digits) === b.slice(0, digits);
}
