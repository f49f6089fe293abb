import type { Instance } from './instance';
import { PlacementInputError } from './placement-input-error';
import type { PlanState } from './plan-state';
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
    if (constraint.whenUnmeetable !== undefined && constraint.whenUnmeetable !== 'strict' && constraint.whenUnmeetable !== 'relax') {
      throw new PlacementInputError(`balance.whenUnmeetable must be 'strict' or 'relax' (got ${String(constraint.whenUnmeetable)})`);
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

  report(regionPersons: Float64Array, total: number, unreachableRegions: string[], asked: { requestedTolerance: number; relaxed: boolean }): BalanceReport {
    const { inst } = this;
    return {
      tolerance: this.constraint.tolerance,
      requestedTolerance: asked.requestedTolerance,
      relaxed: asked.relaxed,
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

/** Persons moving between regions in one move: the balance rule judged as if they had moved. */
export class RegionDelta {
  private readonly r = new Int32Array(4);
  private readonly d = new Float64Array(4);
  private n = 0;

  reset(): this {
    this.n = 0;
    return this;
  }

  /** Adds `persons` (negative: leaving) to `region` (-1: none, ignored). */
  add(region: number, persons: number): this {
    if (region < 0) return this;
    for (let i = 0; i < this.n; i++) {
      if (this.r[i] === region) {
        this.d[i] += persons;
        return this;
      }
    }
    this.r[this.n] = region;
    this.d[this.n++] = persons;
    return this;
  }

  /** Whether the plan stays balanced after the move (always, without a rule). */
  fits(rule: BalanceRule | null, state: PlanState): boolean {
    if (rule === null) return true;
    const total = this.total(state);
    for (let q = 0; q < rule.inst.R; q++) {
      const pr = this.personsIn(q, state);
      if (pr - rule.hi[q] * total > BALANCE_SLACK || rule.lo[q] * total - pr > BALANCE_SLACK) return false;
    }
    return true;
  }

  /** `rule.violation` after the move. */
  violation(rule: BalanceRule, state: PlanState): number {
    const total = this.total(state);
    let v = 0;
    for (let q = 0; q < rule.inst.R; q++) {
      const pr = this.personsIn(q, state);
      v += Math.max(0, pr - rule.hi[q] * total) + Math.max(0, rule.lo[q] * total - pr);
    }
    return v;
  }

  private total(state: PlanState): number {
    let total = state.placedPersons;
    for (let i = 0; i < this.n; i++) total += this.d[i];
    return total;
  }

  private personsIn(q: number, state: PlanState): number {
    let pr = state.regionPersons[q];
    for (let i = 0; i < this.n; i++) if (this.r[i] === q) pr += this.d[i];
    return pr;
  }
}
