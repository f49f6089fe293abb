import { pairsFromObjects } from '../placement/pairs';
import { solvePlacement } from '../placement/solve-placement';
import type { PlacementMunicipality, PlacementProblem } from '../placement/types';
import { dynamicScore, rankByDynamicScore } from './dynamic-score';
import { placePrices } from './place-prices';

const mun = (code: string, capacity: number): PlacementMunicipality => ({ code, capacity, regionCode: 'AM01', population: 1000 });

/**
 * Utrecht (GM0344) is wanted by everyone but holds 4 persons; Zeist (GM0355) has room for all;
 * Amersfoort (GM0307) has no room left.
 */
function problem(): PlacementProblem {
  const households = [1, 2, 3, 4].map((i) => ({ id: `h${i}`, persons: 2, arrival: i }));
  const municipalities = [mun('GM0344', 4), mun('GM0355', 100), mun('GM0307', 0)];
  const pairs = pairsFromObjects(
    households,
    municipalities,
    households.flatMap((h, i) => [
      { householdId: h.id, municipalityCode: 'GM0344', score: 0.9 - 0.1 * i },
      { householdId: h.id, municipalityCode: 'GM0355', score: 0.3 },
      { householdId: h.id, municipalityCode: 'GM0307', score: 1 },
    ]),
  );
  return { households, municipalities, pairs };
}

describe('placePrices (R11: capacity in persons)', () => {
  for (const method of ['lp', 'plan'] as const) {
    it(`${method}: zero where capacity is loose, positive where it binds, none where there is no room`, async () => {
      const p = await placePrices(problem(), { method });
      expect(p.prices.get('GM0355')).toBe(0);
      // Two households fit in Utrecht; the third-best wants it at 0.7 - 0.3 = 0.4 per 2 persons.
      expect(p.prices.get('GM0344')!).toBeGreaterThan(0.15);
      expect(p.prices.get('GM0344')!).toBeLessThanOrEqual(0.2 + 1e-3);
      expect(p.prices.has('GM0307')).toBe(false);
      expect(p.noRoom).toEqual(['GM0307']);
      expect(p.upperBound).toBeGreaterThanOrEqual(p.objective - 1e-9);
    });
  }

  it('the upper bound bounds the exact optimum', async () => {
    const p = await placePrices(problem());
    const plan = await solvePlacement(problem(), { method: 'exact' });
    expect(plan.objective).toBeCloseTo(0.9 + 0.8 + 0.3 + 0.3, 9);
    expect(p.upperBound).toBeGreaterThanOrEqual(plan.objective - 1e-9);
  });

  it('all prices are zero when nothing binds', async () => {
    const pr = problem();
    const loose = { ...pr, municipalities: pr.municipalities.map((m) => ({ ...m, capacity: 100 })) };
    const p = await placePrices(loose);
    expect([...p.prices.values()]).toEqual([0, 0, 0]);
  });
});

describe('dynamic score', () => {
  it('subtracts persons x price from the link score', () => {
    expect(dynamicScore(0.8, 3, 0.1)).toBeCloseTo(0.5, 12);
    expect(dynamicScore(0.2, 4, 0.1)).toBeCloseTo(-0.2, 12);
  });

  it('ranks by dynamic score, its components summing to it, unpriced places free', () => {
    const ranked = rankByDynamicScore(
      [
        { municipalityCode: 'GM0344', linkScore: 0.9 },
        { municipalityCode: 'GM0355', linkScore: 0.6 },
        { municipalityCode: 'GM0307', linkScore: 0.6 },
      ],
      4,
      new Map([['GM0344', 0.1]]),
    );
    expect(ranked.map((r) => r.municipalityCode)).toEqual(['GM0307', 'GM0355', 'GM0344']);
    for (const r of ranked) expect(r.linkScore - r.priceComponent).toBeCloseTo(r.dynamicScore, 12);
    expect(ranked[2].priceComponent).toBeCloseTo(0.4, 12);
  });
});
