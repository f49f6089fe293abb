import type { Instance } from './instance';
import { PlacementInputError } from './placement-input-error';
import type { BalanceConstraint, BalanceReport } from './types';

/** Persons of slack allowed when checking shares: guards against round-off only (shares are of whole persons). */
export const BALANCE_SLACK = 1e-6;

/**
 * The balance constraint in index form (R14): region r's placed persons must lie within
 * [lo_r, hi_r] times all placed persons. Both sides scale with the persons placed, so the
 * empty plan is always balanced and the rule is linear:
 *   P_r - hi_r * P <= 0  and  lo_r * P - P_r <= 0.
 */
export class BalanceRule {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly mode: 'absolute' | 'relative';

  constructor(
    readonly inst: Instance,
    readonly constraint: BalanceConstraint,
  ) {
    const t = constraint.tolerance;
    if (!(t >= 0) || !Number.isFinite(t)) throw new PlacementInputError(`balance.tolerance must be a finite number >= 0 (got ${t})`);
    if (constraint.mode !== undefined && constraint.mode !== 'absolute' && constraint.mode !== 'relative') {
      throw new PlacementInputError(`balance.mode must be 'absolute' or 'relative' (got ${String(constraint.mode)})`);
    }
    this.mode = constraint.mode ?? 'absolute';
    this.lo = new Float64Array(inst.R);
    this.hi = new Float64Array(inst.R);
    for (let r = 0; r < inst.R; r++) {
      const s = inst.regionShare[r];
      this.lo[r] = Math.max(0, this.mode === 'absolute' ? s - t : s * (1 - t));
      this.hi[r] = Math.min(1, this.mode === 'absolute' ? s + t : s * (1 + t));
    }
  }

  /** Total persons by which region counts fall outside their bounds (0 when balanced). */
  violation(regionPersons: Float64Array, total: number): number {
    let v = 0;
    for (let r = 0; r < this.inst.R; r++) {
      const pr = regionPersons[r];
      v += Math.max(0, pr - this.hi[r] * total) + Math.max(0, this.lo[r] * total - pr);
    }
    return v;
  }

  satisfied(regionPersons: Float64Array, total: number): boolean {
    for (let r = 0; r < this.inst.R; r++) {
      const pr = regionPersons[r];
      if (pr - this.hi[r] * total > BALANCE_SLACK || this.lo[r] * total - pr > BALANCE_SLACK) return false;
    }
    return true;
  }

  /** Whether the plan stays balanced after `pOut` persons leave region `rOut` and `pIn` join region `rIn` (-1: none). */
  fitsAfter(regionPersons: Float64Array, total: number, rOut: number, pOut: number, rIn: number, pIn: number): boolean {
    const t = total - (rOut >= 0 ? pOut : 0) + (rIn >= 0 ? pIn : 0);
    for (let r = 0; r < this.inst.R; r++) {
      let pr = regionPersons[r];
      if (r === rOut) pr -= pOut;
      if (r === rIn) pr += pIn;
      if (pr - this.hi[r] * t > BALANCE_SLACK || this.lo[r] * t - pr > BALANCE_SLACK) return false;
    }
    return true;
  }

  /**
   * Price per person added in each region by multipliers mu+ (upper rows) and mu- (lower rows):
   * rho_r = mu+_r - mu-_r - sum_q mu+_q hi_q + sum_q mu-_q lo_q. With these prices added to the
   * capacity prices, the Lagrangian of both row families is a per-pair price (see dual-bound.ts).
   */
  regionPrices(muPlus: Float64Array, muMinus: Float64Array): Float64Array {
    let base = 0;
    for (let q = 0; q < this.inst.R; q++) base += muMinus[q] * this.lo[q] - muPlus[q] * this.hi[q];
    const rho = new Float64Array(this.inst.R);
    for (let r = 0; r < this.inst.R; r++) rho[r] = muPlus[r] - muMinus[r] + base;
    return rho;
  }

  report(regionPersons: Float64Array, total: number, unreachableRegions: string[]): BalanceReport {
    const { inst } = this;
    return {
      tolerance: this.constraint.tolerance,
      mode: this.mode,
      satisfied: this.satisfied(regionPersons, total),
      unreachableRegions,
      regions: inst.regionCode.map((regionCode, r) => ({
        regionCode,
        populationShare: inst.regionShare[r],
        lower: this.lo[r],
        upper: this.hi[r],
        persons: regionPersons[r],
        share: total > 0 ? regionPersons[r] / total : 0,
      })),
    };
  }
}
