import defaultPolicyJson from '../../../../config/policies/default.json';
import type { Policy } from './policy';
import { parsePolicy } from './parse-policy';

/** The baseline policy of config/policies/default.json, parsed and validated once at load. */
export const DEFAULT_POLICY: Policy = parsePolicy(defaultPolicyJson);
