import type { Policy, PolicyOverride } from './policy';
import { POLICY_SCHEMA, WEIGHT_SUM_TOLERANCE, roundForMessage, validateAgainst } from './policy-schema';
import { PolicyValidationError, validatePolicy } from './validate-policy';

type Dict = Record<string, unknown>;

function isPlainObject(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of plain data; arrays and scalars (null included) in `over` replace those in `base`. */
function merge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(over)) if (v !== undefined) out[k] = merge(base[k], v);
  return out;
}

/**
 * Partial weight overrides are renormalised so the set still sums to 1: the weights given keep
 * their values and the weights not given share the remainder `1 - sum(given)` in proportion to
 * their base values. E.g. base skills 0.3, language 0.2, others 0.5 with override `{ skills: 0.5 }`
 * gives language 0.2 × 0.5 / 0.7 ≈ 0.143. Refused when the given weights exceed 1, or when the
 * others are all 0 yet a remainder is left. When every weight is given, they must sum to 1.
 */
function renormalise(base: Dict, given: Dict | undefined, path: string, errors: string[]): Dict | undefined {
  if (given === undefined) return undefined;
  const keys = Object.keys(base);
  const givenKeys = keys.filter((k) => given[k] !== undefined);
  const rest = keys.filter((k) => given[k] === undefined);
  if (rest.length === 0) return { ...given };
  const sumGiven = givenKeys.reduce((a, k) => a + (given[k] as number), 0);
  const remainder = 1 - sumGiven;
  if (remainder < -WEIGHT_SUM_TOLERANCE) {
    errors.push(`${path}: the overridden weights sum to ${roundForMessage(sumGiven)}, more than 1`);
    return undefined;
  }
  const baseRest = rest.reduce((a, k) => a + (base[k] as number), 0);
  if (baseRest === 0 && remainder > WEIGHT_SUM_TOLERANCE) {
    errors.push(`${path}: the overridden weights sum to ${roundForMessage(sumGiven)} and the others are all 0, so the total cannot reach 1`);
    return undefined;
  }
  const out: Dict = {};
  for (const k of keys) out[k] = given[k] !== undefined ? given[k] : baseRest === 0 ? 0 : ((base[k] as number) * Math.max(0, remainder)) / baseRest;
  return out;
}

/**
 * Applies a deep-partial override to a policy and returns a new validated policy whose version is
 * derived from the new content (the same content always gives the same version). The override is
 * validated first: unknown fields and bad values are refused with their JSON path
 * (`params.tieRadiusKm: must be a number > 0`); `version` cannot be overridden. Partial weight
 * sets are renormalised as described at `renormalise` above (README: "Overrides").
 */
export function applyPolicyOverride(base: Policy, override: PolicyOverride | unknown): Policy {
  const errors = validateAgainst(POLICY_SCHEMA, override, '', true);
  if (errors.length > 0) throw new PolicyValidationError(errors);
  const over = override as Dict;
  const jobWeights = renormalise(base.jobWeights as unknown as Dict, over.jobWeights as Dict | undefined, 'jobWeights', errors);
  const linkWeights = renormalise(base.linkWeights as unknown as Dict, over.linkWeights as Dict | undefined, 'linkWeights', errors);
  if (errors.length > 0) throw new PolicyValidationError(errors);
  const { version: _version, ...baseContent } = base;
  const merged = merge(baseContent, { ...over, jobWeights, linkWeights }) as Dict;
  const result = validatePolicy(merged);
  if (!result.ok) throw new PolicyValidationError(result.errors);
  return result.policy;
}
