import type { Policy } from './policy';
import { PolicyValidationError, validatePolicy } from './validate-policy';

/**
 * Reads a policy from JSON text or from already-parsed data, validates it (see `validatePolicy`)
 * and returns it frozen with its version. Throws `PolicyValidationError` listing each offending
 * field by path.
 */
export function parsePolicy(json: unknown): Policy {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (err) {
      throw new PolicyValidationError([`(root): not valid JSON (${(err as Error).message})`]);
    }
  }
  const result = validatePolicy(data);
  if (!result.ok) throw new PolicyValidationError(result.errors);
  return result.policy;
}
