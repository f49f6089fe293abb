import type { ScoreComponent, ScoreResult } from '../model/score-result';
import { JOB_COMPONENTS } from '../policy/policy';
import { rtwEarliestDay } from '../rights/right-to-work-core';
import { rtwChecks } from '../rights/right-to-work-reasons';
import { formatIsoDay } from '../util/iso-date';
import type { PreparedJobContext } from './job-match-context';
import {
  demandReason,
  diplomaGate,
  diplomaReason,
  distanceGate,
  distanceReason,
  hoursGate,
  languageReason,
  rightToWorkGate,
  skillsReason,
  stabilityReason,
  timeToStartReason,
  workingAgeGate,
} from './job-reasons';
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
import type { PreparedCandidate } from './prepare-candidate';
import type { PreparedVacancy } from './prepare-vacancy';
import { assertSameContext } from './score-prepared';

/** A job match with every component and check explained (R9, R10, R18). */
export interface JobMatchResult extends ScoreResult {
  candidateId: string;
  vacancyId: string;
  /** Great-circle distance from the candidate to the workplace, km. */
  distanceKm: number;
  /** Earliest start as far as the right to work goes (R1-R3); null when none can be given. */
  earliestStart: string | null;
}

/**
 * The explained job match of two prepared profiles: gates as `checks` (R9.1 right to work with the
 * R1-R3 detail checks, R9.2 hours, R9.3 regulated diploma, R9.4 distance) and the seven components
 * of R10 with weight, contribution and reason. The score equals `scorePrepared`'s exactly.
 */
export function explainPrepared(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext): JobMatchResult {
  assertSameContext(pc, pv, ctx);
  const cp = ctx.cp;
  const w = cp.policy.jobWeights;
  const km = pairDistanceKm(pc, pv);
  const rtw = pairRtwFlags(pc, pv, ctx);
  const gates = pairGates(pc, pv, rtw, km);
  const earliest = rtwEarliestDay(pc.rtw, ctx.onDay, cp);

  const values: Record<(typeof JOB_COMPONENTS)[number], number> = {
    skills: skillsValue(pc, pv, ctx),
    language: languageValue(pc, pv, ctx),
    diploma: diplomaValue(pc, pv),
    distance: distanceValue(km, ctx),
    labourDemand: pv.demandValue,
    timeToStart: timeToStartValue(pc, pv, ctx, rtw),
    stability: stabilityValue(pc, pv),
  };
  const reasons = {
    skills: () => skillsReason(pc, pv, ctx),
    language: () => languageReason(pc, pv),
    diploma: () => diplomaReason(pc, pv),
    distance: () => distanceReason(km, ctx),
    labourDemand: () => demandReason(pv, ctx),
    timeToStart: () => timeToStartReason(pc, pv, ctx, rtw, earliest),
    stability: () => stabilityReason(pc, pv, ctx),
  };
  let score = 0;
  const components: ScoreComponent[] = JOB_COMPONENTS.map((name) => {
    const contribution = w[name] * values[name];
    score += contribution;
    return { name, value: values[name], weight: w[name], contribution, reason: reasons[name]() };
  });
  if (score > 1) score = 1;

  const details = rtwChecks({
    f: pc.rtw,
    flags: rtw,
    onDay: ctx.onDay,
    startDay: pv.startDay,
    endDay: pv.endDay,
    cp,
    employerApplies: pv.profile.workPermitWillingness,
    monthlyWage: pv.profile.monthlyWage,
    hoursPerWeek: pv.hours,
  });
  const age = workingAgeGate(pc, pv, ctx, rtw);
  const checks = [
    rightToWorkGate(pc, pv, ctx, rtw, earliest, details),
    ...details,
    hoursGate(pc, pv, (gates & GATE.HOURS) !== 0),
    diplomaGate(pv, (gates & GATE.DIPLOMA) !== 0),
    distanceGate(pc, km, (gates & GATE.DISTANCE) !== 0),
    ...(age ? [age] : []),
  ];
  return {
    candidateId: pc.id,
    vacancyId: pv.id,
    eligible: gates === 0,
    score,
    components,
    checks,
    policyVersion: cp.version,
    distanceKm: km,
    earliestStart: Number.isNaN(earliest) ? null : formatIsoDay(earliest),
  };
}
