import type { Policy } from '../policy/policy';

/**
 * R11: a municipality's housing task for a half-year, ceil(national total × municipal population /
 * national population) (Housing Act 2014, art. 29; populations of 1 January of the preceding
 * year). The policy's `nationalHousingTotal`, when set, overrides the given total (what-if runs).
 * Computed in exact integers (BigInt), so no rounding error can push a whole number up.
 */
export function housingTask(args: { nationalTotal?: number | null; municipalityPopulation: number; nationalPopulation: number; policy?: Policy }): number {
  const total = args.policy?.params.nationalHousingTotal ?? args.nationalTotal;
  if (total === null || total === undefined) throw new RangeError('housingTask: no national total (neither given nor set in the policy)');
  const ints = [total, args.municipalityPopulation, args.nationalPopulation];
  if (!ints.every((x) => Number.isSafeInteger(x) && x >= 0) || args.nationalPopulation === 0) {
    throw new RangeError('housingTask: totals and populations must be whole numbers >= 0, national population > 0');
  }
  const task = (BigInt(total) * BigInt(args.municipalityPopulation) + BigInt(args.nationalPopulation) - 1n) / BigInt(args.nationalPopulation);
  return Number(task);
}
