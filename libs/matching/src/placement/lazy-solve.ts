import { greedyBaseline } from './greedy';
import { buildInstance, householdWeight, readHouseholdScores } from './instance';
import { PlanState } from './plan-state';
import { solvePlacement } from './solve-placement';
import type { PlacementOptions, PlacementPlan, PlacementProblem, RefineScope } from './types';

/**
 * `solvePlacement` for a problem whose scores are costly to know exactly: a pair's score may
 * stand in as an upper bound (`exact[k]` 0) until `refine` computes it. The exact scores that
 * matter are those of the pairs some plan uses, so: the greedy baseline is made exact in one
 * sweep (see `greedySweep`) and checked (its choices all exact, else refined and run again); then
 * the optimised plan is solved and the bounded pairs it chose refined, round by round. A plan
 * that uses only exact pairs is a plan of the true problem, with its true objective; its upper
 * bound was computed with every bounded pair at its bound, at least its true score, so it bounds
 * the true optimum too. The greedy baseline found this way is the true one: each household's
 * pick was the best with room even with the other pairs at their bounds, and refining a pair
 * only lowers it.
 *
 * `refine` must make the given pairs exact (`exact[k] = 1`) and set their true score, which is at
 * most the bound they had; under scope `best`, as many of them as RefineScope says.
 *
 * Each round of the optimised plan is a whole solve; on a large cohort the last rounds each find
 * only a few chosen pairs still bounded. From round `settleAfterRounds` on (default 3), the plan
 * is settled instead: those pairs are refined and the plan keeps its assignment, with its
 * objective, scores and gap recomputed from the exact scores. It is then a feasible plan of the
 * true problem with its true objective, and its upper bound still holds (it was computed with
 * every bounded pair at a bound at least its true score); only optimality is no longer claimed.
 * `maxRounds` is kept for callers that want the optimum itself: past it, every pair still bounded
 * is refined and the plan solved once more.
 */
export async function solveLazily(args: LazyArgs): Promise<LazyResult> {
  checkLength(args.problem, args.exact);
  const first = args.solveFirstAsScored ? solveAsScored(args.problem, args.solve, args.options)() : undefined;
  // One problem: each call of the sweep holds its one request.
  const t0 = performance.now();
  const [swept] = await greedySweep([args], ([r]) => args.refine(r.pairs, r.scope));
  return solveInRounds(args, swept, performance.now() - t0, first);
}

/** A solve of the first round started on the scores as they are now (a copy), and those scores. */
type FirstSolve = { plan: Promise<PlacementPlan>; scores: Float64Array; ms: () => number };

/**
 * Copies the problem's scores now; the returned function starts the solve of that copy (at once
 * or later, see solveLazilyTogether). A failure is observed at once, so that it is never left
 * unhandled while the sweep runs; whoever awaits the plan still gets it.
 */
function solveAsScored(problem: PlacementProblem, solve: SolvePlacement = solvePlacement, options?: PlacementOptions): () => FirstSolve {
  const scores = Float64Array.from(problem.pairs.score);
  const copy: PlacementProblem = { ...problem, pairs: { ...problem.pairs, score: scores } };
  return () => {
    const t0 = performance.now();
    let took = -1;
    const plan = solve(copy, options).finally(() => (took = performance.now() - t0));
    plan.catch(() => undefined);
    return { plan, scores, ms: () => took };
  };
}

/**
 * Solves one problem as `solvePlacement` does, with the same plan: say on another thread, so that
 * the plans of several problems solved together (`solveLazilyTogether`) are solved at once.
 */
export type SolvePlacement = (problem: PlacementProblem, options?: PlacementOptions) => Promise<PlacementPlan>;

interface LazyArgs {
  problem: PlacementProblem;
  exact: Uint8Array;
  refine: (pairs: Int32Array, scope?: RefineScope) => void | Promise<void>;
  options?: PlacementOptions;
  /** Default `solvePlacement`. */
  solve?: SolvePlacement;
  maxRounds?: number;
  settleAfterRounds?: number;
  /**
   * Solve the first round on the scores as scored (a copy taken before the greedy sweep), so that
   * a `solve` on another thread runs while the sweep refines here. The plan is then read on the
   * scores the sweep left: its greedy baseline is the true one, and where the sweep lowered a pair
   * it chose, it is settled (or, before `settleAfterRounds`, solved again on the true scores).
   * The gap is what changes: the sweep's pairs are bounds when the plan is solved, so the plan may
   * lean on one the sweep then lowers; on a 10,000-household what-if it stayed within 0.04 %
   * (npm run bench -- whatif-inproc).
   */
  solveFirstAsScored?: boolean;
}

/**
 * A lazy solve's plan and how it got there: rounds, pairs refined and settled, and where its wall
 * time went (ms): the greedy sweep (shared by problems solved together), its solves (a first one
 * on the scores as scored runs from its start to its end, overlapping the sweep), and its waits on
 * refining after the sweep (the settle's among them).
 */
type LazyResult = { plan: PlacementPlan; greedyRounds: number; rounds: number; refined: number; settled: number; ms: { sweep: number; solve: number; refine: number } };

function checkLength(problem: PlacementProblem, exact: Uint8Array): void {
  const n = problem.pairs.hh.length;
  if (exact.length !== n) throw new RangeError(`exact has ${exact.length} flags for ${n} pairs`);
}

/** `solveLazily` after the greedy sweep (which refined `sweptPairs`): the check of the greedy baseline, then the rounds of the optimised plan. */
async function solveInRounds(args: LazyArgs, sweptPairs: number, sweepMs: number, first?: FirstSolve): Promise<LazyResult> {
  const { problem, exact } = args;
  const n = problem.pairs.hh.length;
  let refined = sweptPairs;
  const ms = { sweep: sweepMs, solve: 0, refine: 0 };
  const bounded = (chosen: Int32Array): Int32Array => {
    const out: number[] = [];
    for (let h = 0; h < chosen.length; h++) if (chosen[h] >= 0 && exact[chosen[h]] === 0) out.push(chosen[h]);
    return Int32Array.from(out);
  };
  const refine = async (pairs: Int32Array, scope?: RefineScope) => {
    const t = performance.now();
    await args.refine(pairs, scope);
    ms.refine += performance.now() - t;
    for (const k of pairs) {
      if (exact[k] !== 1) throw new Error(`refine left pair ${k} bounded`);
    }
    refined += pairs.length;
  };

  // The sweep leaves every greedy choice exact; this only checks it (and would refine the rest).
  let greedyRounds = 0;
  let greedy = greedyBaseline(problem);
  for (;;) {
    const need = bounded(greedy.pairOf);
    if (need.length === 0) break;
    await refine(need);
    greedyRounds++;
    greedy = greedyBaseline(problem);
  }

  const maxRounds = args.maxRounds ?? 20;
  const settleAfter = args.settleAfterRounds ?? 3;
  for (let rounds = 1; ; rounds++) {
    const t = performance.now();
    let plan: PlacementPlan;
    // A plan solved on the scores as scored, before the sweep: its greedy baseline is the one on
    // those scores, so the true one (above) takes its place; and where the sweep made a pair it
    // chose exact at a lower score, the plan is stale: its objective is no longer what it says,
    // and the true problem may have a better plan.
    let stale = false;
    if (rounds === 1 && first) {
      plan = await first.plan;
      ms.solve += first.ms();
      plan = { ...plan, greedy: greedy.summary, greedyPairOf: greedy.pairOf };
      stale = plan.pairOf.some((k) => k >= 0 && problem.pairs.score[k] !== first.scores[k]);
    } else {
      plan = await (args.solve ?? solvePlacement)(problem, args.options);
      ms.solve += performance.now() - t;
    }
    const need = bounded(plan.pairOf);
    // Not stale, the plan's scores are the true problem's; those of every pair are at most what
    // the plan was solved with, so its optimum is at most the plan's: it is the true plan.
    if (need.length === 0 && !stale) return { plan, greedyRounds, rounds, refined, settled: 0, ms };
    if (rounds >= settleAfter) {
      if (need.length > 0) await refine(need, { mode: 'pairs' });
      return { plan: settle(problem, plan), greedyRounds, rounds, refined, settled: need.length, ms };
    }
    // Stale with every chosen pair exact: solved again on the true scores.
    if (need.length === 0) continue;
    // Column generation's pricing step: at the plan's capacity prices, a bounded pair that beats
    // its household's current choice could be wanted next round, so it is refined now with the
    // ones the plan chose. Without it each round uncovers only the next link of every chain.
    const ask = plan.capacityPrices ? Int32Array.from(new Set([...need, ...priced(problem, exact, plan)])) : need;
    if (rounds >= maxRounds) {
      const rest: number[] = [];
      for (let k = 0; k < n; k++) if (exact[k] === 0) rest.push(k);
      await refine(Int32Array.from(rest), { mode: 'pairs' });
    } else {
      await refine(ask);
    }
  }
}

/**
 * The greedy baseline (greedyPlan) made exact as it goes: household by household in arrival
 * order, the municipalities with room at its turn are known, so only its pairs there whose bound
 * reaches the best exact score there are refined (scope `best`), best bound first, until its pick
 * is exact; then it is placed. Running the whole greedy round after round instead refines a
 * household's pairs whatever their room and, as refined households move, the next ones' in
 * another round: on a 10,000-household what-if, four rounds and 30 s for both plans.
 */
async function greedySweep(
  problems: readonly { problem: PlacementProblem; exact: Uint8Array }[],
  refineMany: (requests: { problem: number; pairs: Int32Array; scope: RefineScope }[]) => void | Promise<void>,
): Promise<number[]> {
  const sweeps = problems.map(({ problem, exact }) => {
    const inst = buildInstance(problem);
    return { inst, state: new PlanState(inst), score: problem.pairs.score, exact, refined: 0 };
  });
  // Turn by turn for every problem at once, so that a household several problems need refined at
  // the same turn (a what-if's baseline and variant hold the same households) is asked for in
  // one call (refineMany shares its passes over the vacancies).
  const turns = Math.max(0, ...sweeps.map((w) => w.inst.H));
  for (let i = 0; i < turns; i++) {
    for (;;) {
      const requests: { problem: number; pairs: Int32Array; scope: RefineScope }[] = [];
      sweeps.forEach(({ inst, state, score, exact }, j) => {
        if (i >= inst.H) return;
        const h = inst.arrivalOrder[i];
        if (state.pair[h] >= 0) return;
        const best = state.bestPairWithRoom(h);
        if (best < 0) return;
        const { start, pm, orig, persons } = inst;
        if (exact[orig[best]] === 1) {
          state.place(h, best);
          return;
        }
        let atLeast = -Infinity;
        const bounded: number[] = [];
        for (let k = start[h]; k < start[h + 1]; k++) {
          if (state.room(pm[k]) < persons[h]) continue;
          if (exact[orig[k]] === 1) atLeast = Math.max(atLeast, score[orig[k]]);
          else bounded.push(orig[k]);
        }
        // The pick itself always (its weighted value may tie an exact one's at a lower score).
        requests.push({ problem: j, pairs: Int32Array.from(bounded.filter((k) => score[k] >= atLeast || k === orig[best])), scope: { mode: 'best', atLeast } });
      });
      if (requests.length === 0) break;
      await refineMany(requests);
      requests.forEach(({ problem: j, pairs }) => {
        const { inst, score, exact } = sweeps[j];
        // At least one pair is made exact (RefineScope): each ask moves the sweep on.
        let made = 0;
        for (const k of pairs) if (exact[k] === 1) made++;
        if (made === 0) throw new Error(`refine (scope best) left all ${pairs.length} pairs asked for bounded`);
        sweeps[j].refined += made;
        // The instance holds copies of the scores: the household's are read again.
        readHouseholdScores(inst, score, inst.arrivalOrder[i]);
      });
    }
  }
  return sweeps.map((w) => w.refined);
}

/**
 * `solveLazily` for several problems at once whose refining shares work (say the baseline and
 * variant of a what-if, whose households' passes over the vacancies serve both): each problem is
 * solved as `solveLazily` solves it, but their refine calls are gathered and made in one
 * `refineMany` call: in the greedy sweep turn by turn, then round by round. A problem's solve
 * waits at its refine until every other unfinished one is waiting at its own. Each `refineMany` request must be carried out as `refine`
 * would carry it out; then each plan is the one `solveLazily` gives.
 */
export async function solveLazilyTogether(args: {
  problems: { problem: PlacementProblem; exact: Uint8Array }[];
  refineMany: (requests: { problem: number; pairs: Int32Array; scope?: RefineScope }[]) => void | Promise<void>;
  options?: PlacementOptions;
  /** Default `solvePlacement`; one that answers later (another thread) lets the problems' solves run at once. */
  solve?: SolvePlacement;
  maxRounds?: number;
  settleAfterRounds?: number;
  /** See LazyArgs.solveFirstAsScored. */
  solveFirstAsScored?: boolean;
}): Promise<LazyResult[]> {
  for (const { problem, exact } of args.problems) checkLength(problem, exact);
  // Every problem's scores as scored are copied before the sweep changes them. The other
  // problems' first solves start now, so that with a `solve` on another thread they run while the
  // sweep refines on this one; the first problem's starts after the sweep, which needs this thread
  // (a `solve` with no other thread free solves here). The plans are the same either way.
  const asScored = args.solveFirstAsScored ? args.problems.map(({ problem }) => solveAsScored(problem, args.solve, args.options)) : [];
  const first: (FirstSolve | undefined)[] = asScored.map((start, i) => (i > 0 ? start() : undefined));
  const t0 = performance.now();
  const swept = await greedySweep(args.problems, args.refineMany);
  const sweepMs = performance.now() - t0;
  if (asScored.length > 0) first[0] = asScored[0]();
  const waiting: { problem: number; pairs: Int32Array; scope?: RefineScope; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let running = args.problems.length;
  const answer = async (): Promise<void> => {
    if (waiting.length === 0 || waiting.length < running) return;
    const batch = waiting.splice(0);
    try {
      await args.refineMany(batch.map(({ problem, pairs, scope }) => ({ problem, pairs, scope })));
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };
  return Promise.all(
    args.problems.map(async ({ problem, exact }, i) => {
      try {
        const refine = (pairs: Int32Array, scope?: RefineScope) =>
          new Promise<void>((resolve, reject) => {
            waiting.push({ problem: i, pairs, scope, resolve, reject });
            void answer();
          });
        return await solveInRounds({ problem, exact, refine, options: args.options, solve: args.solve, maxRounds: args.maxRounds, settleAfterRounds: args.settleAfterRounds }, swept[i], sweepMs, first[i]);
      } finally {
        running--;
        void answer();
      }
    }),
  );
}

/**
 * The bounded pairs whose bound, less the price of the places they take, is above what their
 * household gets in `plan` at the same prices (0 when unplaced): the pairs with a positive
 * reduced cost, the only ones that could improve the plan at those prices.
 */
function priced(problem: PlacementProblem, exact: Uint8Array, plan: PlacementPlan): number[] {
  const { pairs, households, municipalities } = problem;
  // The prices are in the units of the plan's objective: a pair is worth its score times its household's weight.
  const weighting = problem.weighting ?? 'household';
  const weight = Float64Array.from(households, (h) => householdWeight(weighting, h.persons, h.waitingDays ?? 0, problem.waitingDoublingDays));
  const prices = plan.capacityPrices!;
  // The plan's prices are in code order; the pairs index the problem's municipalities.
  const byCode = new Map(plan.municipalities.map((m, i) => [m.code, prices[i]]));
  const price = Float64Array.from(municipalities, (m) => byCode.get(m.code) ?? Infinity);
  const value = new Float64Array(households.length);
  for (let h = 0; h < households.length; h++) {
    const k = plan.pairOf[h];
    value[h] = k >= 0 ? weight[h] * pairs.score[k] - households[h].persons * price[pairs.mun[k]] : 0;
  }
  const out: number[] = [];
  for (let k = 0; k < pairs.hh.length; k++) {
    if (exact[k] !== 0) continue;
    const h = pairs.hh[k];
    if (weight[h] * pairs.score[k] - households[h].persons * price[pairs.mun[k]] > value[h] + 1e-9) out.push(k);
  }
  return out;
}

/** The plan with its scores, objective and gap read again from the (now exact) pair scores. */
function settle(problem: PlacementProblem, plan: PlacementPlan): PlacementPlan {
  const score = new Map<string, number>();
  const weighting = problem.weighting ?? 'household';
  let objective = 0;
  let linkScore = 0;
  for (let h = 0; h < plan.pairOf.length; h++) {
    const k = plan.pairOf[h];
    if (k < 0) continue;
    const hh = problem.households[h];
    score.set(hh.id, problem.pairs.score[k]);
    // In the plan's units: each score times its household's weight (see PlacementWeighting).
    objective += problem.pairs.score[k] * householdWeight(weighting, hh.persons, hh.waitingDays ?? 0, problem.waitingDoublingDays);
    linkScore += problem.pairs.score[k];
  }
  const upperBound = Math.max(plan.upperBound, objective);
  return {
    ...plan,
    optimal: false,
    objective,
    linkScore,
    upperBound,
    gap: upperBound > 0 ? (upperBound - objective) / upperBound : 0,
    assignments: plan.assignments.map((a) => ({ ...a, score: score.get(a.householdId) ?? a.score })),
  };
}
