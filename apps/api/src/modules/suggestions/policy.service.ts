import { Injectable } from '@nestjs/common';
import { applyPolicyOverride, DEFAULT_POLICY, Policy, PolicyValidationError, toPolicyOverride } from '@kansrijk/scoring';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { PolicyOverrideInput } from './dto/policy-override.input';

/**
 * The policy of one call: the versioned default, or the default with the caller's override
 * applied (a new version). Overrides are cached by their content, so a repeated what-if
 * does not re-validate.
 */
@Injectable()
export class PolicyService {
  private readonly cache = new Map<string, Policy>();

  readonly base: Policy = DEFAULT_POLICY;

  resolve(override: PolicyOverrideInput | null | undefined, field = 'policy'): Policy {
    if (!override) return this.base;
    const flat = JSON.parse(JSON.stringify(override)) as Record<string, unknown>;
    if (Object.keys(flat).length === 0) return this.base;
    const key = JSON.stringify(flat);
    const hit = this.cache.get(key);
    if (hit) return hit;
    let policy: Policy;
    try {
      policy = applyPolicyOverride(this.base, toPolicyOverride(flat));
    } catch (err) {
      if (err instanceof PolicyValidationError) {
        throw new BadUserInputError(
          err.errors.map((e) => {
            const [path, ...rest] = e.split(': ');
            return { field: `${field}.${path}`, rule: 'policy', message: rest.join(': ') || e };
          }),
        );
      }
      throw err;
    }
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(key, policy);
    return policy;
  }
}
