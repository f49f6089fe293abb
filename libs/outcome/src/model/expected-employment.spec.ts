import { compareExpectedEmployment, compileOutcomeModel, expectedEmployment, fitOutcomeModel, generateHistory, predictOutcome, type OutcomeLocation } from '..';
import { TEST_MUNICIPALITIES } from '../../test/fixtures';

describe('expectedEmployment of a plan', () => {
  const h = generateHistory({ rows: 4_000, seed: 21, municipalities: TEST_MUNICIPALITIES });
  const model = compileOutcomeModel(fitOutcomeModel(h.records, { name: 'plan', createdAt: 'x', dataHash: 'x', bootstrap: 30 }));
  // 30 households of two adults from the synthetic people; two places, one with far more work.
  const households = Array.from({ length: 30 }, (_, k) => ({
    id: `h${k}`,
    adults: [0, 1].map((j) => ({ id: `a${k}-${j}`, profile: h.records[2 * k + j].profile, monitoring: h.records[2 * k + j].monitoring })),
  }));
  const places: Record<string, OutcomeLocation> = {
    RICH: { labourDemandTension: 2.5, reachableVacancies: 3000, nearestTieKm: 5, population: 300_000 },
    POOR: { labourDemandTension: 0.3, reachableVacancies: 5, nearestTieKm: null, population: 9_000 },
  };
  const onDate = '2026-06-01';
  const run = (code: (k: number) => string | null) =>
    expectedEmployment({
      model,
      onDate,
      households,
      plan: households.flatMap((hh, k) => (code(k) ? [{ householdId: hh.id, municipalityCode: code(k)! }] : [])),
      locationOf: (_adult, m) => places[m],
    });

  it('sums every placed adult\'s prediction (R16), with a bootstrap interval around it and groups that add up', () => {
    const e = run((k) => (k < 25 ? 'POOR' : null));
    expect(e.adults).toBe(50);
    expect(e.adultsNotPlaced).toBe(10);
    const direct = households.slice(0, 25).flatMap((hh) => hh.adults.map((a) => predictOutcome(model, { profile: a.profile, location: places.POOR, onDate })));
    expect(e.expected).toBeCloseTo(direct.reduce((s, x) => s + x, 0), 10);
    expect(e.replicates).toBe(30);
    expect(e.low!).toBeLessThan(e.expected);
    expect(e.high!).toBeGreaterThan(e.expected);
    for (const dim of ['gender', 'ageBand', 'origin'] as const) {
      const groups = e.byGroup.filter((g) => g.dimension === dim);
      expect(groups.reduce((s, g) => s + g.expected, 0)).toBeCloseTo(e.expected, 10);
      expect(groups.reduce((s, g) => s + g.adults, 0)).toBe(50);
      for (const g of groups) expect(g.adults >= 5 || g.group === 'unknown' || g.group === 'other').toBe(true); // a pooled group mixes several
    }
  });

  it('compares two plans with a paired interval: none for the same plan, above zero where the variant places people where there is work', () => {
    const base = run(() => 'POOR');
    expect(compareExpectedEmployment(base, run(() => 'POOR'))).toMatchObject({ expected: 0, low: 0, high: 0 });
    const better = compareExpectedEmployment(base, run(() => 'RICH'));
    expect(better.expected).toBeGreaterThan(1);
    expect(better.low!).toBeGreaterThan(0);
    expect(better.byGroup.filter((g) => g.dimension === 'gender').reduce((s, g) => s + g.expected, 0)).toBeCloseTo(better.expected, 10);
  });
});
