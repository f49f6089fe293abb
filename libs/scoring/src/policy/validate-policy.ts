import type { Policy, PolicyParams, JobWeights, LinkWeights } from './policy';
import { POLICY_SCHEMA, validateAgainst } from './policy-schema';
import { policyVersion } from './policy-version';

/** A refused policy or override; `errors` holds one `path: problem` line per offending field. */
export class PolicyValidationError extends Error {
  readonly code = 'INVALID_POLICY';
  constructor(readonly errors: string[]) {
    super(`invalid policy: ${errors.join('; ')}`);
    this.name = 'PolicyValidationError';
  }
}

/** The outcome of validating a policy. */
export type PolicyValidationResult = { ok: true; policy: Policy; errors: [] } | { ok: false; errors: string[] };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value as Record<string, unknown>).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates a complete policy given as plain data (parsed JSON). Every offending field is named by
 * its JSON path, e.g. `params.tieRadiusKm: must be a number > 0`; unknown fields are refused.
 * A `version` field is accepted and ignored: the version is always derived from the content.
 * On success returns a frozen copy carrying its version.
 */
export function validatePolicy(input: unknown): PolicyValidationResult {
  const errors = validateAgainst(POLICY_SCHEMA, input, '', false, ['version']);
  if (errors.length > 0) return { ok: false, errors };
  const src = input as { name: string; description?: string; effectiveFrom?: string; sources?: string[]; params: PolicyParams; jobWeights: JobWeights; linkWeights: LinkWeights };
  // A structured clone keeps only data, so the frozen policy shares nothing with the caller's object.
  const content = structuredClone({
    name: src.name,
    ...(src.description !== undefined ? { description: src.description } : {}),
    ...(src.effectiveFrom !== undefined ? { effectiveFrom: src.effectiveFrom } : {}),
    ...(src.sources !== undefined ? { sources: src.sources } : {}),
    params: src.params,
    jobWeights: src.jobWeights,
    linkWeights: src.linkWeights,
  });
  const policy: Policy = { ...content, version: policyVersion(content) };
  return { ok: true, policy: deepFreeze(policy), errors: [] };
}
