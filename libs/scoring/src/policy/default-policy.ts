import nl202507 from '../../../../config/policies/nl-2025-07.json';
import nl202601 from '../../../../config/policies/nl-2026-01.json';
import type { Policy } from './policy';
import { parsePolicy } from './parse-policy';
import { PolicyValidationError } from './validate-policy';

/**
 * Orders dated policy versions by `effectiveFrom` and refuses a set that cannot answer "which
 * version is in force": a version without `effectiveFrom`, two versions from the same day, or two
 * versions with the same name.
 */
export function datedVersions(policies: readonly Policy[]): readonly Policy[] {
  const errors: string[] = [];
  for (const p of policies) if (!p.effectiveFrom) errors.push(`${p.name}.effectiveFrom: is required for a dated version`);
  const sorted = [...policies].sort((a, b) => (a.effectiveFrom! < b.effectiveFrom! ? -1 : a.effectiveFrom! > b.effectiveFrom! ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].effectiveFrom === sorted[i - 1].effectiveFrom) errors.push(`${sorted[i].name}.effectiveFrom: ${sorted[i].effectiveFrom} is also ${sorted[i - 1].name}'s`);
  }
  const names = new Set<string>();
  for (const p of sorted) {
    if (names.has(p.name)) errors.push(`${p.name}.name: used by two versions`);
    names.add(p.name);
  }
  if (sorted.length === 0) errors.push('(root): no policy version');
  if (errors.length) throw new PolicyValidationError(errors);
  return Object.freeze(sorted);
}

/**
 * The policy versions shipped in config/policies/, oldest first, each in force from its
 * `effectiveFrom` until the next one's (minimum wage and social-assistance norms change on
 * 1 January and 1 July). Bundled at build time: nothing reads files at run time.
 */
export const POLICY_VERSIONS: readonly Policy[] = datedVersions([parsePolicy(nl202507), parsePolicy(nl202601)]);

/**
 * The version in force on `onDate` (`YYYY-MM-DD`): the latest whose `effectiveFrom` is on or before
 * that day. A day before the oldest version gets the oldest (nothing older is shipped); the answer
 * names the version either way (R18).
 */
export function policyInForce(onDate: string, versions: readonly Policy[] = POLICY_VERSIONS): Policy {
  let found = versions[0];
  for (const p of versions) if (p.effectiveFrom! <= onDate) found = p;
  return found;
}

/** A shipped version by name (`nl-2026-01`) or by its full version (`nl-2026-01@…`); undefined when none. */
export function policyByName(name: string, versions: readonly Policy[] = POLICY_VERSIONS): Policy | undefined {
  return versions.find((p) => p.name === name || p.version === name);
}

/**
 * The newest shipped version. Code that is given a day should use `policyInForce(onDate)`; this is
 * for callers without one (tests, benchmarks, a boot-time default).
 */
export const DEFAULT_POLICY: Policy = POLICY_VERSIONS[POLICY_VERSIONS.length - 1];
