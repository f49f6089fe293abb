import * as fc from 'fast-check';
import type { Highs } from 'highs';
import { loadHighsOnce } from './exact';
import { solveLazily } from './lazy-solve';
import { PlacementPairsBuilder, pairsFromObjects } from './pairs';
import { PlacementInputError } from './placement-input-error';
import { describeShortage } from './shortage';
import { solvePlacement } from './solve-placement';
import { balanced, bruteForceOptimum, personsByRegion, planViolations, shareBounds } from './testing/brute-force';
import { problemArb } from './testing/random-problem';
import type { PlacementHousehold, PlacementMunicipality, PlacementPlan, PlacementProblem, PlacementWeighting } from './types';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsOnce();
});

const WEIGHTINGS: PlacementWeighting[] = ['household', 'person', 'waiting'];

describe('shortage report (R11, R12)', () => {
  // Places: A 4 (R1), B 3 (R2), C 0 (R2), D 5 (R3, reachable by no tie holder): 12 in all.
  const municipalities: PlacementMunicipality[] = [
    { code: 'GM0001', capacity: 4, regionCode: 'R1', population: 100 },
    { code: 'GM0002', capacity: 3, regionCode: 'R2', population: 100 },
    { code: 'GM0003', capacity: 0, regionCode: 'R2', population: 100 },
    { code: 'GM0004', capacity: 5, regionCode: 'R3', population: 100 },
  ];
  // 3 + 2 + 6 + 1 + 2 = 14 persons against 12 places. Tie holders t3 and t6 may go to A, B, C only (7 places) with 9 persons.
  const households: PlacementHousehold[] = [
    { id: 't3', persons: 3, arrival: 0, hardTies: true },
    { id: 'f2', persons: 2, arrival: 1 },
    { id: 't6', persons: 6, arrival: 2, hardTies: true },
    { id: 'f1', persons: 1, arrival: 3 },
    { id: 'g2', persons: 2, arrival: 4 },
  ];
  const pairs = pairsFromObjects(households, municipalities, [
    { householdId: 't3', municipalityCode: 'GM0001', score: 0.9 },
    { householdId: 't3', municipalityCode: 'GM0002', score: 0.6 },
    { householdId: 't6', municipalityCode: 'GM0001', score: 0.7 },
    { householdId: 't6', municipalityCode: 'GM0003', score: 0.9 },
    { householdId: 'f2', municipalityCode: 'GM0004', score: 0.5 },
    { householdId: 'f1', municipalityCode: 'GM0004', score: 0.5 },
    { householdId: 'g2', municipalityCode: 'GM0004', score: 0.5 },
  ]);
  const problem: PlacementProblem = { households, municipalities, pairs, weighting: 'person' };

  it('counts persons against places overall and within the tie holders\' reach, and the outcome by size', async () => {
    const plan = await solvePlacement(problem, { method: 'exact', highs });
    expect(plan.shortage).toEqual({
      households: 5,
      persons: 14,
      places: 12,
      shortfall: 2,
      tieHolders: { households: 2, persons: 9, places: 7, shortfall: 2 },
      weighting: 'person',
      placed: 4,
      personsPlaced: 8,
      bySize: [
        { persons: 1, households: 1, placed: 1, unplaced: 0, noRoomAnywhere: 0 },
        { persons: 2, households: 2, placed: 2, unplaced: 0, noRoomAnywhere: 0 },
        { persons: 3, households: 1, placed: 1, unplaced: 0, noRoomAnywhere: 0 },
        { persons: 6, households: 1, placed: 0, unplaced: 1, noRoomAnywhere: 1 },
      ],
    });
    // t6 fits nowhere whole: A holds 4, C nothing.
    expect(plan.unplaced).toEqual([{ householdId: 't6', persons: 6, reason: 'noRoomAnywhere' }]);
  });

  it('says it in plain Dutch and English with the numbers', async () => {
    const plan = await solvePlacement(problem, { method: 'exact', highs });
    const text = describeShortage(plan.shortage, { tieRadiusKm: 50 });
    expect(text.nl).toContain('Tekort: 14 personen in 5 huishoudens tegenover 12 plaatsen; 2 personen (14%)');
    expect(text.nl).toContain('2 met 9 personen, tegenover 7 plaatsen binnen 50 km van hun harde bindingen; een tekort van 2 personen');
    expect(text.nl).toContain('6 personen: 1 van 1');
    expect(text.nl).toContain('per persoon');
    expect(text.en).toContain('Shortage: 14 persons in 5 households against 12 places; 2 persons (14%) cannot be placed');
    expect(text.en).toContain('Not placed, by size: 6 persons: 1 of 1.');
    // Thousands are grouped the way each language writes them.
    const big = describeShortage({ ...plan.shortage, persons: 4375, households: 2000, places: 3665, shortfall: 710 });
    expect(big.nl).toContain('4.375 personen in 2.000 huishoudens tegenover 3.665 plaatsen; 710 personen (16%)');
    expect(big.en).toContain('4,375 persons in 2,000 households against 3,665 places; 710 persons (16%)');
  });

  it('says "no shortage" when places suffice, and leaves places out when capacity is no limit', () => {
    const s = {
      households: 2,
      persons: 3,
      places: 10,
      shortfall: 0,
      tieHolders: { households: 0, persons: 0, places: 0, shortfall: 0 },
      weighting: 'person' as const,
      bySize: [{ persons: 1, households: 1, placed: 1, unplaced: 0, noRoomAnywhere: 0 }, { persons: 2, households: 1, placed: 1, unplaced: 0, noRoomAnywhere: 0 }],
      placed: 2,
      personsPlaced: 3,
    };
    expect(describeShortage(s).en).toMatch(/^No overall shortage: 3 persons in 2 households against 10 places/);
    expect(describeShortage(s).en).not.toMatch(/Not placed/);
    expect(describeShortage(s, { capacityKnown: false }).nl).toMatch(/geen landelijke huisvestingstaak bekend/);
    expect(describeShortage(s, { capacityKnown: false }).nl).not.toMatch(/10 plaatsen/);
  });
});

describe('unplaced reasons: no room anywhere vs lost to others (R11, R16)', () => {
  const municipalities: PlacementMunicipality[] = [
    { code: 'GM0001', capacity: 2, regionCode: 'R1', population: 1 },
    { code: 'GM0002', capacity: 0, regionCode: 'R1', population: 1 },
  ];
  const households: PlacementHousehold[] = [
    { id: 'full-only', persons: 1, arrival: 0 }, // its only municipality has a task of 0
    { id: 'too-big', persons: 3, arrival: 1 }, // its municipality holds 2 at most
    { id: 'winner', persons: 2, arrival: 2 },
    { id: 'loser', persons: 2, arrival: 3 },
  ];
  const pairs = pairsFromObjects(households, municipalities, [
    { householdId: 'full-only', municipalityCode: 'GM0002', score: 1 },
    { householdId: 'too-big', municipalityCode: 'GM0001', score: 1 },
    { householdId: 'winner', municipalityCode: 'GM0001', score: 0.9 },
    { householdId: 'loser', municipalityCode: 'GM0001', score: 0.4 },
    { householdId: 'loser', municipalityCode: 'GM0002', score: 0.8 },
  ]);

  it.each(['exact', 'lagrangian', 'greedy'] as const)('%s: a household that never had room is told apart from one that lost the room to another', async (method) => {
    for (const weighting of WEIGHTINGS) {
      const plan = await solvePlacement({ households, municipalities, pairs, weighting }, { method, highs });
      expect(plan.assignments).toEqual([{ householdId: 'winner', municipalityCode: 'GM0001', persons: 2, score: 0.9 }]);
      expect(plan.unplaced).toEqual([
        { householdId: 'full-only', persons: 1, reason: 'noRoomAnywhere' },
        { householdId: 'loser', persons: 2, reason: 'capacity' },
        { householdId: 'too-big', persons: 3, reason: 'noRoomAnywhere' },
      ]);
      expect(plan.shortage.bySize).toEqual([
        { persons: 1, households: 1, placed: 0, unplaced: 1, noRoomAnywhere: 1 },
        { persons: 2, households: 2, placed: 1, unplaced: 1, noRoomAnywhere: 0 },
        { persons: 3, households: 1, placed: 0, unplaced: 1, noRoomAnywhere: 1 },
      ]);
    }
  });
});

describe('weighting: how a shortage is shared', () => {
  // Six places; a family of six (score 0.8) against six single persons (0.5 each).
  const municipalities: PlacementMunicipality[] = [{ code: 'GM0001', capacity: 6, regionCode: 'R1', population: 1 }];
  const households: PlacementHousehold[] = [
    { id: 'family', persons: 6, arrival: 6, waitingDays: 0 },
    ...Array.from({ length: 6 }, (_, i) => ({ id: `single-${i}`, persons: 1, arrival: i, waitingDays: 730 })),
  ];
  const pairs = pairsFromObjects(
    households,
    municipalities,
    households.map((h) => ({ householdId: h.id, municipalityCode: 'GM0001', score: h.persons === 6 ? 0.8 : 0.5 })),
  );

  it.each(['exact', 'lagrangian'] as const)('%s: HOUSEHOLD counts six singles over the family; PERSON places the better fit per person; WAITING the longer wait', async (method) => {
    const byHousehold = await solvePlacement({ households, municipalities, pairs, weighting: 'household' }, { method, highs });
    expect(byHousehold.assignments.map((a) => a.householdId)).toEqual(households.slice(1).map((h) => h.id));
    expect(byHousehold.objective).toBeCloseTo(3, 9);
    const byPerson = await solvePlacement({ households, municipalities, pairs, weighting: 'person' }, { method, highs });
    expect(byPerson.assignments.map((a) => a.householdId)).toEqual(['family']);
    expect(byPerson.objective).toBeCloseTo(4.8, 9); // 0.8 x 6 persons
    expect(byPerson.linkScore).toBeCloseTo(0.8, 9);
    expect(byPerson.assignments[0].score).toBe(0.8); // the link score itself, unweighted
    // Two years of waiting triple a single's weight: 6 x 0.5 x 3 = 9 beats 4.8.
    const byWaiting = await solvePlacement({ households, municipalities, pairs, weighting: 'waiting' }, { method, highs });
    expect(byWaiting.assignments.map((a) => a.householdId)).toEqual(households.slice(1).map((h) => h.id));
    expect(byWaiting.objective).toBeCloseTo(9, 9);
    const slower = await solvePlacement({ households, municipalities, pairs, weighting: 'waiting', waitingDoublingDays: 3650 }, { method, highs });
    expect(slower.assignments.map((a) => a.householdId)).toEqual(['family']); // 6 x 0.5 x 1.2 = 3.6 < 4.8
  });

  it('refuses an unknown weighting and a negative wait, naming the field', async () => {
    await expect(solvePlacement({ households, municipalities, pairs, weighting: 'size' as PlacementWeighting })).rejects.toThrow(/weighting must be/);
    await expect(solvePlacement({ households: [{ ...households[0], waitingDays: -1 }], municipalities, pairs: { hh: new Int32Array(0), mun: new Int32Array(0), score: new Float64Array(0) } })).rejects.toThrow(
      /households\[0\]\.waitingDays/,
    );
    await expect(solvePlacement({ households, municipalities, pairs, waitingDoublingDays: 0 })).rejects.toThrow(PlacementInputError);
  });

  it('every method optimises the weighted objective: exact equals brute force, lagrangian and greedy stay below it', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemArb({ maxHouseholds: 8, maxMunicipalities: 5, withBalance: true }),
        fc.constantFrom(...WEIGHTINGS),
        fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 8, maxLength: 8 }),
        async (base, weighting, waits) => {
          const problem: PlacementProblem = { ...base, weighting, households: base.households.map((h, i) => ({ ...h, waitingDays: waits[i] })) };
          const optimum = bruteForceOptimum(problem);
          const exact = await solvePlacement(problem, { method: 'exact', highs });
          expect(planViolations(problem, exact)).toEqual([]);
          expect(exact.optimal).toBe(true);
          expect(Math.abs(exact.objective - optimum)).toBeLessThanOrEqual(1e-9 * Math.max(1, optimum));
          expect(exact.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9 * Math.max(1, optimum));
          const lag = await solvePlacement(problem, { method: 'lagrangian' });
          expect(planViolations(problem, lag)).toEqual([]);
          expect(lag.objective).toBeLessThanOrEqual(optimum + 1e-9 * Math.max(1, optimum));
          expect(lag.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9 * Math.max(1, optimum));
          const greedy = await solvePlacement(problem, { method: 'greedy' });
          expect(planViolations(problem, greedy)).toEqual([]);
          if (!problem.balance) expect(greedy.objective).toBeLessThanOrEqual(optimum + 1e-9 * Math.max(1, optimum));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('the lazy solve prices bounded pairs and settles plans in the weighted units', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb({ maxHouseholds: 7, maxMunicipalities: 4, missing: 0.2 }), fc.integer({ min: 1, max: 2 ** 30 }), async (truth0, seed) => {
        const truth: PlacementProblem = { ...truth0, weighting: 'person' };
        const optimum = bruteForceOptimum(truth);
        // To the optimum itself, and settled after the first round (then feasible, bounded, not claimed optimal).
        for (const settleAfterRounds of [Infinity, 1]) {
          let s = seed;
          const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
          const n = truth.pairs.hh.length;
          const exact = new Uint8Array(n);
          const score = Float64Array.from(truth.pairs.score, (v) => (rand() < 0.4 ? v : Math.min(1, v + rand() * 0.6)));
          for (let k = 0; k < n; k++) if (score[k] === truth.pairs.score[k]) exact[k] = 1;
          const bounded: PlacementProblem = { ...truth, pairs: { ...truth.pairs, score } };
          const { plan } = await solveLazily({
            problem: bounded,
            exact,
            refine: (ks) => {
              for (const k of ks) {
                score[k] = truth.pairs.score[k];
                exact[k] = 1;
              }
            },
            options: { method: 'exact', highs },
            settleAfterRounds,
          });
          expect(planViolations(truth, plan)).toEqual([]);
          expect(plan.linkScore).toBeCloseTo(plan.assignments.reduce((a, x) => a + x.score, 0), 9);
          expect(plan.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9 * Math.max(1, optimum));
          if (settleAfterRounds === Infinity) expect(Math.abs(plan.objective - optimum)).toBeLessThanOrEqual(1e-9 * Math.max(1, optimum));
          else expect(plan.objective).toBeLessThanOrEqual(optimum + 1e-9 * Math.max(1, optimum));
        }
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * A seeded shortage cohort: 600 households of 1 to 6 persons (the size mix of the placement
 * benchmark) over 30 municipalities with places for 85% of the persons, random scores, a third of
 * the households restricted to a few municipalities (hard ties, R12).
 */
function shortageCohort(seed: number): PlacementProblem {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const sizes = [0.42, 0.16, 0.12, 0.12, 0.1, 0.08];
  const households: PlacementHousehold[] = [];
  const pairs = new PlacementPairsBuilder();
  const M = 30;
  let persons = 0;
  for (let h = 0; h < 600; h++) {
    let u = rand();
    let size = 1;
    while (size < 6 && u > sizes[size - 1]) u -= sizes[size++ - 1];
    persons += size;
    households.push({ id: `h${String(h).padStart(4, '0')}`, persons: size, arrival: h });
    const tied = rand() < 0.33;
    const anchor = Math.floor(rand() * M);
    for (let m = 0; m < M; m++) {
      if (tied && Math.abs(m - anchor) > 3) continue;
      pairs.add(h, m, Math.round(1000 * (0.3 + 0.4 * rand() + 0.3 * Math.exp(-Math.abs(m - anchor) / 5))) / 1000);
    }
  }
  const weights = Array.from({ length: M }, () => 0.5 + rand());
  const total = weights.reduce((a, b) => a + b, 0);
  const municipalities = weights.map((w, m) => ({ code: `GM${String(m).padStart(4, '0')}`, capacity: Math.floor((0.85 * persons * w) / total), regionCode: `R${m % 5}`, population: 1000 }));
  return { households, municipalities, pairs: pairs.build() };
}

const unplacedShare = (plan: PlacementPlan, size: number) => {
  const c = plan.shortage.bySize.find((x) => x.persons === size)!;
  return c.unplaced / c.households;
};

describe('weighting on a shortage cohort', () => {
  it.each([1, 2, 3])('seed %i: with PERSON the six-person households are not left behind as with HOUSEHOLD', async (seed) => {
    const problem = shortageCohort(seed);
    const byHousehold = await solvePlacement({ ...problem, weighting: 'household' }, { method: 'lagrangian' });
    const byPerson = await solvePlacement({ ...problem, weighting: 'person' }, { method: 'lagrangian' });
    expect(byPerson.shortage.shortfall).toBeGreaterThan(0);
    const personsShare = 1 - byPerson.personsPlaced / byPerson.shortage.persons; // about 16% of the persons stay out
    // HOUSEHOLD, the old objective: the families of six go first (measured 49-58%) and every single is placed.
    expect(unplacedShare(byHousehold, 6)).toBeGreaterThan(2.5 * personsShare);
    expect(unplacedShare(byHousehold, 1)).toBe(0);
    // PERSON: the families of six are left out about as often as persons are on the whole (measured 9-18% against 16%).
    expect(unplacedShare(byPerson, 6)).toBeLessThan(1.5 * personsShare);
    expect(unplacedShare(byPerson, 1)).toBeGreaterThan(0);
    // Both fill the places: sharing differently, not wasting them.
    expect(byPerson.personsPlaced).toBeGreaterThanOrEqual(byHousehold.personsPlaced - 6);
  });
});

describe('small cohorts with a regional spread (R14)', () => {
  // Ten regions of equal population: every region's share must be 10% ± 2 points; four households cannot do that.
  const municipalities: PlacementMunicipality[] = Array.from({ length: 10 }, (_, m) => ({ code: `GM${String(m).padStart(4, '0')}`, capacity: 3, regionCode: `R${m}`, population: 1000 }));
  const households: PlacementHousehold[] = [
    { id: 'a', persons: 2, arrival: 0 },
    { id: 'b', persons: 1, arrival: 1 },
    { id: 'c', persons: 3, arrival: 2 },
    { id: 'd', persons: 4, arrival: 3 }, // fits nowhere (3 places each)
  ];
  const pairs = pairsFromObjects(households, municipalities, [
    { householdId: 'a', municipalityCode: 'GM0000', score: 0.9 },
    { householdId: 'a', municipalityCode: 'GM0001', score: 0.5 },
    { householdId: 'b', municipalityCode: 'GM0000', score: 0.8 },
    { householdId: 'b', municipalityCode: 'GM0002', score: 0.7 },
    { householdId: 'c', municipalityCode: 'GM0003', score: 0.6 },
    { householdId: 'd', municipalityCode: 'GM0004', score: 0.9 },
  ]);
  const problem: PlacementProblem = { households, municipalities, pairs, weighting: 'person', balance: { tolerance: 0.02, whenUnmeetable: 'relax' } };

  it.each(['exact', 'lagrangian', 'auto'] as const)('%s: relaxes to the smallest tolerance that places as many as the greedy baseline, and says so', async (method) => {
    const plan = await solvePlacement(problem, { method, highs });
    expect(plan.greedy.placed).toBe(3);
    expect(plan.placed).toBe(3);
    expect(plan.balance).toMatchObject({ relaxed: true, requestedTolerance: 0.02, satisfied: true });
    expect(plan.notes.join(' ')).toMatch(/cannot be met by a cohort this small.*widened to ±\d+(\.\d)? share points/);
    // Three households in three regions (3, 2 and 1 persons of 6): region shares 50%, 33%, 17% and 0% elsewhere.
    expect(balanced(shareBounds({ ...problem, balance: { tolerance: plan.balance!.tolerance } })!, personsByRegion(problem, plan))).toBe(true);
    expect(plan.balance!.tolerance).toBeCloseTo(0.4, 9);
    // 0.5 point less places fewer than three: the tolerance is the smallest on the grid.
    const tighter = await solvePlacement({ ...problem, balance: { tolerance: plan.balance!.tolerance - 0.005 } }, { method: 'exact', highs });
    expect(tighter.placed).toBeLessThan(3);
    expect(plan.unplaced).toEqual([{ householdId: 'd', persons: 4, reason: 'noRoomAnywhere' }]);
  });

  it('strict keeps the empty plan but says why; a cohort that can meet its spread is not relaxed', async () => {
    const strict = await solvePlacement({ ...problem, balance: { tolerance: 0.02 } }, { method: 'exact', highs });
    expect(strict.placed).toBe(0);
    expect(strict.balance).toMatchObject({ relaxed: false, tolerance: 0.02 });
    expect(strict.notes.join(' ')).toMatch(/balance constraint cannot be met with anyone placed/);
    const wide = await solvePlacement({ ...problem, balance: { tolerance: 0.9, whenUnmeetable: 'relax' } }, { method: 'exact', highs });
    expect(wide.placed).toBe(3);
    expect(wide.balance).toMatchObject({ relaxed: false, tolerance: 0.9 });
  });

  it('refuses an unknown whenUnmeetable', async () => {
    await expect(solvePlacement({ ...problem, balance: { tolerance: 0.02, whenUnmeetable: 'maybe' as 'relax' } })).rejects.toThrow(/balance\.whenUnmeetable/);
  });
});
