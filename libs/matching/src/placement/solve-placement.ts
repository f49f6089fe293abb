import { performance } from 'node:perf_hooks';
import { BalanceRule } from './balance';
import { solveExact, loadHighsOnce } from './exact';
import { greedyPlan, greedySummary } from './greedy';
import { buildInstance, type Instance } from './instance';
import { lagrangianBound, solveLagrangian } from './lagrangian';
import { improveByMoves, type SearchBudget } from './local-search';
import { problemPairs, type PlanState } from './plan-state';
import { shortageReport } from './shortage';
import type { PlacementMethod, PlacementOptions, PlacementPlan, PlacementProblem, UnplacedHousehold } from './types';

const DEFAULT_TIME_LIMIT_MS = 60_000;
const DEFAULT_EXACT_MAX_PAIRS = 20_000;
/** `auto` gives the MIP at most this long (measured: 100 households x 342 municipalities prove optimal in 1-3 s). */
const AUTO_EXACT_SECONDS = 10;
/** Local-search passes at most (each is linear in the pairs). */
const MAX_ROUNDS = 50;

/**
 * Plans the placement of a cohort: maximises the total weighted link score (see
 * PlacementWeighting: per household, per person or by waiting time) subject to each municipality's remaining housing task in persons (R11), the allowed
 * pairs only (a pair that breaks a hard tie is absent, R12), whole households (R16) and, when
 * given, the regional balance (R14). Every plan reports its objective, a valid upper bound from
 * the LP relaxation, the gap, the greedy baseline, and its run time; unplaced households carry
 * the reason. Deterministic: the same problem gives the same plan (unless the time limit cuts a
 * run short, which `notes` reports).
 */
export async function solvePlacement(problem: PlacementProblem, options: PlacementOptions = {}): Promise<PlacementPlan> {
  const clock = options.clock ?? (() => performance.now());
  const t0 = clock();
  const budget: SearchBudget = { clock, deadline: t0 + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS), maxRounds: MAX_ROUNDS };
  const inst = buildInstance(problem);
  let rule = problem.balance ? new BalanceRule(inst, problem.balance) : null;
  const greedy = greedyPlan(inst);
  const requested = options.method ?? 'auto';
  let run = await optimise(inst, rule, greedy, requested, budget, options);
  let relaxed = false;
  if (rule !== null && problem.balance?.whenUnmeetable === 'relax' && requested !== 'greedy' && run.state.placed === 0 && greedy.placed > 0) {
    const widened = await relaxBalance(inst, problem.balance, greedy, requested, budget, options);
    if (widened.run.state.placed > 0) {
      const asked = problem.balance.tolerance;
      widened.run.notes.push(
        `the spread over labour-market regions (±${points(asked, rule.mode)}) cannot be met by a cohort this small with anyone placed; ` +
          `the tolerance was widened to ±${points(widened.rule.constraint.tolerance, rule.mode)}, the smallest (to ${points(RELAX_STEP, rule.mode)}) ` +
          `at which as many households are placed as without a spread (${widened.target})`,
      );
      rule = widened.rule;
      run = widened.run;
      relaxed = true;
    }
  }
  return toPlan(inst, run.state, greedy, rule, { ...run, relaxed, requestedTolerance: problem.balance?.tolerance ?? 0, runtimeMs: clock() - t0 });
}

interface Run {
  method: PlacementPlan['method'];
  state: PlanState;
  bound: number;
  prices: Float64Array | null;
  optimal: boolean;
  notes: string[];
}

/** One solve of the instance under `rule` by the requested method (see solvePlacement). */
async function optimise(inst: Instance, rule: BalanceRule | null, greedy: PlanState, requested: PlacementMethod, budget: SearchBudget, options: PlacementOptions): Promise<Run> {
  const { clock } = budget;
  const notes: string[] = [];
  let method: PlacementPlan['method'];
  let state: PlanState;
  let bound: number;
  let prices: Float64Array | null = null;
  let optimal = false;
  if (requested === 'greedy') {
    method = 'greedy';
    state = greedy;
    bound = lagrangianBound(inst, budget);
    if (rule !== null) notes.push('the greedy baseline ignores the balance constraint');
  } else {
    const lag = solveLagrangian(inst, rule, budget);
    state = lag.state;
    bound = lag.bound;
    prices = lag.prices;
    notes.push(...lag.notes);
    method = 'lagrangian';
    const exact = requested === 'exact' || (requested === 'auto' && inst.P <= (options.exactMaxPairs ?? DEFAULT_EXACT_MAX_PAIRS));
    if (exact) {
      method = 'exact';
      const highs = options.highs ?? (await loadHighsOnce());
      let remainingSec = Math.max(0.05, (budget.deadline - clock()) / 1000);
      if (requested === 'auto') remainingSec = Math.min(remainingSec, AUTO_EXACT_SECONDS);
      try {
        const r = solveExact(inst, rule, highs, { timeLimitSec: remainingSec, start: state });
        bound = Math.min(bound, r.lpBound);
        if (r.state !== null && (rule === null || rule.satisfied(r.state.regionPersons, r.state.placedPersons))) {
          if (r.state.objective >= state.objective - 1e-9) {
            state = r.state;
            optimal = r.optimal;
          }
        }
        if (!r.optimal) notes.push(`exact method stopped (${r.status}); the plan is the best found`);
      } catch (err) {
        // WebAssembly memory runs out on very large models (stack notes): keep the Lagrangian plan.
        method = 'lagrangian';
        notes.push(`exact method failed (${err instanceof Error ? err.message : String(err)}); the plan comes from the Lagrangian method`);
      }
    }
  }
  if (method !== 'greedy') {
    // Anyone who still fits somewhere goes in, even at score 0, so "unplaced" means "no room".
    improveByMoves(state, rule, { ...budget, deadline: Infinity, maxRounds: 1 });
  }
  return { method, state, bound, prices, optimal, notes };
}

/** The tolerance grid of the relaxation: 0.5 share point (absolute) or 0.5% (relative). */
const RELAX_STEP = 0.005;

/**
 * R14 for a cohort too small to spread: every region's share of the placed persons must lie in
 * its band, and a few whole households cannot fill 35 bands of a few points (one household is
 * 100% of one region). The tolerance is widened, by bisection on a 0.5-point grid, to the
 * smallest at which the plan places as many households as with no binding band at all (as the
 * Lagrangian method finds plans; the plan at that tolerance then comes from the method asked); the
 * spread then decides only where they go. Why this rather than reporting the empty plan: an empty
 * plan helps no adviser, while the widened tolerance is one number an evaluator can read and
 * judge. Why not a fixed slack per region (bounds rounded to whole households): that loosens
 * every cohort's spread, also the large ones that can meet it, and by an amount that depends on
 * the largest household rather than on what the cohort can do.
 */
async function relaxBalance(
  inst: Instance,
  balance: NonNullable<PlacementProblem['balance']>,
  greedy: PlanState,
  requested: PlacementMethod,
  budget: SearchBudget,
  options: PlacementOptions,
): Promise<{ rule: BalanceRule; run: Run; target: number }> {
  const mode = balance.mode ?? 'absolute';
  // The tolerance at which no band binds: [0, 1] for every region.
  let loose = 1;
  if (mode === 'relative') for (let r = 0; r < inst.R; r++) if (inst.regionShare[r] > 0) loose = Math.max(loose, 1 / inst.regionShare[r] - 1);
  // The search runs the Lagrangian method (milliseconds on a small cohort); the exact method
  // needs seconds to prove that a too-tight tolerance admits only the empty plan, at every step.
  const at = async (steps: number, method: PlacementMethod) => {
    const rule = new BalanceRule(inst, { ...balance, tolerance: Math.round(steps * RELAX_STEP * 1e9) / 1e9 });
    return { rule, run: await optimise(inst, rule, greedy, method, budget, options) };
  };
  let lo = Math.floor(balance.tolerance / RELAX_STEP); // fails (or is the asked tolerance, which failed)
  let hi = Math.ceil(loose / RELAX_STEP);
  const target = (await at(hi, 'lagrangian')).run.state.placed;
  while (hi - lo > 1 && budget.clock() < budget.deadline) {
    const mid = (lo + hi) >> 1;
    if ((await at(mid, 'lagrangian')).run.state.placed >= target) hi = mid;
    else lo = mid;
  }
  return { ...(await at(hi, requested)), target };
}

/** A tolerance in words: share points (absolute) or percent of the share (relative). */
function points(t: number, mode: 'absolute' | 'relative'): string {
  const v = Math.round(t * 1000) / 10;
  return mode === 'absolute' ? `${v} share points` : `${v}% of each share`;
}

function toPlan(
  inst: Instance,
  state: PlanState,
  greedy: PlanState,
  rule: BalanceRule | null,
  meta: Run & { relaxed: boolean; requestedTolerance: number; runtimeMs: number },
): PlacementPlan {
  const { H, M, start, pm, persons, hhId, munCode } = inst;
  const objective = state.exactObjective();
  // Any dual value bounds the optimum; a hair of slack covers round-off in summing it, and the
  // bound can never be below a plan we hold.
  const upperBound = Math.max(meta.bound + 1e-9 * Math.max(1, Math.abs(meta.bound)), objective);
  const assignments = [];
  const unplaced: UnplacedHousehold[] = [];
  const households = new Int32Array(M);
  for (let h = 0; h < H; h++) {
    const k = state.pair[h];
    if (k >= 0) {
      households[pm[k]]++;
      assignments.push({ householdId: hhId[h], municipalityCode: munCode[pm[k]], persons: persons[h], score: inst.ps[k] });
      continue;
    }
    let reason: UnplacedHousehold['reason'] = 'capacity';
    if (start[h + 1] === start[h]) reason = 'noAllowedMunicipality';
    else if (!fitsAnywhereAlone(inst, h)) reason = 'noRoomAnywhere';
    else if (state.bestPairWithRoom(h) >= 0) reason = 'balance';
    unplaced.push({ householdId: hhId[h], persons: persons[h], reason });
  }
  const byBalance = unplaced.filter((u) => u.reason === 'balance').length;
  if (rule !== null && byBalance > 0) {
    meta.notes.push(
      state.placed === 0
        ? 'the balance constraint cannot be met with anyone placed: no whole-household plan puts every region inside its share band; widen the tolerance'
        : `${byBalance} household(s) left out only because of the balance constraint`,
    );
  }
  let linkScore = 0;
  for (let h = 0; h < H; h++) if (state.pair[h] >= 0) linkScore += inst.ps[state.pair[h]];
  return {
    method: meta.method,
    weighting: inst.weighting,
    shortage: shortageReport(inst, state, unplaced),
    optimal: meta.optimal,
    assignments,
    unplaced,
    objective,
    linkScore,
    upperBound,
    gap: upperBound > 0 ? (upperBound - objective) / upperBound : 0,
    greedy: greedySummary(greedy),
    placed: state.placed,
    personsPlaced: state.placedPersons,
    households: H,
    municipalities: munCode.map((code, m) => ({ code, capacity: inst.cap[m], used: state.used[m], households: households[m] })),
    balance:
      rule === null
        ? undefined
        : rule.report(state.regionPersons, state.placedPersons, unreachableRegions(inst, rule), { requestedTolerance: meta.requestedTolerance, relaxed: meta.relaxed }),
    runtimeMs: meta.runtimeMs,
    notes: meta.notes,
    pairOf: problemPairs(inst, state),
    greedyPairOf: problemPairs(inst, greedy),
    capacityPrices: meta.prices,
  };
}

/** Whether some allowed municipality's whole remaining task (before anyone of the cohort) holds household h (R11, R16). */
function fitsAnywhereAlone(inst: Instance, h: number): boolean {
  for (let k = inst.start[h]; k < inst.start[h + 1]; k++) if (inst.cap[inst.pm[k]] >= inst.persons[h]) return true;
  return false;
}


/** Regions with a lower share bound that no household can reach at all (an allowed pair with room for it). */
function unreachableRegions(inst: Instance, rule: BalanceRule): string[] {
  const { H, start, pm, persons } = inst;
  const reachable = new Uint8Array(inst.R);
  for (let h = 0; h < H; h++) {
    for (let k = start[h]; k < start[h + 1]; k++) if (inst.cap[pm[k]] >= persons[h]) reachable[inst.region[pm[k]]] = 1;
  }
  return inst.regionCode.filter((_, r) => rule.lo[r] > 0 && !reachable[r]);
}
