import { auctionLp, type AuctionResult } from './auction';
import type { BalanceRule } from './balance';
import { repairBalance } from './balance-repair';
import { dualBound } from './dual-bound';
import type { Instance } from './instance';
import { TARGETS, improveByChains, improveByMoves, improveByRepacking, topPairsByReducedValue, type SearchBudget } from './local-search';
import type { PlanState } from './plan-state';
import { roundFractional } from './rounding';

export interface LagrangianResult {
  state: PlanState;
  /** Best (lowest) dual value found: a valid upper bound. */
  bound: number;
  /** The prices per person of that bound, per municipality (capacity plus region price; Infinity where there is no capacity). */
  prices: Float64Array;
  notes: string[];
}

/** Bid increment relative to the largest value per person: the LP is solved to ~1e-4 or better (measured 7e-5 at 10,000 households). */
const EPS_FACTOR = 1e-3;
/** Households x targets in the local search (see targetCount). */
const TARGET_WORK = 100_000;
/** Relative gain below which another round of local search is not worth its time. */
const MIN_PASS_GAIN = 1e-5;
/** Subgradient steps on the balance multipliers at most, and the step factor at which they stop. */
const BALANCE_ITERATIONS = 40;
const MIN_THETA = 1 / 64;
/** ... or when the bound gained less than STALL_GAIN (relative) over the last STALL_STEPS steps. */
const STALL_STEPS = 8;
const STALL_GAIN = 5e-5;

function unitValues(inst: Instance, rho: Float64Array | null): Float64Array {
  const { H, start, pm, pv, persons, region } = inst;
  const c = new Float64Array(inst.P);
  for (let h = 0; h < H; h++) {
    const p = persons[h];
    for (let k = start[h]; k < start[h + 1]; k++) c[k] = pv[k] / p - (rho === null ? 0 : rho[region[pm[k]]]);
  }
  return c;
}

function epsFor(c: Float64Array): number {
  let mx = 0;
  for (let k = 0; k < c.length; k++) if (Math.abs(c[k]) > mx) mx = Math.abs(c[k]);
  return Math.max(mx, 1e-9) * EPS_FACTOR;
}

/**
 * Target municipalities per household in the local search: every allowed one for small cohorts
 * (their tiny capacities make the prices a poor guide, and the search is cheap), narrowing to
 * the best TARGETS at the prices for large ones (the search costs about H x T x households per
 * municipality).
 */
function targetCount(inst: Instance): number {
  return Math.max(TARGETS, Math.min(inst.M, Math.floor(TARGET_WORK / Math.max(1, inst.H))));
}

/** Rounding, balance repair and local search: the whole-household plan from one LP solution. */
function planFrom(inst: Instance, lp: AuctionResult, rho: Float64Array | null, rule: BalanceRule | null, budget: SearchBudget): PlanState {
  const state = roundFractional(inst, lp);
  if (rule !== null) repairBalance(state, rule);
  improveByMoves(state, rule, budget);
  // Targets at the prices the LP saw: capacity prices plus the region prices of the balance.
  const price = Float64Array.from(lp.price, (l, m) => l + (rho === null ? 0 : rho[inst.region[m]]));
  const targets = topPairsByReducedValue(inst, price, targetCount(inst));
  for (let i = 0; i < 4; i++) {
    const before = state.objective;
    improveByChains(state, targets, rule, budget);
    improveByRepacking(state, targets, rule, budget);
    improveByMoves(state, rule, budget);
    // Another pass costs as much as the last; stop when the last gained next to nothing.
    if (state.objective - before <= MIN_PASS_GAIN * Math.max(1, Math.abs(state.objective))) break;
  }
  return state;
}

/**
 * The large-scale method. Capacity prices come from an auction on the LP relaxation (see
 * auction.ts); the dual value at those prices is the upper bound. The fractional plan is rounded
 * to whole households and improved by local search (moves into free room, chains, swaps,
 * re-packing).
 *
 * With a balance constraint (R14) whose LP plan breaks it, region prices (the multipliers of the
 * share rows, turned into a price per person per region) are added to the capacity prices and
 * adjusted by projected subgradient steps on the LP plan's share violations, with the Polyak
 * rule aiming at the best balanced plan; each step re-runs only the auction (the dual value at
 * every step is a valid bound; the lowest is kept). Whole-household plans, repaired to balance,
 * are built twice: at the start and at the best multipliers; the better is returned.
 */
export function solveLagrangian(inst: Instance, rule: BalanceRule | null, budget: SearchBudget): LagrangianResult {
  const notes: string[] = [];
  const auctionDeadline = { clock: budget.clock, at: budget.deadline };
  const c0 = unitValues(inst, null);
  let lp = auctionLp(inst, c0, epsFor(c0), auctionDeadline);
  if (lp.truncated) notes.push('time limit reached while pricing capacity: the bound is loose');
  let bound = dualBound(inst, lp.price, null);
  let prices = effectivePrices(inst, lp.price, null);
  let best = planFrom(inst, lp, null, rule, budget);

  if (rule !== null) {
    const R = inst.R;
    const muPlus = new Float64Array(R);
    const muMinus = new Float64Array(R);
    let bestLp: AuctionResult | null = null;
    let bestRho: Float64Array | null = null;
    let theta = 1;
    let sinceImproved = 0;
    const history: number[] = [];
    for (let it = 0; it < BALANCE_ITERATIONS && theta > MIN_THETA && budget.clock() < budget.deadline; it++) {
      // Stop when the bound has stalled: each step costs a full auction.
      history.push(bound);
      if (history.length > STALL_STEPS && history[history.length - 1 - STALL_STEPS] - bound < STALL_GAIN * Math.abs(bound)) break;
      // Subgradient of the dual in the multipliers: the LP plan's share violations, in persons.
      const rp = new Float64Array(R);
      let total = 0;
      for (let i = 0; i < lp.flowHh.length; i++) {
        const u = lp.flowUnits[i];
        rp[inst.region[inst.pm[lp.flowPair[i]]]] += u;
        total += u;
      }
      const gUp = new Float64Array(R);
      const gLo = new Float64Array(R);
      let norm = 0;
      for (let r = 0; r < R; r++) {
        gUp[r] = rp[r] - rule.hi[r] * total;
        gLo[r] = rule.lo[r] * total - rp[r];
        // Projected: a multiplier at 0 with a negative subgradient stays at 0.
        if (muPlus[r] > 0 || gUp[r] > 0) norm += gUp[r] * gUp[r];
        if (muMinus[r] > 0 || gLo[r] > 0) norm += gLo[r] * gLo[r];
      }
      if (norm < 1e-12) break; // the LP plan is balanced at these prices: they are optimal
      const step = (theta * Math.max(bound - best.objective, 1e-9 * Math.max(1, bound))) / norm;
      for (let r = 0; r < R; r++) {
        muPlus[r] = Math.max(0, muPlus[r] + step * gUp[r]);
        muMinus[r] = Math.max(0, muMinus[r] + step * gLo[r]);
      }
      const rho = rule.regionPrices(muPlus, muMinus);
      const c = unitValues(inst, rho);
      lp = auctionLp(inst, c, epsFor(c), auctionDeadline);
      const f = dualBound(inst, lp.price, rho);
      if (f < bound) {
        bound = f;
        prices = effectivePrices(inst, lp.price, rho);
        bestLp = lp;
        bestRho = rho;
        sinceImproved = 0;
      } else if (++sinceImproved >= 3) {
        theta /= 2;
        sinceImproved = 0;
      }
    }
    if (bestLp !== null) {
      const state = planFrom(inst, bestLp, bestRho, rule, budget);
      if (state.objective > best.objective) best = state;
    }
  }
  if (budget.clock() > budget.deadline) notes.push('time limit reached during local search: the plan is feasible but may improve with more time');
  return { state: best, bound, prices, notes };
}

/** The price per person of each municipality as `dualBound` charges it. */
function effectivePrices(inst: Instance, lambda: Float64Array, rho: Float64Array | null): Float64Array {
  const out = new Float64Array(inst.M);
  for (let m = 0; m < inst.M; m++) out[m] = inst.cap[m] === 0 ? Infinity : Math.max(0, lambda[m]) + (rho === null ? 0 : rho[inst.region[m]]);
  return out;
}

/** The dual bound alone (for the greedy method's report): one auction, no plan. */
export function lagrangianBound(inst: Instance, budget: SearchBudget): number {
  const c = unitValues(inst, null);
  const lp = auctionLp(inst, c, epsFor(c), { clock: budget.clock, at: budget.deadline });
  return dualBound(inst, lp.price, null);
}

