/** Dutch-equivalent education level of a qualification after credential evaluation (R6). */
export type EducationLevel = 'NONE' | 'PRIMARY' | 'SECONDARY' | 'MBO' | 'HBO' | 'WO';

/** Status of a foreign qualification (R6). */
export type DiplomaStatus = 'NONE' | 'SELF_REPORTED' | 'EVALUATED' | 'RECOGNISED';

/** Education levels in ascending order; a level's index is its rank. */
export const EDUCATION_LEVELS: readonly EducationLevel[] = ['NONE', 'PRIMARY', 'SECONDARY', 'MBO', 'HBO', 'WO'];

/** Rank of an education level (NONE = 0 ... WO = 5); throws on an unknown level. */
export function educationRank(level: EducationLevel): number {
  const rank = EDUCATION_LEVELS.indexOf(level);
  if (rank < 0) throw new RangeError(`not an education level: ${String(level)}`);
  return rank;
}
