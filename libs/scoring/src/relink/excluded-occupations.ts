import type { RelinkingExclusion } from '../policy/policy';

/**
 * R15: whether an ISCO code is cleaning or distribution work under the policy's list
 * (`params.relinkingExcludedIsco`, matched by prefix), with the entry that matched; null when it
 * is neither. The shipped list (config/policies/*.json) excludes cleaning (911, 912, 5151,
 * 9613) and distribution (4321, 8322, 8344, 9321, 9331, 9333, 9334, 9621); deliberately not
 * 8332 heavy-truck drivers (transport with a professional licence) nor 4323 transport clerks.
 */
export function excludedFromRelinking(iscoCode: string, exclusions: readonly RelinkingExclusion[]): RelinkingExclusion | null {
  const code = iscoCode.trim();
  return exclusions.find((e) => code.startsWith(e.prefix)) ?? null;
}
