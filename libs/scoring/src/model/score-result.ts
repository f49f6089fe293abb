import type { Explanation } from './explanation';

/** One scored component: value in [0, 1], its policy weight and its contribution (= weight × value) (R10, R18). */
export interface ScoreComponent {
  name: string;
  value: number;
  weight: number;
  contribution: number;
  reason: Explanation;
}

/** The result of one rule: which rule, whether it passed, and why (R18). */
export interface RuleCheck {
  rule: string;
  passed: boolean;
  reason: Explanation;
}

/**
 * A scored suggestion: the sum of the contributions is the score; a failed check makes it
 * ineligible, but the score and components are still given so an adviser can see why (R9, R18).
 */
export interface ScoreResult {
  eligible: boolean;
  score: number;
  components: ScoreComponent[];
  checks: RuleCheck[];
  policyVersion: string;
}
