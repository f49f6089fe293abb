import { housingTask as scoringHousingTask } from '@kansrijk/scoring';
import { periodOf } from './housing-task';

const housingTask = (a: { nationalTotal: number; population: number; nationalPopulation: number }) =>
  scoringHousingTask({ nationalTotal: a.nationalTotal, municipalityPopulation: a.population, nationalPopulation: a.nationalPopulation });

describe('R11 housing task = ceil(national total × population ÷ national population)', () => {
  it.each([
    // nationalTotal, population, nationalPopulation, expected (hand-computed)
    [10_000, 941_927, 18_130_208, 520], // 10,000 × 941,927 / 18,130,208 = 519.53… → 520
    [10_000, 906, 18_130_208, 1], // 0.4997… → 1: every municipality with inhabitants gets at least one
    [100, 50, 100, 50], // exact quotient stays exact
    [3, 1, 3, 1], // 1 exactly, not 2
    [0, 500, 1000, 0],
  ])('total %i, population %i of %i → %i', (nationalTotal, population, nationalPopulation, expected) => {
    expect(housingTask({ nationalTotal, population, nationalPopulation })).toBe(expected);
  });

  it('the tasks of all municipalities sum to at least the national total', () => {
    const pops = [941_927, 569_468, 244_427, 906, 12_345, 77_777, 3_001];
    const national = pops.reduce((a, b) => a + b, 0);
    for (const total of [1, 7, 999, 16_500, 20_000]) {
      const sum = pops.reduce((s, p) => s + housingTask({ nationalTotal: total, population: p, nationalPopulation: national }), 0);
      expect(sum).toBeGreaterThanOrEqual(total);
      expect(sum).toBeLessThan(total + pops.length); // rounding up adds less than one per municipality
    }
  });

  it('refuses nonsense', () => {
    expect(() => housingTask({ nationalTotal: -1, population: 1, nationalPopulation: 1 })).toThrow(RangeError);
    expect(() => housingTask({ nationalTotal: 1, population: 1, nationalPopulation: 0 })).toThrow(RangeError);
  });

  it('periods split the year at July', () => {
    expect(periodOf(new Date('2026-06-30T23:59:59Z'))).toBe('2026-H1');
    expect(periodOf(new Date('2026-07-01T00:00:00Z'))).toBe('2026-H2');
  });
});
