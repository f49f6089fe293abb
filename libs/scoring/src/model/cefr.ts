/** A CEFR level (Dutch: ERK), with `NONE` for no command of the language at all (R5). */
export type Cefr = 'NONE' | 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';

/** The CEFR levels in ascending order; a level's index is its step (NONE = 0, C2 = 6). */
export const CEFR_LEVELS: readonly Cefr[] = ['NONE', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

/**
 * The step of a CEFR level on the scale NONE = 0 ... C2 = 6 (R5).
 * Throws on anything that is not a CEFR level, so that a typo never scores as "none".
 */
export function cefrStep(level: Cefr): number {
  const step = CEFR_LEVELS.indexOf(level);
  if (step < 0) throw new RangeError(`not a CEFR level: ${String(level)}`);
  return step;
}
