/**
 * The right-to-work rules R1-R3 as numbers (internal): day numbers in, a bit set of failed rules
 * out. `checkRightToWork` and the job-match fast path both use these, so they cannot disagree.
 */
import type { CandidateProfile } from '../model/candidate-profile';
import type { CompiledPolicy } from '../policy/compiled-policy';
import { addCalendarMonths, birthdayDay, parseIsoDay, parseOptionalIsoDay } from '../util/iso-date';

export const ASYLUM = 0;
export const HOLDER = 1;
export const UKRAINE = 2;

/** Failed-rule bits. */
export const RTW = {
  UNDER_18: 1, // R1.1
  NO_APPLICATION: 2, // R1.2 (no application date known)
  WAIT: 4, // R1.2
  NOT_IN_RECEPTION: 8, // R1.3
  NO_W_DOCUMENT: 16, // R1.4 (none, or not valid at the start)
  W_DOCUMENT_BEFORE_END: 32, // R1.4
  LEAD_TIME: 64, // R1.5
  EMPLOYER: 128, // R1.5 (employer will not apply for the permit)
  WAGE: 256, // R1.6
  DUBLIN: 512, // R1.7
  CAP: 1024, // historical 24-week cap
  UNDER_LIGHT_WORK_AGE: 2048, // R9.5: younger than the light-work age (13): no paid work
  LIGHT_WORK_HOURS: 4096, // R9.5: below the minimum working age (16): light work only, within its weekly hours
  YOUTH_HOURS: 8192, // R9.5: a young worker (16, 17) beyond the average weekly hours
} as const;

/** The R9.5 working-age bits: they apply to every legal status and fail their own gate, not R9.1. */
export const WORKING_AGE_FLAGS = RTW.UNDER_LIGHT_WORK_AGE | RTW.LIGHT_WORK_HOURS | RTW.YOUTH_HOURS;

/** Right-to-work facts of a candidate as day numbers (NaN = unknown). */
export interface RtwFacts {
  status: number;
  birthDay: number;
  adultDay: number;
  /** R9.5: the days the person reaches the light-work age, the minimum working age and the end of the youth limits. */
  lightWorkAgeDay: number;
  workAgeDay: number;
  youthEndDay: number;
  applicationDay: number;
  waitEndDay: number;
  wIssuedDay: number;
  wExpiryDay: number;
  inReception: boolean;
  dublin: boolean;
}

export function rtwFactsOf(c: CandidateProfile, cp: CompiledPolicy, field = 'candidate'): RtwFacts {
  const status = c.legalStatus === 'ASYLUM_SEEKER' ? ASYLUM : c.legalStatus === 'STATUS_HOLDER' ? HOLDER : c.legalStatus === 'DISPLACED_UKRAINE' ? UKRAINE : -1;
  if (status < 0) throw new RangeError(`${field}.legalStatus: not a legal status: ${String(c.legalStatus)}`);
  const birthDay = parseIsoDay(c.birthDate, `${field}.birthDate`);
  const applicationDay = parseOptionalIsoDay(c.applicationDate, `${field}.applicationDate`);
  return {
    status,
    birthDay,
    adultDay: birthdayDay(birthDay, 18),
    lightWorkAgeDay: birthdayDay(birthDay, cp.lightWorkAge),
    workAgeDay: birthdayDay(birthDay, cp.workAge),
    youthEndDay: birthdayDay(birthDay, cp.youthAge),
    applicationDay,
    // R1.2: the wait ends exactly `asylumWorkWaitMonths` calendar months after the application.
    waitEndDay: Number.isNaN(applicationDay) ? NaN : addCalendarMonths(applicationDay, cp.waitMonths),
    wIssuedDay: parseOptionalIsoDay(c.wDocumentIssued, `${field}.wDocumentIssued`),
    wExpiryDay: parseOptionalIsoDay(c.wDocumentExpiry, `${field}.wDocumentExpiry`),
    inReception: c.livesInReception === true,
    dublin: c.dublinOrReturnDecision === true,
  };
}

/** The day work can actually start: the vacancy's start, or today when that lies in the past. */
export function effectiveStart(startDay: number, onDay: number): number {
  return startDay > onDay ? startDay : onDay;
}

/**
 * Whether the right-to-work bits of this person can depend on the vacancy (its start, end, hours,
 * wage or employer) when judged on `onDay`: always for an asylum seeker (R1), and for anyone still
 * under the youth age (R9.5). Otherwise `rtwFlags` is 0 for every vacancy, which fast paths may rely on.
 */
export function rtwDependsOnVacancy(f: RtwFacts, onDay: number): boolean {
  return f.status === ASYLUM || f.youthEndDay > onDay;
}

/**
 * R9.5 working age for every legal status, on the day work starts: under the light-work age no
 * paid work; under the minimum working age light work only, within its weekly hours; a young
 * worker within the average weekly hours.
 */
export function workingAgeFlags(f: RtwFacts, start: number, cp: CompiledPolicy, hoursPerWeek: number): number {
  if (f.youthEndDay <= start) return 0;
  if (f.lightWorkAgeDay > start) return RTW.UNDER_LIGHT_WORK_AGE;
  if (f.workAgeDay > start) return hoursPerWeek > cp.lightWorkMaxHours + 1e-9 ? RTW.LIGHT_WORK_HOURS : 0;
  return hoursPerWeek > cp.youthMaxHours + 1e-9 ? RTW.YOUTH_HOURS : 0;
}

/**
 * Failed-rule bits for work from `startDay` to `endDay` (NaN = open-ended) judged on `onDay`.
 * `employerApplies` undefined = not asked; `monthlyWage` null/undefined = not known (R1.6 not judged).
 * Status holders (R2) and people displaced from Ukraine (R3) have no R1 conditions: R1 never applies to
 * them; the working age (R9.5) applies to everyone and has its own bits (`WORKING_AGE_FLAGS`).
 */
export function rtwFlags(
  f: RtwFacts,
  onDay: number,
  startDay: number,
  endDay: number,
  cp: CompiledPolicy,
  employerApplies: boolean | undefined,
  monthlyWage: number | null | undefined,
  hoursPerWeek: number,
): number {
  if (f.status !== ASYLUM) return f.youthEndDay > onDay ? workingAgeFlags(f, effectiveStart(startDay, onDay), cp, hoursPerWeek) : 0;
  const start = effectiveStart(startDay, onDay);
  let flags = workingAgeFlags(f, start, cp, hoursPerWeek);
  if (f.adultDay > start) flags |= RTW.UNDER_18;
  if (Number.isNaN(f.applicationDay)) flags |= RTW.NO_APPLICATION;
  else if (f.waitEndDay > start) flags |= RTW.WAIT;
  if (!f.inReception) flags |= RTW.NOT_IN_RECEPTION;
  if (Number.isNaN(f.wExpiryDay) || f.wExpiryDay < start || f.wIssuedDay > start) flags |= RTW.NO_W_DOCUMENT;
  // R1.4: expiring on the day the contract ends is fine; an open-ended contract is judged in time-to-start.
  else if (endDay === endDay && f.wExpiryDay < endDay) flags |= RTW.W_DOCUMENT_BEFORE_END;
  if (onDay + cp.leadDays > start) flags |= RTW.LEAD_TIME;
  if (employerApplies === false) flags |= RTW.EMPLOYER;
  if (monthlyWage !== null && monthlyWage !== undefined && monthlyWage + 1e-9 < cp.minWagePerHour * hoursPerWeek) flags |= RTW.WAGE;
  if (f.dublin) flags |= RTW.DUBLIN;
  // Historical 24-week cap: only when the policy switches it on and work starts before its abolition.
  if (start < cp.capUntilDay && (endDay !== endDay || endDay - start + 1 > cp.capDays)) flags |= RTW.CAP;
  return flags;
}

/**
 * The earliest day (>= onDay) the person may start paid work as far as age, wait and permit lead
 * time go (R1.1, R1.2, R1.5: max(18th birthday, end of the wait, onDay + lead time)); NaN when it
 * cannot be known or never comes (R1.7 Dublin/return decision, R1.3 not in reception, no
 * application date). Status holders and people from Ukraine: onDay.
 */
export function rtwEarliestDay(f: RtwFacts, onDay: number, cp: CompiledPolicy): number {
  if (f.status !== ASYLUM) return onDay;
  if (f.dublin || !f.inReception || Number.isNaN(f.applicationDay)) return NaN;
  return Math.max(onDay, f.adultDay, f.waitEndDay, onDay + cp.leadDays);
}
