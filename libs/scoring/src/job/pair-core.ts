/**
 * The per-pair arithmetic of a job match (internal). Both the fast path (`scorePrepared`) and the
 * explained result (`explainPrepared`) call exactly these functions in the same order, so their
 * scores are identical to the last bit.
 */
import { effectiveStart, rtwFlags, ASYLUM, WORKING_AGE_FLAGS } from '../rights/right-to-work-core';
import { haversineRad, DISTANCE_TOLERANCE_KM } from '../util/haversine';
import type { PreparedJobContext } from './job-match-context';
import type { PreparedCandidate } from './prepare-candidate';
import { skillSlot } from './prepare-candidate';
import type { PreparedVacancy } from './prepare-vacancy';

/** Failed-gate bits of a job pair (R9). */
export const GATE = {
  RIGHT_TO_WORK: 1, // R9.1
  HOURS: 2, // R9.2
  DIPLOMA: 4, // R9.3
  DISTANCE: 8, // R9.4
  WORKING_AGE: 16, // R9.5
} as const;

export function pairDistanceKm(pc: PreparedCandidate, pv: PreparedVacancy): number {
  return haversineRad(pc.latRad, pc.lonRad, pc.cosLat, pv.latRad, pv.lonRad, pv.cosLat);
}

/** R1-R3 for this vacancy, including the employer's willingness (R1.5) and the wage (R1.6). */
export function pairRtwFlags(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext): number {
  return rtwFlags(pc.rtw, ctx.onDay, pv.startDay, pv.endDay, ctx.cp, pv.profile.workPermitWillingness, pv.profile.monthlyWage, pv.hours);
}

/** R9 gates as bits. */
export function pairGates(pc: PreparedCandidate, pv: PreparedVacancy, rtw: number, km: number): number {
  let g = 0;
  if ((rtw & ~WORKING_AGE_FLAGS) !== 0) g |= GATE.RIGHT_TO_WORK;
  if ((rtw & WORKING_AGE_FLAGS) !== 0) g |= GATE.WORKING_AGE;
  if (pv.hours > pc.hoursAvailable + 1e-9) g |= GATE.HOURS;
  if (pv.regulated !== null && !pc.recognisedProfessions.includes(pv.regulated)) g |= GATE.DIPLOMA;
  if (km > pc.maxTravelKm + DISTANCE_TOLERANCE_KM) g |= GATE.DISTANCE;
  return g;
}

/** Credit (0..1) the candidate has for one skill number. */
export function skillCredit(pc: PreparedCandidate, id: number): number {
  const keys = pc.skillKeys;
  let i = skillSlot(id, pc.skillShift);
  for (;;) {
    const k = keys[i];
    if (k === id) return pc.skillCredit[i];
    if (k === -1) return 0;
    i = (i + 1) & pc.skillMask;
  }
}

/** R7: partial credit for every vacancy skill from a held occupation in the same ISCO unit (4-digit) or minor (3-digit) group. */
export function relatedFloor(pc: PreparedCandidate, pv: PreparedVacancy, f4: number, f3: number): number {
  let floor = 0;
  const n = pc.occIsco4.length;
  for (let i = 0; i < n; i++) {
    let f = 0;
    if (pv.isco4 >= 0 && pc.occIsco4[i] === pv.isco4) f = f4;
    else if (pv.isco3 >= 0 && pc.occIsco3[i] === pv.isco3) f = f3;
    const v = f * pc.occCredit[i];
    if (v > floor) floor = v;
  }
  return floor;
}

/** R10 skills: weighted mean credit over the vacancy's skills, essential ones weighing more. */
export function skillsValue(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext): number {
  const sp = ctx.cp.policy.params.skills;
  if (pv.skillDenominator <= 0) return sp.noSkillsListedValue;
  const floor = relatedFloor(pc, pv, sp.sameIsco4Factor, sp.sameIsco3Factor);
  let sumE = 0;
  const e = pv.essential;
  for (let i = 0; i < e.length; i++) {
    const c = skillCredit(pc, e[i]);
    sumE += c > floor ? c : floor;
  }
  let sumO = 0;
  const o = pv.optional;
  for (let i = 0; i < o.length; i++) {
    const c = skillCredit(pc, o[i]);
    sumO += c > floor ? c : floor;
  }
  const v = (sp.essentialWeight * sumE + sp.optionalWeight * sumO) / pv.skillDenominator;
  return v > 1 ? 1 : v;
}

/** R5: CEFR steps below the requirement after coaching credit; English counts where it suffices. */
export function languageGap(pc: PreparedCandidate, pv: PreparedVacancy): number {
  let gap = pv.dutchRequired - pc.dutch;
  if (gap < 0) gap = 0;
  const ge = pv.englishRequired - pc.english;
  if (ge < gap) gap = ge < 0 ? 0 : ge;
  return gap;
}

export function languageValue(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext): number {
  const t = ctx.cp.policy.params.language.valueByStepsBelow;
  const gap = languageGap(pc, pv);
  return t[gap < t.length ? gap : t.length - 1];
}

/** R6: best diploma for the required level (1 when nothing is required). */
export function diplomaValue(pc: PreparedCandidate, pv: PreparedVacancy): number {
  return pc.diplomaValueByRank[pv.diplomaRank];
}

/** R10 distance: valueAtReferenceRadius ^ (km / referenceRadiusKm). */
export function distanceValue(km: number, ctx: PreparedJobContext): number {
  return Math.exp(ctx.cp.decayPerKm * km);
}

/**
 * R10 time to start. 0 when the person may not work at the start (R9.1). Otherwise 1, except for an
 * asylum seeker: the permit lead time (1 when the start leaves the practical maximum, 0.5 at the
 * statutory term, linear between) times the W-document window (for an open-ended contract:
 * 0.5 + 0.5 × share of wDocumentFullWindowDays the W-document still covers after the start).
 */
export function timeToStartValue(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext, rtw: number): number {
  if (rtw !== 0) return 0;
  if (pc.rtw.status !== ASYLUM) return 1;
  const cp = ctx.cp;
  const start = effectiveStart(pv.startDay, ctx.onDay);
  const avail = start - ctx.onDay;
  const lead = avail >= cp.leadMaxDays || cp.leadMaxDays <= cp.leadDays ? 1 : 0.5 + (0.5 * (avail - cp.leadDays)) / (cp.leadMaxDays - cp.leadDays);
  if (pv.endDay === pv.endDay) return lead;
  const covered = (pc.rtw.wExpiryDay - start) / cp.policy.params.timeToStart.wDocumentFullWindowDays;
  return lead * (0.5 + 0.5 * (covered < 1 ? covered : 1));
}

/** R10 stability: contract length and hours (vacancy) plus relocation risk (candidate). */
export function stabilityValue(pc: PreparedCandidate, pv: PreparedVacancy): number {
  const v = pv.stabilityPart + pc.stabilityPart;
  return v > 1 ? 1 : v;
}

