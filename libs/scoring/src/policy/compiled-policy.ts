import type { Policy } from './policy';
import { parseIsoDay } from '../util/iso-date';

/**
 * Numbers derived from a policy once (internal): the fast path reads these instead of walking the
 * policy object for every pair. Cached per policy object; policies are frozen, so the cache cannot
 * go stale.
 */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly version: string;
  readonly waitMonths: number;
  readonly leadDays: number;
  readonly leadMaxDays: number;
  /** R1 historical cap: applies to work starting before this day (Infinity = never abolished); NaN when off. */
  readonly capUntilDay: number;
  readonly capDays: number;
  readonly minWagePerHour: number;
  /** R9.5 working age (see `WorkingAge`). */
  readonly workAge: number;
  readonly lightWorkAge: number;
  readonly lightWorkMaxHours: number;
  readonly youthAge: number;
  readonly youthMaxHours: number;
  /** ln(valueAtReferenceRadius) / referenceRadiusKm: distance value = exp(decayPerKm × km). */
  readonly decayPerKm: number;
  readonly wSkills: number;
  readonly wLanguage: number;
  readonly wDiploma: number;
  readonly wDistance: number;
  readonly wDemand: number;
  readonly wStart: number;
  readonly wStability: number;
}

const cache = new WeakMap<Policy, CompiledPolicy>();

/** The compiled numbers of a policy (internal). */
export function compilePolicy(policy: Policy): CompiledPolicy {
  let c = cache.get(policy);
  if (c) return c;
  const p = policy.params;
  const w = policy.jobWeights;
  const cap = p.historicalWorkCap;
  c = {
    policy,
    version: policy.version,
    waitMonths: p.asylumWorkWaitMonths,
    leadDays: Math.round(p.workPermitLeadTimeWeeks * 7),
    leadMaxDays: Math.round(p.workPermitLeadTimeMaxWeeks * 7),
    capUntilDay: !cap.enabled ? NaN : cap.abolishedOn === null ? Infinity : parseIsoDay(cap.abolishedOn, 'params.historicalWorkCap.abolishedOn'),
    capDays: Math.round(cap.weeksPerYear * 7),
    minWagePerHour: p.statutoryMinimumWagePerMonth / p.statutoryMinimumWageFullTimeHours,
    workAge: p.workingAge.minimumAge,
    lightWorkAge: p.workingAge.lightWorkMinimumAge,
    lightWorkMaxHours: p.workingAge.lightWorkMaxHoursPerWeek,
    youthAge: p.workingAge.youthUntilAge,
    youthMaxHours: p.workingAge.youthMaxHoursPerWeek,
    decayPerKm: Math.log(p.distance.valueAtReferenceRadius) / p.distance.referenceRadiusKm,
    wSkills: w.skills,
    wLanguage: w.language,
    wDiploma: w.diploma,
    wDistance: w.distance,
    wDemand: w.labourDemand,
    wStart: w.timeToStart,
    wStability: w.stability,
  };
  cache.set(policy, c);
  return c;
}
