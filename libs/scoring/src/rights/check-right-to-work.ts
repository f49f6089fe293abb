import type { CandidateProfile } from '../model/candidate-profile';
import type { RuleCheck } from '../model/score-result';
import type { Policy } from '../policy/policy';
import { compilePolicy } from '../policy/compiled-policy';
import { formatIsoDay, parseIsoDay, parseOptionalIsoDay } from '../util/iso-date';
import { ASYLUM, effectiveStart, rtwEarliestDay, rtwFactsOf, rtwFlags } from './right-to-work-core';
import { rtwChecks, workingAgeCheck } from './right-to-work-reasons';

/** Whether, and from when, a person may do paid work (R1-R3). */
export interface RightToWorkResult {
  /** May work from the vacancy start (or from `onDate` when the start lies in the past) to the contract end. */
  allowed: boolean;
  /**
   * Earliest start date as far as age, wait and permit lead time go (R1.1, R1.2, R1.5); null when
   * it cannot be known or never comes (R1.7, R1.3, unknown application date).
   */
  from: string | null;
  /** R1.5: a work permit (TWV) is needed (asylum seekers only). */
  permitNeeded: boolean;
  reasons: RuleCheck[];
}

/** Arguments of `checkRightToWork`. Dates are `YYYY-MM-DD`. */
export interface CheckRightToWorkArgs {
  candidate: CandidateProfile;
  /** The day the question is asked (the permit procedure can start then). */
  onDate: string;
  vacancyStart: string;
  /** Last day of the contract; absent or null = open-ended. */
  contractEnd?: string | null;
  policy: Policy;
  /** R1.5: whether the employer will apply for the permit; absent = not judged. */
  employerAppliesForPermit?: boolean;
  /** R1.6: the offered pay; absent or a null wage = not judged. */
  pay?: { monthlyWage: number | null; hoursPerWeek: number };
}

/**
 * Judges the right to work for one start date (R1-R3). Asylum seekers (R1) must be 18 (R1.1), have
 * waited `asylumWorkWaitMonths` calendar months since the application (R1.2; exactly that many
 * months is enough), live in reception (R1.3), hold a W-document valid through the contract end
 * (R1.4; expiring on the last day is fine), leave the permit lead time (R1.5: earliest start =
 * max(end of wait, onDate + lead time)), earn the minimum wage if pay is given (R1.6), and have no
 * Dublin or return decision (R1.7). The abolished 24-week cap applies only when the policy switches
 * it on and work starts before `abolishedOn` (null = never abolished, for what-if runs). Status
 * holders (R2) and people displaced from Ukraine (R3) may work without permit or wait; R1 is never
 * applied to them.
 */
export function checkRightToWork(args: CheckRightToWorkArgs): RightToWorkResult {
  const cp = compilePolicy(args.policy);
  const f = rtwFactsOf(args.candidate, cp);
  const onDay = parseIsoDay(args.onDate, 'onDate');
  const startDay = parseIsoDay(args.vacancyStart, 'vacancyStart');
  const endDay = parseOptionalIsoDay(args.contractEnd, 'contractEnd');
  const wage = args.pay?.monthlyWage;
  const hours = args.pay?.hoursPerWeek ?? 0;
  const flags = rtwFlags(f, onDay, startDay, endDay, cp, args.employerAppliesForPermit, wage, hours);
  const from = rtwEarliestDay(f, onDay, cp);
  // R9.5 for every status; without `pay` the hours are not known and only the age itself is judged.
  const age = workingAgeCheck(f, flags, effectiveStart(startDay, onDay), cp, hours);
  return {
    allowed: flags === 0,
    from: Number.isNaN(from) ? null : formatIsoDay(from),
    permitNeeded: f.status === ASYLUM,
    reasons: [...rtwChecks({ f, flags, onDay, startDay, endDay, cp, employerApplies: args.employerAppliesForPermit, monthlyWage: wage, hoursPerWeek: hours }), ...(age ? [age] : [])],
  };
}
