import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json';
import type { Policy } from './policy';

/**
 * Parameters that only the municipality link reads (R11-R15), never a job match (R9, R10): the
 * tie radius and work-hours threshold of R12 (the reach of R14 is passed separately), re-linking
 * (R15), the housing total (R11) and the link's own components. Any other parameter, including
 * one added later, counts as part of job scoring, so an unknown one can only stop two policies
 * from sharing job scores, never make them share wrongly.
 */
const LINK_ONLY_PARAMS: ReadonlySet<string> = new Set([
  'tieRadiusKm',
  'minWorkHoursForTie',
  'relinkingMinContractMonths',
  'relinkingIscoMatchDigits',
  'relinkingExcludedIsco',
  'socialAssistanceNormPerMonth',
  'nationalHousingTotal',
  'placementWeight',
  'placementWaitingDoublingDays',
  'link',
]);

const cache = new WeakMap<Policy, string>();

/**
 * A fingerprint of what a policy means for job matching: two policies with the same one score
 * every candidate-vacancy pair alike (eligibility, components, weights), whatever their link
 * parameters. A what-if variant that changes only, say, the tie radius or the housing total can
 * then reuse the baseline's job scores and reachable-vacancy summaries.
 */
export function jobScoringVersion(policy: Policy): string {
  let v = cache.get(policy);
  if (v === undefined) {
    const params = Object.fromEntries(Object.entries(policy.params).filter(([k]) => !LINK_ONLY_PARAMS.has(k)));
    v = createHash('sha256').update(canonicalJson({ params, jobWeights: policy.jobWeights })).digest('hex').slice(0, 16);
    cache.set(policy, v);
  }
  return v;
}
