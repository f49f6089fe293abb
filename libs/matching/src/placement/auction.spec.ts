import { mulberry32 } from '@kansrijk/outcome';
import * as fc from 'fast-check';
import { auctionLp, weightedThreshold } from './auction';
import { dualBound } from './dual-bound';
import { buildInstance, type Instance } from './instance';
import type { PlacementProblem, PlacementWeighting } from './types';

/**
 * The auction's LP relaxation of R11 (capacity in persons, whole households relaxed), with and
 * without eps-scaling. A cold auction ends within eps x persons of the LP optimum (its fractional
 * plan below, its dual bound above), so it brackets the optimum; the scaled one must give a valid
 * bound as close, a feasible fractional plan, and prices no higher than the marginal household
 * would pay.
 */
function randomProblem(seed: number, weighting: PlacementWeighting): PlacementProblem {
  const rnd = mulberry32(seed);
  const M = 25;
  const municipalities = Array.from({ length: M }, (_, m) => ({ code: `GM${String(m).padStart(4, '0')}`, capacity: m % 7 === 0 ? 0 : 2 + Math.floor(rnd() * 12), regionCode: `AM${m % 5}`, population: 1000 + m }));
  const households = Array.from({ length: 300 }, (_, h) => ({ id: `h${String(h).padStart(3, '0')}`, persons: 1 + Math.floor(rnd() * 5), arrival: h }));
  const hh: number[] = [];
  const mun: number[] = [];
  const score: number[] = [];
  households.forEach((_, h) => {
    // Scores bunched near each other, as link scores are: the case that makes a cold auction bid in tiny steps.
    const base = 0.4 + 0.3 * rnd();
    for (let m = 0; m < M; m++) {
      if (rnd() < 0.3) continue;
      hh.push(h);
      mun.push(m);
      score.push(Math.min(1, base + 0.05 * rnd()));
    }
  });
  return { households, municipalities, weighting, pairs: { hh: Int32Array.from(hh), mun: Int32Array.from(mun), score: Float64Array.from(score) } };
}

function unitValues(inst: Instance): Float64Array {
  const c = new Float64Array(inst.P);
  for (let h = 0; h < inst.H; h++) for (let k = inst.start[h]; k < inst.start[h + 1]; k++) c[k] = inst.pv[k] / inst.persons[h];
  return c;
}

const forever = { clock: () => 0, at: Infinity };

describe('auctionLp: eps-scaling', () => {
  for (const weighting of ['person', 'household'] as const) {
    for (const seed of [1, 2, 3]) {
      it(`${weighting} weighting, seed ${seed}: a feasible fractional plan and a bound as tight as the cold auction's`, () => {
        const inst = buildInstance(randomProblem(seed, weighting));
        const c = unitValues(inst);
        const eps = 1e-3 * c.reduce((m, x) => Math.max(m, x), 0);
        let persons = 0;
        for (let h = 0; h < inst.H; h++) persons += inst.persons[h];
        const cold = auctionLp(inst, c, eps, forever, { scaling: false });
        const scaled = auctionLp(inst, c, eps, forever, { scaling: true });
        const value = (lp: typeof cold) => lp.flowPair.reduce((s, k, i) => s + lp.flowUnits[i] * c[k], 0);
        const coldPrimal = value(cold);
        const coldDual = dualBound(inst, cold.price, null);
        // The cold auction brackets the LP optimum within eps per person.
        expect(coldDual - coldPrimal).toBeLessThanOrEqual(eps * persons + 1e-9);
        expect(coldDual).toBeGreaterThanOrEqual(coldPrimal - 1e-9);
        // The scaled bound is a bound (at least a feasible plan's value) and at least as tight.
        const scaledDual = dualBound(inst, scaled.price, null);
        expect(scaledDual).toBeGreaterThanOrEqual(coldPrimal - 1e-9);
        expect(scaledDual).toBeLessThanOrEqual(coldDual + eps * persons);
        // Its fractional plan is feasible: R11 capacity per municipality, at most a household's persons.
        const perM = new Float64Array(inst.M);
        const perH = new Float64Array(inst.H);
        scaled.flowPair.forEach((k, i) => {
          perM[inst.pm[k]] += scaled.flowUnits[i];
          perH[scaled.flowHh[i]] += scaled.flowUnits[i];
        });
        for (let m = 0; m < inst.M; m++) expect(perM[m]).toBeLessThanOrEqual(inst.cap[m]);
        for (let h = 0; h < inst.H; h++) expect(perH[h]).toBeLessThanOrEqual(inst.persons[h]);
        // Close to the optimum too (rounding and local search start from it).
        expect(value(scaled)).toBeGreaterThanOrEqual(coldPrimal * 0.97);
        // No municipality is priced above what its marginal household would pay: lowering any one
        // price (others fixed) would not lower the bound.
        for (let m = 0; m < inst.M; m++) {
          if (inst.cap[m] === 0 || scaled.price[m] <= 0) continue;
          const lower = Float64Array.from(scaled.price);
          lower[m] = Math.max(0, lower[m] - eps);
          expect(dualBound(inst, lower, null)).toBeGreaterThanOrEqual(scaledDual - 1e-9);
        }
      });
    }
  }

  it('keeps capacity where a municipality has more room than the cohort has persons (R11)', () => {
    // Found by the lazy-solve property test: each scaled phase released the last one's lots of
    // GM0899, whose free lot is never used up, and the next phase's lots ran past its heap into
    // GM0900's, which then held a household of two in one place.
    const problem: PlacementProblem = {
      households: [
        { id: 'a', persons: 2, arrival: 0 },
        { id: 'b', persons: 1, arrival: 0 },
      ],
      municipalities: [
        { code: 'GM0900', capacity: 1, regionCode: 'AM01', population: 1 },
        { code: 'GM0899', capacity: 9, regionCode: 'AM01', population: 1 },
      ],
      pairs: { hh: Int32Array.from([0, 0, 1]), mun: Int32Array.from([0, 1, 1]), score: Float64Array.from([0.501, 0.5, 0.001]) },
    };
    const inst = buildInstance(problem);
    for (const scaling of [false, true]) {
      const lp = auctionLp(inst, unitValues(inst), 1e-4, forever, { scaling });
      const perM = new Float64Array(inst.M);
      lp.flowPair.forEach((k, i) => (perM[inst.pm[k]] += lp.flowUnits[i]));
      for (let m = 0; m < inst.M; m++) expect(perM[m]).toBeLessThanOrEqual(inst.cap[m]);
      // Everyone fits (two places in GM0899, or one there and one in GM0900): the plan holds all three persons.
      expect(lp.flowUnits.reduce((a, b) => a + b, 0)).toBe(3);
    }
  });

  it('is deterministic', () => {
    const inst = buildInstance(randomProblem(9, 'person'));
    const c = unitValues(inst);
    const a = auctionLp(inst, c, 1e-3, forever);
    const b = auctionLp(inst, c, 1e-3, forever);
    expect(Array.from(a.price)).toEqual(Array.from(b.price));
    expect(Array.from(a.flowUnits)).toEqual(Array.from(b.flowUnits));
  });
});

describe('weightedThreshold', () => {
  it('gives what sorting highest first and walking down to the capacity gives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 })), { maxLength: 60 }),
        fc.integer({ min: 0, max: 120 }),
        (entries, cap) => {
          // Values from a small set, so that ties are common.
          const values = entries.map(([v]) => v / 8);
          const weights = entries.map(([, w]) => w);
          const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
          let expected = 0;
          let cum = 0;
          for (const i of order) {
            cum += weights[i];
            if (cum > cap) {
              expected = values[i];
              break;
            }
          }
          expect(weightedThreshold(Float64Array.from(values), Int32Array.from(weights), values.length, cap)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
