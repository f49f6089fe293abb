import * as fc from 'fast-check';
import type { Highs } from 'highs';
import { loadHighsOnce } from './exact';
import { greedyChoices } from './greedy';
import { solveLazily, solveLazilyTogether } from './lazy-solve';
import { solvePlacement } from './solve-placement';
import { bruteForceOptimum } from './testing/brute-force';
import { problemArb } from './testing/random-problem';
import type { PlacementProblem } from './types';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsOnce();
});

/**
 * The true problem, and the same with a share of its pairs standing at an upper bound (their true
 * score plus some slack, at most 1) until refined.
 */
const lazyArb = fc
  .tuple(problemArb({ maxHouseholds: 7, maxMunicipalities: 4, missing: 0.2, withBalance: true }), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
  .map(([problem, seed]) => {
    let s = seed || 1;
    const rand = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 2 ** 32;
    };
    const n = problem.pairs.hh.length;
    const exact = new Uint8Array(n);
    const score = Float64Array.from(problem.pairs.score);
    for (let k = 0; k < n; k++) {
      if (rand() < 0.4) exact[k] = 1;
      else score[k] = Math.min(1, score[k] + (rand() < 0.5 ? 0 : rand() * 0.6));
    }
    const bounded: PlacementProblem = { ...problem, pairs: { hh: problem.pairs.hh, mun: problem.pairs.mun, score } };
    return { truth: problem, bounded, exact };
  });

/** A refine that gives the pairs their true scores (what CohortScorer.refine does with real ones). */
const refineTo =
  ({ truth, bounded, exact }: { truth: PlacementProblem; bounded: PlacementProblem; exact: Uint8Array }) =>
  (pairs: Int32Array): void => {
    for (const k of pairs) {
      (bounded.pairs.score as Float64Array)[k] = truth.pairs.score[k];
      exact[k] = 1;
    }
  };

describe('solveLazily: exact scores only where a plan uses the pair', () => {
  it.each([
    ['', false],
    [', its first round solved on the scores as scored', true],
  ])('finds the true optimum and the true greedy baseline%s, uses only exact pairs, and bounds the true optimum', async (_name, solveFirstAsScored) => {
    await fc.assert(
      fc.asyncProperty(lazyArb, async ({ truth, bounded, exact }) => {
        const refined: number[] = [];
        const { plan } = await solveLazily({
          solveFirstAsScored,
          problem: bounded,
          exact,
          refine: (pairs) => {
            for (const k of pairs) {
              (bounded.pairs.score as Float64Array)[k] = truth.pairs.score[k];
              exact[k] = 1;
              refined.push(k);
            }
          },
          options: { method: 'exact', highs },
          // The optimum itself: never settle a plan early.
          settleAfterRounds: Infinity,
        });
        for (let h = 0; h < plan.pairOf.length; h++) if (plan.pairOf[h] >= 0) expect(exact[plan.pairOf[h]]).toBe(1);
        for (let h = 0; h < plan.greedyPairOf.length; h++) if (plan.greedyPairOf[h] >= 0) expect(exact[plan.greedyPairOf[h]]).toBe(1);
        const best = bruteForceOptimum(truth);
        expect(plan.objective).toBeCloseTo(best, 9);
        expect(plan.upperBound).toBeGreaterThanOrEqual(best - 1e-9);
        // The greedy baseline is the one on the true scores.
        expect(Array.from(plan.greedyPairOf)).toEqual(Array.from(greedyChoices(truth)));
        const onTruth = await solvePlacement(truth, { method: 'exact', highs });
        expect(plan.greedy).toEqual(onTruth.greedy);
        // Never a pair refined twice.
        expect(new Set(refined).size).toBe(refined.length);
      }),
      { numRuns: 60 },
    );
  });

  it('the greedy sweep, with a refine that does only what scope `best` asks, finds the true greedy baseline and leaves pairs bounded', async () => {
    let leftBounded = 0;
    let asked = 0;
    await fc.assert(
      fc.asyncProperty(lazyArb, async ({ truth, bounded, exact }) => {
        const score = bounded.pairs.score as Float64Array;
        const { plan, greedyRounds } = await solveLazily({
          problem: bounded,
          exact,
          refine: (pairs, scope) => {
            if (scope?.mode !== 'best') return refineTo({ truth, bounded, exact })(pairs);
            asked++;
            // As RefineScope describes it: highest bound first, until the best known reaches every bound left.
            const order = Array.from(pairs).sort((x, y) => score[y] - score[x]);
            let best = scope.atLeast;
            let j = 0;
            for (; j < order.length && (j === 0 || score[order[j]] >= best); j++) {
              score[order[j]] = truth.pairs.score[order[j]];
              exact[order[j]] = 1;
              best = Math.max(best, score[order[j]]);
            }
            leftBounded += order.length - j;
          },
          options: { method: 'lagrangian' },
        });
        // The sweep alone made it exact: the check after it found nothing left to refine.
        expect(greedyRounds).toBe(0);
        expect(Array.from(plan.greedyPairOf)).toEqual(Array.from(greedyChoices(truth)));
        expect(plan.greedy).toEqual((await solvePlacement(truth, { method: 'greedy' })).greedy);
        for (let h = 0; h < plan.pairOf.length; h++) if (plan.pairOf[h] >= 0) expect(exact[plan.pairOf[h]]).toBe(1);
      }),
      { numRuns: 80 },
    );
    // The sweep asked, and the scope left some pairs bounded that a full refine would have made exact.
    expect(asked).toBeGreaterThan(0);
    expect(leftBounded).toBeGreaterThan(0);
  });

  it.each([
    ['solved until every chosen pair is exact', 20, false],
    ['settled after the first round', 1, false],
    ['solved until every chosen pair is exact, the first round on the scores as scored', 20, true],
    ['settled after the first round, solved on the scores as scored', 1, true],
  ])('with the large-scale method, %s: a plan of true scores only, whose bound holds the true optimum', async (_name, settleAfterRounds, solveFirstAsScored) => {
    let settledPlans = 0;
    await fc.assert(
      fc.asyncProperty(lazyArb, async ({ truth, bounded, exact }) => {
        const { plan, settled } = await solveLazily({
          settleAfterRounds,
          solveFirstAsScored,
          problem: bounded,
          exact,
          refine: refineTo({ truth, bounded, exact }),
          options: { method: 'lagrangian' },
        });
        let objective = 0;
        for (let h = 0; h < plan.pairOf.length; h++) {
          if (plan.pairOf[h] < 0) continue;
          expect(exact[plan.pairOf[h]]).toBe(1);
          objective += truth.pairs.score[plan.pairOf[h]];
        }
        expect(plan.objective).toBeCloseTo(objective, 9);
        expect(plan.assignments.reduce((sum, a) => sum + a.score, 0)).toBeCloseTo(objective, 9);
        expect(plan.upperBound).toBeGreaterThanOrEqual(bruteForceOptimum(truth) - 1e-9);
        expect(plan.gap).toBeCloseTo(plan.upperBound > 0 ? (plan.upperBound - plan.objective) / plan.upperBound : 0, 9);
        // The greedy baseline reported is the one on the true scores, even for a plan solved before the sweep.
        expect(Array.from(plan.greedyPairOf)).toEqual(Array.from(greedyChoices(truth)));
        if (settled > 0) settledPlans++;
      }),
      { numRuns: 60 },
    );
    // Settling is exercised where it is asked for, and never happens otherwise.
    if (settleAfterRounds === 1) expect(settledPlans).toBeGreaterThan(0);
    else expect(settledPlans).toBe(0);
  });

  it.each([
    ['', false],
    [', the first round solved on the scores as scored', true],
  ])('together%s: each problem gets the plan solveLazily gives it alone, with the refining of both gathered into shared calls', async (_name, solveFirstAsScored) => {
    const copy = (x: { truth: PlacementProblem; bounded: PlacementProblem; exact: Uint8Array }) => ({
      truth: x.truth,
      bounded: { ...x.bounded, pairs: { ...x.bounded.pairs, score: Float64Array.from(x.bounded.pairs.score) } },
      exact: Uint8Array.from(x.exact),
    });
    let gathered = 0;
    await fc.assert(
      fc.asyncProperty(lazyArb, lazyArb, async (a, b) => {
        const aloneCalls = [0, 0];
        const alone = await Promise.all(
          [copy(a), copy(b)].map((x, i) =>
            solveLazily({
              problem: x.bounded,
              exact: x.exact,
              refine: (pairs) => {
                aloneCalls[i]++;
                refineTo(x)(pairs);
              },
              options: { method: 'lagrangian' },
              settleAfterRounds: solveFirstAsScored ? 1 : undefined,
              solveFirstAsScored,
            }),
          ),
        );
        const both = [copy(a), copy(b)];
        const calls: number[][] = [];
        const together = await solveLazilyTogether({
          problems: both.map(({ bounded, exact }) => ({ problem: bounded, exact })),
          refineMany: (requests) => {
            calls.push(requests.map((r) => r.problem));
            for (const r of requests) refineTo(both[r.problem])(r.pairs);
          },
          options: { method: 'lagrangian' },
          settleAfterRounds: solveFirstAsScored ? 1 : undefined,
          solveFirstAsScored,
        });
        together.forEach((t, i) => {
          expect(Array.from(t.plan.pairOf)).toEqual(Array.from(alone[i].plan.pairOf));
          expect(Array.from(t.plan.greedyPairOf)).toEqual(Array.from(alone[i].plan.greedyPairOf));
          expect(t.plan.objective).toBe(alone[i].plan.objective);
          expect(t.plan.upperBound).toBe(alone[i].plan.upperBound);
        });
        // Each call takes at most one request of each problem, and waits for every problem still
        // refining: never more calls than alone, never fewer than the one that refined most.
        for (const c of calls) expect(new Set(c).size).toBe(c.length);
        expect(calls.length).toBeLessThanOrEqual(aloneCalls[0] + aloneCalls[1]);
        expect(calls.length).toBeGreaterThanOrEqual(Math.max(...aloneCalls));
        gathered += calls.filter((c) => c.length === 2).length;
      }),
      { numRuns: 40 },
    );
    // Some rounds did gather both problems' requests.
    expect(gathered).toBeGreaterThan(0);
  });

  it('solveFirstAsScored: the first solves take the scores as scored, all but the first problem\'s before the sweep refines, and the plans are read on the true scores', async () => {
    let swept = 0;
    await fc.assert(
      fc.asyncProperty(lazyArb, lazyArb, async (a, b) => {
        const both = [a, b].map((x) => ({ truth: x.truth, bounded: { ...x.bounded, pairs: { ...x.bounded.pairs, score: Float64Array.from(x.bounded.pairs.score) } }, exact: Uint8Array.from(x.exact) }));
        const asScored = both.map((x) => Float64Array.from(x.bounded.pairs.score));
        const events: string[] = [];
        const solved: { problem: number; scores: number[] }[] = [];
        const results = await solveLazilyTogether({
          problems: both.map(({ bounded, exact }) => ({ problem: bounded, exact })),
          refineMany: (requests) => {
            events.push('refine');
            for (const r of requests) refineTo(both[r.problem])(r.pairs);
          },
          solve: (problem, options) => {
            const i = both.findIndex((x) => x.bounded.pairs.hh === problem.pairs.hh);
            events.push(`solve ${i}`);
            solved.push({ problem: i, scores: Array.from(problem.pairs.score) });
            return solvePlacement(problem, options);
          },
          options: { method: 'lagrangian' },
          settleAfterRounds: 1,
          solveFirstAsScored: true,
        });
        // Each problem solved once (settled after the first round), on its scores as they were before any refine.
        expect(solved.map((x) => x.problem).sort()).toEqual([0, 1]);
        for (const { problem, scores } of solved) expect(scores).toEqual(Array.from(asScored[problem]));
        // Problem 1's before the sweep's first refine, problem 0's after its last (the greedy check's come later still).
        expect(events[0]).toBe('solve 1');
        const sweepRefines = events.indexOf('solve 0') - 1;
        if (sweepRefines > 0) swept++;
        results.forEach(({ plan }, i) => {
          let objective = 0;
          for (const k of plan.pairOf) if (k >= 0) objective += both[i].truth.pairs.score[k];
          expect(plan.objective).toBeCloseTo(objective, 9);
          expect(Array.from(plan.greedyPairOf)).toEqual(Array.from(greedyChoices(both[i].truth)));
        });
      }),
      { numRuns: 40 },
    );
    // The sweep did refine in some runs: the order above was tested where it matters.
    expect(swept).toBeGreaterThan(0);
  });

  it('prices capacity: a full municipality wanted by more than it holds has a price, the greedy method none', async () => {
    // Two one-person households both best in GM0001, which has room for one.
    const problem: PlacementProblem = {
      households: [
        { id: 'a', persons: 1, arrival: 1 },
        { id: 'b', persons: 1, arrival: 2 },
      ],
      municipalities: [
        { code: 'GM0001', capacity: 1, regionCode: 'AM01', population: 1 },
        { code: 'GM0002', capacity: 5, regionCode: 'AM01', population: 1 },
      ],
      pairs: { hh: Int32Array.from([0, 0, 1, 1]), mun: Int32Array.from([0, 1, 0, 1]), score: Float64Array.from([0.9, 0.2, 0.8, 0.3]) },
    };
    const plan = await solvePlacement(problem, { method: 'lagrangian' });
    expect(plan.capacityPrices![0]).toBeGreaterThan(0.4);
    expect(plan.capacityPrices![1]).toBeCloseTo(0, 6);
    expect((await solvePlacement(problem, { method: 'greedy' })).capacityPrices).toBeNull();
  });

  it('refuses an exactness array of the wrong length', async () => {
    const problem: PlacementProblem = { households: [], municipalities: [{ code: 'GM0001', capacity: 1, regionCode: 'AM01', population: 1 }], pairs: { hh: new Int32Array(0), mun: new Int32Array(0), score: new Float64Array(0) } };
    await expect(solveLazily({ problem, exact: new Uint8Array(2), refine: () => undefined })).rejects.toThrow(/2 flags for 0 pairs/);
  });
});
