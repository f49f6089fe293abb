import { performance } from 'node:perf_hooks';
import { BalanceRule } from './balance';
import { solveExact, loadHighsOnce } from './exact';
import { greedyPlan } from './greedy';
import { buildInstance, type Instance } from './instance';
import { lagrangianBound, solveLagrangian } from './lagrangian';
import { improveByMoves, type SearchBudget } from './local-search';
import { problemPairs, type PlanState } from './plan-state';
import type { PlacementOptions, PlacementPlan, PlacementProblem, UnplacedHousehold } from './types';

const DEFAULT_TIME_LIMIT_MS = 60_000;
const DEFAULT_EXACT_MAX_PAIRS = 20_000;
/** `auto` gives the MIP at most this long (measured: 100 households x 342 municipalities prove optimal in 1-3 s). */
const AUTO_EXACT_SECONDS = 10;
/** Local-search passes at most (each is linear in the pairs). */
const MAX_ROUNDS = 50;

/**
 * Plans the placement of a cohort: maximises the total link score (one term per placed
 * household) subject to each municipality's remaining housing task in persons (R11), the allowed
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
  const rule = problem.balance ? new BalanceRule(inst, problem.balance) : null;
  const greedy = greedyPlan(inst);
  const requested = options.method ?? 'auto';
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
  return toPlan(inst, state, greedy, rule, {
    method,
    prices,
    optimal,
    bound,
    notes,
    runtimeMs: clock() - t0,
  });
}

function toPlan(
  inst: Instance,
  state: PlanState,
  greedy: PlanState,
  rule: BalanceRule | null,
  meta: { method: PlacementPlan['method']; prices: Float64Array | null; optimal: boolean; bound: number; notes: string[]; runtimeMs: number },
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
      assignments.push({ householdId: hhId[h], municipalityCode: munCode[pm[k]], persons: persons[h], score: inst.pv[k] });
      continue;
    }
    let reason: UnplacedHousehold['reason'] = 'capacity';
    if (start[h + 1] === start[h]) reason = 'noAllowedMunicipality';
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
  return {
    method: meta.method,
    optimal: meta.optimal,
    assignments,
    unplaced,
    objective,
    upperBound,
    gap: upperBound > 0 ? (upperBound - objective) / upperBound : 0,
    greedy: { objective: greedy.exactObjective(), placed: greedy.placed, personsPlaced: greedy.placedPersons, households: H },
    placed: state.placed,
    personsPlaced: state.placedPersons,
    households: H,
    municipalities: munCode.map((code, m) => ({ code, capacity: inst.cap[m], used: state.used[m], households: households[m] })),
    balance:
      rule === null
        ? undefined
        : rule.report(state.regionPersons, state.placedPersons, unreachableRegions(inst, rule)),
    runtimeMs: meta.runtimeMs,
    notes: meta.notes,
    pairOf: problemPairs(inst, state),
    greedyPairOf: problemPairs(inst, greedy),
    capacityPrices: meta.prices,
  };
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
