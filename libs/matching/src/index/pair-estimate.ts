/**
 * The job-match score of a pair as the index estimates it to choose which pairs to score
 * (internal). It calls the scoring library's own per-pair functions (libs/scoring `job/pair-core`,
 * the ones `scorePrepared` and `explainPrepared` call, and `rtwFlags` from the shared right-to-work
 * core) in the order `scorePrepared` sums them, on a prepared vacancy or a `VacancyView` of its
 * packed row. One part differs: the skills component, when no held occupation shares the
 * vacancy's ISCO group, comes from the summed shared credits (`SkillSums`) rather than skill by
 * skill: the same terms, added in another order, so the estimate can differ from
 * `scorePrepared` in the last bits.
 *
 * Every score the index returns comes from `scorePrepared`; an estimate only decides which pairs
 * are worth scoring, with ESTIMATE_EPS of slack, and `assertEstimate` makes any larger drift loud.
 */
import type { PreparedCandidate, PreparedJobContext, PreparedVacancy } from '@kansrijk/scoring';
import { diplomaValue, distanceValue, languageValue, pairDistanceKm, pairGates, pairRtwFlags, relatedFloor, skillsValue, stabilityValue, timeToStartValue } from '@kansrijk/scoring/job/pair-core';
import { rtwFlags } from '@kansrijk/scoring/rights/right-to-work-core';
import type { SkillSums } from './skill-postings';

export { pairDistanceKm, pairGates, pairRtwFlags, distanceValue };

/** Largest difference tolerated between an estimate and `scorePrepared` (they differ by rounding only, ~1e-16). */
export const ESTIMATE_EPS = 1e-9;

/** R1-R3 flags of a pair from the numbers of a vacancy row: what `pairRtwFlags` computes from the prepared vacancy. */
export function rowRtwFlags(pc: PreparedCandidate, ctx: PreparedJobContext, startDay: number, endDay: number, willing: number, wage: number, hours: number): number {
  return rtwFlags(pc.rtw, ctx.onDay, startDay, endDay, ctx.cp, willing !== 0, wage, hours);
}

/**
 * Whether the skills component can be read off the sums even when a held occupation shares the
 * vacancy's ISCO group: when every credit the candidate holds is at least the largest floor any
 * occupation can give, each shared skill counts its credit and each other skill the floor.
 */
export function floorBelowCredits(pc: PreparedCandidate, ctx: PreparedJobContext): boolean {
  const sp = ctx.cp.policy.params.skills;
  let maxFloor = 0;
  for (let i = 0; i < pc.occCredit.length; i++) maxFloor = Math.max(maxFloor, Math.max(sp.sameIsco4Factor, sp.sameIsco3Factor) * pc.occCredit[i]);
  let minCredit = Infinity;
  for (let i = 0; i < pc.skillKeys.length; i++) if (pc.skillKeys[i] !== -1) minCredit = Math.min(minCredit, pc.skillCredit[i]);
  return minCredit >= maxFloor;
}

/**
 * R7 skills component of a pair whose shared credit sums are at `sums[sumSlot]`. `pv` may be a
 * view (read for the denominator and the ISCO groups only); `full[fullSlot]` is the prepared
 * vacancy, read skill by skill when a held occupation shares its ISCO group and `floorSafe`
 * (see `floorBelowCredits`) does not hold.
 */
export function skillsEstimate(
  pc: PreparedCandidate,
  pv: PreparedVacancy,
  ctx: PreparedJobContext,
  sums: SkillSums,
  sumSlot: number,
  full: readonly (PreparedVacancy | undefined)[],
  fullSlot: number,
  floorSafe = false,
): number {
  const den = pv.skillDenominator;
  if (den <= 0) return skillsValue(pc, pv, ctx);
  const sp = ctx.cp.policy.params.skills;
  const floor = pc.occIsco4.length === 0 ? 0 : relatedFloor(pc, pv, sp.sameIsco4Factor, sp.sameIsco3Factor);
  const shared = sums.has(sumSlot);
  if (floor > 0 && !floorSafe) return skillsValue(pc, full[fullSlot] as PreparedVacancy, ctx);
  if (!shared) return floor;
  const ew = sp.essentialWeight;
  const ow = sp.optionalWeight;
  let sum = ew * sums.essential[sumSlot] + ow * sums.optional[sumSlot];
  if (floor > 0) sum += floor * (den - ew * sums.essentialCount[sumSlot] - ow * sums.optionalCount[sumSlot]);
  const v = sum / den;
  return v > 1 ? 1 : v;
}

/** The score `scorePrepared` gives, from the skills component, the distance and the right-to-work flags. */
export function estimateScore(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext, skills: number, km: number, rtw: number): number {
  const cp = ctx.cp;
  let score = 0;
  score += cp.wSkills * skills;
  score += cp.wLanguage * languageValue(pc, pv, ctx);
  score += cp.wDiploma * diplomaValue(pc, pv);
  score += cp.wDistance * distanceValue(km, ctx);
  score += cp.wDemand * pv.demandValue;
  score += cp.wStart * timeToStartValue(pc, pv, ctx, rtw);
  score += cp.wStability * stabilityValue(pc, pv);
  return score > 1 ? 1 : score;
}

/**
 * An upper bound of `estimateScore` that needs neither the distance nor the right-to-work flags:
 * the distance component at its best (1, at 0 km: the value only falls with distance, the policy
 * keeps `valueAtReferenceRadius` ≤ 1) and the time-to-start component at its best (1).
 */
export function boundScore(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext, skills: number): number {
  const cp = ctx.cp;
  let score = 0;
  score += cp.wSkills * skills;
  score += cp.wLanguage * languageValue(pc, pv, ctx);
  score += cp.wDiploma * diplomaValue(pc, pv);
  score += cp.wDistance;
  score += cp.wDemand * pv.demandValue;
  score += cp.wStart;
  score += cp.wStability * stabilityValue(pc, pv);
  return score > 1 ? 1 : score;
}

/** The full score from its parts and the weighted distance value, summed as `scorePrepared` sums it. */
export function scoreFromParts(head: number, distancePart: number, demand: number, start: number, stability: number): number {
  let score = head;
  score += distancePart;
  score += demand;
  score += start;
  score += stability;
  return score > 1 ? 1 : score;
}

/** Throws when an estimate and the library's score disagree by more than rounding: the pruning would no longer be exact. */
export function assertEstimate(estimate: number, exact: number, what: string): void {
  if (!(Math.abs(estimate - exact) <= ESTIMATE_EPS)) {
    throw new Error(`matching index: the estimate for ${what} (${estimate}) differs from scorePrepared (${exact}); has libs/scoring changed how it sums a score?`);
  }
}
