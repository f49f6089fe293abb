import { Injectable } from '@nestjs/common';
import { applyPolicyOverride, Policy, policyByName, policyInForce, PolicyValidationError, POLICY_VERSIONS, toPolicyOverride } from '@kansrijk/scoring';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { PolicyOverrideInput } from './dto/policy-override.input';

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The policy of one call: the shipped version in force on the call's day (config/policies/, each
 * version in force from its `effectiveFrom`), or a shipped version named by `basePolicy`, with the
 * caller's override applied (a new version). Overrides are cached by their content, so a repeated
 * what-if does not re-validate.
 */
@Injectable()
export class PolicyService {
  private readonly cache = new Map<string, Policy>();

  /** The shipped versions, oldest first. */
  readonly versions: readonly Policy[] = POLICY_VERSIONS;

  /** The version in force today (callers with a day of their own use `inForce`). */
  get base(): Policy {
    return policyInForce(today(), this.versions);
  }

  /** The version in force on `onDate` (YYYY-MM-DD). */
  inForce(onDate: string): Policy {
    return policyInForce(onDate, this.versions);
  }

  /**
   * The policy of a call judged on `onDate` (default today): `override.basePolicy` names a shipped
   * version to start from (to compare versions in a what-if), otherwise the version in force that day.
   */
  resolve(override: PolicyOverrideInput | null | undefined, field = 'policy', onDate?: string): Policy {
    const { basePolicy, ...rest } = (override ? JSON.parse(JSON.stringify(override)) : {}) as Record<string, unknown> & { basePolicy?: string };
    let base: Policy;
    if (basePolicy) {
      const named = policyByName(basePolicy, this.versions);
      if (!named) {
        throw BadUserInputError.of(`${field}.basePolicy`, 'shippedVersion', `basePolicy ${basePolicy} is not a shipped policy version (${this.versions.map((v) => v.name).join(', ')})`);
      }
      base = named;
    } else {
      base = this.inForce(onDate ?? today());
    }
    if (Object.keys(rest).length === 0) return base;
    const key = `${base.version}\u0000${JSON.stringify(rest)}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let policy: Policy;
    try {
      policy = applyPolicyOverride(base, toPolicyOverride(rest));
    } catch (err) {
      if (err instanceof PolicyValidationError) {
        throw new BadUserInputError(
          err.errors.map((e) => {
            const [path, ...more] = e.split(': ');
            return { field: `${field}.${path}`, rule: 'policy', message: more.join(': ') || e };
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
