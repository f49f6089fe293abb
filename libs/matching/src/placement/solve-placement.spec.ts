import * as fc from 'fast-check';
import type { Highs } from 'highs';
import { loadHighsOnce } from './exact';
import { pairsFromObjects } from './pairs';
import { PlacementInputError } from './placement-input-error';
import { solvePlacement } from './solve-placement';
import { balanced, bruteForceOptimum, personsByRegion, planViolations, shareBounds } from './testing/brute-force';
import { lpRelaxationText } from './testing/lp-text';
import { problemArb } from './testing/random-problem';
import type { PlacementPlan, PlacementProblem } from './types';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsOnce();
});

/** LP-relaxation value from an independent model (CPLEX LP text built from the problem objects). */
function independentLp(problem: PlacementProblem): number {
  const text = lpRelaxationText(problem);
  if (text === null) return 0;
  const r = highs.solve(text, { output_flag: false });
  if (r.Status !== 'Optimal') throw new Error(`independent LP: ${r.Status}`);
  return r.ObjectiveValue;
}

/** A plan without its run time and its pairs in the problem's own numbering (which follows the input order). */
const withoutTime = (p: PlacementPlan): Omit<PlacementPlan, 'runtimeMs' | 'pairOf' | 'greedyPairOf'> => {
  const { runtimeMs: _ignored, pairOf: _pairs, greedyPairOf: _greedy, ...rest } = p;
  return rest;
};

describe('solvePlacement on small instances against brute force', () => {
  it('exact equals the brute-force optimum; lagrangian stays below it with a bound above it (R11, R12, R16)', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb({ maxHouseholds: 8, maxMunicipalities: 5, withBalance: true }), async (problem) => {
        const optimum = bruteForceOptimum(problem);
        const lp = independentLp(problem);

        const exact = await solvePlacement(problem, { method: 'exact', highs });
        expect(planViolations(problem, exact)).toEqual([]);
        expect(exact.method).toBe('exact');
        expect(exact.optimal).toBe(true);
        expect(Math.abs(exact.objective - optimum)).toBeLessThanOrEqual(1e-9);
        // The bound is the LP relaxation's value.
        expect(exact.upperBound).toBeGreaterThanOrEqual(lp - 1e-7);
        expect(exact.upperBound).toBeLessThanOrEqual(lp + 1e-6 * Math.max(1, lp));

        const lag = await solvePlacement(problem, { method: 'lagrangian' });
        expect(planViolations(problem, lag)).toEqual([]);
        expect(lag.objective).toBeLessThanOrEqual(optimum + 1e-9);
        expect(lag.upperBound).toBeGreaterThanOrEqual(lp - 1e-7);
        expect(lag.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9);
        expect(lag.gap).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 120 },
    );
  });

  it('greedy in arrival order never beats the optimum (without balance, which greedy ignores)', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb({ maxHouseholds: 8, maxMunicipalities: 5 }), async (problem) => {
        const plan = await solvePlacement(problem, { method: 'greedy' });
        expect(planViolations(problem, plan)).toEqual([]);
        expect(plan.objective).toBe(plan.greedy.objective);
        expect(plan.greedy.objective).toBeLessThanOrEqual(bruteForceOptimum(problem) + 1e-9);
        expect(plan.upperBound).toBeGreaterThanOrEqual(independentLp(problem) - 1e-7);
      }),
      { numRuns: 120 },
    );
  });
});

describe('solvePlacement regressions found by the properties', () => {
  it('exact proves the empty plan optimal when a zero balance tolerance admits nothing else (HiGHS presolve said infeasible)', async () => {
    const households = [
      { id: 'a', persons: 5, arrival: 0 },
      { id: 'b', persons: 6, arrival: 0 },
      { id: 'c', persons: 1, arrival: 0 },
    ];
    const municipalities = [
      { code: 'GM0900', capacity: 1, regionCode: 'AM01', population: 505 },
      { code: 'GM0899', capacity: 6, regionCode: 'AM03', population: 1 },
      { code: 'GM0898', capacity: 0, regionCode: 'AM01', population: 1 },
    ];
    const pairs = pairsFromObjects(households, municipalities, [
      { householdId: 'b', municipalityCode: 'GM0899', score: 0 },
      { householdId: 'c', municipalityCode: 'GM0900', score: 0 },
      { householdId: 'c', municipalityCode: 'GM0899', score: 0 },
    ]);
    const problem = { households, municipalities, pairs, balance: { tolerance: 0 } };
    const plan = await solvePlacement(problem, { method: 'exact', highs });
    expect(plan.optimal).toBe(true);
    expect(plan.objective).toBe(bruteForceOptimum(problem));
    expect(plan.unplaced.map((u) => u.reason)).toEqual(['noAllowedMunicipality', 'balance', 'balance']);
  });
});

describe('solvePlacement invariants on medium instances', () => {
  const medium = problemArb({ maxHouseholds: 60, maxMunicipalities: 12, maxCapacity: 25, missing: 0.4, withBalance: true });

  it('never exceeds a capacity (R11), never uses an absent pair (R12), never splits or doubles a household (R16)', async () => {
    await fc.assert(
      fc.asyncProperty(medium, fc.constantFrom('lagrangian' as const, 'greedy' as const, 'auto' as const), async (problem, method) => {
        const plan = await solvePlacement(problem, { method, highs });
        expect(planViolations(problem, plan)).toEqual([]);
        expect(plan.upperBound).toBeGreaterThanOrEqual(plan.objective - 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the balance constraint whenever it reports it satisfied, and the optimising methods always satisfy it (R14)', async () => {
    await fc.assert(
      fc.asyncProperty(medium, fc.constantFrom('lagrangian' as const, 'auto' as const), async (problem, method) => {
        fc.pre(problem.balance !== undefined);
        const plan = await solvePlacement(problem, { method, highs });
        const bounds = shareBounds(problem);
        expect(plan.balance?.satisfied).toBe(true);
        expect(balanced(bounds!, personsByRegion(problem, plan))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('the Lagrangian bound is valid and close to an independent LP solve: within eps x persons', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb({ maxHouseholds: 60, maxMunicipalities: 12, maxCapacity: 25, missing: 0.4 }), async (problem) => {
        const lp = independentLp(problem);
        const plan = await solvePlacement(problem, { method: 'lagrangian' });
        const persons = problem.households.reduce((s, h) => s + h.persons, 0);
        expect(plan.upperBound).toBeGreaterThanOrEqual(lp - 1e-7);
        // The auction's increment is at most 1e-3 per person (scores are <= 1): eps-complementary slackness bounds the excess.
        expect(plan.upperBound - lp).toBeLessThanOrEqual(1e-3 * persons + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same plan for the same input, whatever the order of the input arrays', async () => {
    await fc.assert(
      fc.asyncProperty(medium, fc.constantFrom('exact' as const, 'lagrangian' as const, 'greedy' as const), fc.integer(), async (problem, method, seed) => {
        const a = await solvePlacement(problem, { method, highs });
        const b = await solvePlacement(problem, { method, highs });
        expect(withoutTime(b)).toEqual(withoutTime(a));
        const c = await solvePlacement(shuffled(problem, seed), { method, highs });
        expect(withoutTime(c)).toEqual(withoutTime(a));
      }),
      { numRuns: 25 },
    );
  });
});

/** The same problem with households, municipalities and pairs in another order (indices remapped). */
function shuffled(problem: PlacementProblem, seed: number): PlacementProblem {
  let s = seed >>> 0 || 1;
  const rand = (n: number): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
  const perm = (n: number): number[] => {
    const p = [...Array(n).keys()];
    for (let i = n - 1; i > 0; i--) {
      const j = rand(i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  };
  const hp = perm(problem.households.length); // new position -> old index
  const mp = perm(problem.municipalities.length);
  const hNew = new Map(hp.map((old, i) => [old, i]));
  const mNew = new Map(mp.map((old, i) => [old, i]));
  const order = perm(problem.pairs.hh.length);
  return {
    ...problem,
    households: hp.map((i) => problem.households[i]),
    municipalities: mp.map((i) => problem.municipalities[i]),
    pairs: {
      hh: Int32Array.from(order, (k) => hNew.get(problem.pairs.hh[k]) as number),
      mun: Int32Array.from(order, (k) => mNew.get(problem.pairs.mun[k]) as number),
      score: Float64Array.from(order, (k) => problem.pairs.score[k]),
    },
  };
}

describe('solvePlacement: unplaced households and their reasons', () => {
  const municipalities = [
    { code: 'GM0001', capacity: 3, regionCode: 'AM01', population: 100 },
    { code: 'GM0002', capacity: 2, regionCode: 'AM02', population: 100 },
  ];

  it('says when no municipality is allowed (every one breaks a hard tie, R12)', async () => {
    const households = [
      { id: 'tied-far', persons: 1, arrival: 0 },
      { id: 'free', persons: 1, arrival: 1 },
    ];
    const pairs = pairsFromObjects(households, municipalities, [{ householdId: 'free', municipalityCode: 'GM0001', score: 0.5 }]);
    for (const method of ['exact', 'lagrangian', 'greedy'] as const) {
      const plan = await solvePlacement({ households, municipalities, pairs }, { method, highs });
      expect(plan.unplaced).toEqual([{ householdId: 'tied-far', persons: 1, reason: 'noAllowedMunicipality' }]);
      expect(plan.assignments).toEqual([{ householdId: 'free', municipalityCode: 'GM0001', persons: 1, score: 0.5 }]);
    }
  });

  it('says when no allowed municipality ever had room for the whole household (R11, R16)', async () => {
    // 3 + 2 persons of room; a household of 4 fits nowhere whole, though 5 persons of room exist in
    // total: it lost no competition, there never was room for it (told apart from 'capacity').
    const households = [
      { id: 'big', persons: 4, arrival: 0 },
      { id: 'small', persons: 1, arrival: 1 },
    ];
    const pairs = pairsFromObjects(households, municipalities, [
      { householdId: 'big', municipalityCode: 'GM0001', score: 0.9 },
      { householdId: 'big', municipalityCode: 'GM0002', score: 0.9 },
      { householdId: 'small', municipalityCode: 'GM0001', score: 0.2 },
    ]);
    for (const method of ['exact', 'lagrangian', 'greedy'] as const) {
      const plan = await solvePlacement({ households, municipalities, pairs }, { method, highs });
      expect(plan.unplaced).toEqual([{ householdId: 'big', persons: 4, reason: 'noRoomAnywhere' }]);
      expect(plan.placed).toBe(1);
    }
  });

  it('says when room exists but the regional balance forbids it (R14)', async () => {
    // Equal populations: each region must hold 50% ± 10 points of the placed persons. The only
    // household can go to AM01 only, and any plan with it is 100% AM01: nobody can be placed.
    const households = [{ id: 'only-am01', persons: 2, arrival: 0 }];
    const pairs = pairsFromObjects(households, municipalities, [{ householdId: 'only-am01', municipalityCode: 'GM0001', score: 0.8 }]);
    for (const method of ['exact', 'lagrangian'] as const) {
      const plan = await solvePlacement({ households, municipalities, pairs, balance: { tolerance: 0.1 } }, { method, highs });
      expect(plan.unplaced).toEqual([{ householdId: 'only-am01', persons: 2, reason: 'balance' }]);
      expect(plan.balance?.satisfied).toBe(true);
      expect(plan.objective).toBe(0);
      expect(plan.notes.join(' ')).toMatch(/balance constraint cannot be met/);
    }
  });

  it('balances two regions by placing the households that keep shares within bounds', async () => {
    const households = [
      { id: 'a', persons: 2, arrival: 0 },
      { id: 'b', persons: 2, arrival: 1 },
      { id: 'c', persons: 2, arrival: 2 },
    ];
    const munis = [
      { code: 'GM0001', capacity: 10, regionCode: 'AM01', population: 100 },
      { code: 'GM0002', capacity: 10, regionCode: 'AM02', population: 100 },
    ];
    // Everyone prefers AM01; with ±10 points around 50%, 2 + 2 persons split evenly is the best balanced plan
    // with two households, and a third cannot join (4 vs 2 = 67% > 60%).
    const pairs = pairsFromObjects(households, munis, [
      { householdId: 'a', municipalityCode: 'GM0001', score: 0.9 },
      { householdId: 'a', municipalityCode: 'GM0002', score: 0.1 },
      { householdId: 'b', municipalityCode: 'GM0001', score: 0.8 },
      { householdId: 'b', municipalityCode: 'GM0002', score: 0.3 },
      { householdId: 'c', municipalityCode: 'GM0001', score: 0.7 },
    ]);
    const problem = { households, municipalities: munis, pairs, balance: { tolerance: 0.1 } };
    const optimum = bruteForceOptimum(problem);
    for (const method of ['exact', 'lagrangian'] as const) {
      const plan = await solvePlacement(problem, { method, highs });
      expect(plan.balance?.satisfied).toBe(true);
      expect(plan.objective).toBeLessThanOrEqual(optimum + 1e-9);
      if (method === 'exact') expect(plan.objective).toBeCloseTo(optimum, 12);
      expect(plan.balance?.regions.map((r) => r.persons)).toEqual([2, 2]);
    }
  });

  it('reports a region no household can reach when its lower bound makes the constraint unmeetable', async () => {
    const households = [{ id: 'x', persons: 1, arrival: 0 }];
    const pairs = pairsFromObjects(households, municipalities, [{ householdId: 'x', municipalityCode: 'GM0001', score: 1 }]);
    const plan = await solvePlacement({ households, municipalities, pairs, balance: { tolerance: 0.2 } }, { method: 'lagrangian' });
    expect(plan.balance?.unreachableRegions).toEqual(['AM02']);
    expect(plan.placed).toBe(0);
  });
});

describe('solvePlacement: input and report', () => {
  const households = [{ id: 'a', persons: 1, arrival: 0 }];
  const municipalities = [{ code: 'GM0001', capacity: 1, regionCode: 'AM01', population: 1 }];

  it('rejects bad input with an error that names the field', async () => {
    const good = pairsFromObjects(households, municipalities, [{ householdId: 'a', municipalityCode: 'GM0001', score: 0.5 }]);
    await expect(solvePlacement({ households: [{ id: 'a', persons: 0, arrival: 0 }], municipalities, pairs: good })).rejects.toThrow(
      /households\[0\]\.persons/,
    );
    await expect(solvePlacement({ households, municipalities: [{ ...municipalities[0], capacity: 1.5 }], pairs: good })).rejects.toThrow(PlacementInputError);
    const bad = { hh: Int32Array.of(0, 0), mun: Int32Array.of(0, 0), score: Float64Array.of(0.5, 0.6) };
    await expect(solvePlacement({ households, municipalities, pairs: bad })).rejects.toThrow(/paired twice/);
    const outOfRange = { hh: Int32Array.of(0), mun: Int32Array.of(0), score: Float64Array.of(1.5) };
    await expect(solvePlacement({ households, municipalities, pairs: outOfRange })).rejects.toThrow(/pairs\.score\[0\]/);
    await expect(solvePlacement({ households, municipalities, pairs: good, balance: { tolerance: -0.1 } })).rejects.toThrow(/balance\.tolerance/);
  });

  it('reports run time from the clock it is given, and the greedy baseline next to the plan', async () => {
    let t = 1000;
    const clock = (): number => (t += 5);
    const pairs = pairsFromObjects(households, municipalities, [{ householdId: 'a', municipalityCode: 'GM0001', score: 0.5 }]);
    const plan = await solvePlacement({ households, municipalities, pairs }, { method: 'lagrangian', clock });
    expect(plan.runtimeMs).toBeGreaterThan(0);
    expect(plan.runtimeMs % 5).toBe(0);
    expect(plan.greedy).toEqual({ objective: 0.5, placed: 1, personsPlaced: 1, households: 1 });
    expect(plan.municipalities).toEqual([{ code: 'GM0001', capacity: 1, used: 1, households: 1 }]);
  });
});
