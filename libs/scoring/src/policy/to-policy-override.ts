import type { JobWeights, LinkWeights, PolicyOverride, HistoricalWorkCap } from './policy';
import { PolicyValidationError } from './validate-policy';

/**
 * The flat override of the GraphQL `PolicyOverride` input (api.md): the parameters an evaluator
 * changes most, at the top level. `null` and `undefined` both mean "not given", except for
 * `historicalWorkCap.abolishedOn`, where null is a value (never abolished).
 */
export interface FlatPolicyOverride {
  name?: string | null;
  tieRadiusKm?: number | null;
  minWorkHoursForTie?: number | null;
  asylumWorkWaitMonths?: number | null;
  workPermitLeadTimeWeeks?: number | null;
  workPermitLeadTimeMaxWeeks?: number | null;
  relinkingMinContractMonths?: number | null;
  languageCoachingCreditSteps?: number | null;
  statutoryMinimumWagePerMonth?: number | null;
  socialAssistanceNormSingle?: number | null;
  socialAssistanceNormCouple?: number | null;
  distanceReferenceRadiusKm?: number | null;
  historicalWorkCap?: Partial<HistoricalWorkCap> | null;
  /** R11 national housing total for the period. */
  nationalHousingTotal?: number | null;
  /** R11, R16: how a cohort plan shares a shortage (HOUSEHOLD, PERSON, WAITING). */
  placementWeight?: string | null;
  placementWaitingDoublingDays?: number | null;
  /** Partial weights are renormalised (see `applyPolicyOverride`). */
  jobWeights?: Partial<Record<keyof JobWeights, number | null>> | null;
  linkWeights?: Partial<Record<keyof LinkWeights, number | null>> | null;
}

const PARAM_KEYS = [
  'tieRadiusKm',
  'minWorkHoursForTie',
  'asylumWorkWaitMonths',
  'workPermitLeadTimeWeeks',
  'workPermitLeadTimeMaxWeeks',
  'relinkingMinContractMonths',
  'languageCoachingCreditSteps',
  'statutoryMinimumWagePerMonth',
  'nationalHousingTotal',
  'placementWeight',
  'placementWaitingDoublingDays',
] as const;

const KNOWN = new Set<string>([
  ...PARAM_KEYS,
  'name',
  'socialAssistanceNormSingle',
  'socialAssistanceNormCouple',
  'distanceReferenceRadiusKm',
  'historicalWorkCap',
  'jobWeights',
  'linkWeights',
]);

function given<T>(v: T | null | undefined): v is T {
  return v !== null && v !== undefined;
}

function dropNulls(obj: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  if (!given(obj)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (given(v)) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Maps the flat GraphQL override to the nested override that `applyPolicyOverride` takes. Unknown
 * keys are refused with their name. Values are checked by `applyPolicyOverride`, whose messages
 * name the nested path (`params.tieRadiusKm: ...`).
 */
export function toPolicyOverride(flat: FlatPolicyOverride): PolicyOverride {
  const unknown = Object.keys(flat ?? {}).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) throw new PolicyValidationError(unknown.map((k) => `${k}: unknown field`));
  const params: Record<string, unknown> = {};
  for (const key of PARAM_KEYS) if (given(flat[key])) params[key] = flat[key];
  const norm = dropNulls({ single: flat.socialAssistanceNormSingle, couple: flat.socialAssistanceNormCouple });
  if (norm) params.socialAssistanceNormPerMonth = norm;
  if (given(flat.distanceReferenceRadiusKm)) params.distance = { referenceRadiusKm: flat.distanceReferenceRadiusKm };
  if (given(flat.historicalWorkCap)) {
    const cap: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(flat.historicalWorkCap)) if (v !== undefined && (v !== null || k === 'abolishedOn')) cap[k] = v;
    params.historicalWorkCap = cap;
  }
  const out: Record<string, unknown> = {};
  if (given(flat.name)) out.name = flat.name;
  if (Object.keys(params).length > 0) out.params = params;
  const jw = dropNulls(flat.jobWeights as Record<string, unknown> | null | undefined);
  const lw = dropNulls(flat.linkWeights as Record<string, unknown> | null | undefined);
  if (jw) out.jobWeights = jw;
  if (lw) out.linkWeights = lw;
  return out as PolicyOverride;
}
