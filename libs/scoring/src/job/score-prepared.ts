import type { PreparedJobContext } from './job-match-context';
import type { PreparedCandidate } from './prepare-candidate';
import type { PreparedVacancy } from './prepare-vacancy';
import {
  GATE,
  diplomaValue,
  distanceValue,
  languageValue,
  pairDistanceKm,
  pairGates,
  pairRtwFlags,
  skillsValue,
  stabilityValue,
  timeToStartValue,
} from './pair-core';

/** The score of one pair without explanations. `failedGates` is a bit set of R9 gates (see `JOB_GATES`). */
export interface PairScore {
  eligible: boolean;
  score: number;
  failedGates: number;
}

/** Bits of `PairScore.failedGates`: R9.1 right to work, R9.2 hours, R9.3 regulated diploma, R9.4 distance, R9.5 working age. */
export const JOB_GATES = GATE;

export function assertSameContext(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext): void {
  if (pc.context !== ctx || pv.context !== ctx) {
    throw new Error('scorePrepared: candidate, vacancy and context must come from the same prepareJobContext call');
  }
}

/**
 * The fast path for ranking (R9, R10): the same score and eligibility as `scoreJobMatch`, without
 * building any explanation. Pass `out` to reuse one result object across calls (no allocation).
 * Profiles must have been prepared with this very context.
 */
export function scorePrepared(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext, out?: PairScore): PairScore {
  if (pc.context !== ctx || pv.context !== ctx) assertSameContext(pc, pv, ctx);
  const cp = ctx.cp;
  const km = pairDistanceKm(pc, pv);
  const rtw = pairRtwFlags(pc, pv, ctx);
  const gates = pairGates(pc, pv, rtw, km);
  // Summed in the order of JOB_COMPONENTS, as explainPrepared does.
  let score = 0;
  score += cp.wSkills * skillsValue(pc, pv, ctx);
  score += cp.wLanguage * languageValue(pc, pv, ctx);
  score += cp.wDiploma * diplomaValue(pc, pv);
  score += cp.wDistance * distanceValue(km, ctx);
  score += cp.wDemand * pv.demandValue;
  score += cp.wStart * timeToStartValue(pc, pv, ctx, rtw);
  score += cp.wStability * stabilityValue(pc, pv);
  if (score > 1) score = 1;
  const r = out ?? { eligible: false, score: 0, failedGates: 0 };
  r.eligible = gates === 0;
  r.score = score;
  r.failedGates = gates;
  return r;
}
