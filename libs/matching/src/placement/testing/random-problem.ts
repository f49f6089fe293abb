/** Test support: fast-check arbitraries for placement problems. */
import * as fc from 'fast-check';
import { PlacementPairsBuilder } from '../pairs';
import type { PlacementProblem } from '../types';

export interface ProblemShape {
  maxHouseholds: number;
  maxMunicipalities: number;
  maxPersons?: number;
  maxCapacity?: number;
  /** Share of (household, municipality) pairs left out: hard ties (R12) and other ineligibility. */
  missing?: number;
  withBalance?: boolean;
}

/**
 * Random problems: mixed household sizes, random capacities (including 0), some pairs missing,
 * scores that are sometimes tied (0, 0.5, 1), up to three regions, and optionally a balance rule.
 */
export function problemArb(shape: ProblemShape): fc.Arbitrary<PlacementProblem> {
  const maxPersons = shape.maxPersons ?? 6;
  const maxCapacity = shape.maxCapacity ?? 10;
  const missing = shape.missing ?? 0.3;
  return fc
    .record({
      H: fc.integer({ min: 0, max: shape.maxHouseholds }),
      M: fc.integer({ min: 1, max: shape.maxMunicipalities }),
    })
    .chain(({ H, M }) =>
      // noBias: fast-check's small-value bias would make most instances trivial (no room, score 0).
      fc.noBias(
      fc.record({
        persons: fc.array(fc.integer({ min: 1, max: maxPersons }), { minLength: H, maxLength: H }),
        arrival: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: H, maxLength: H }),
        capacity: fc.array(fc.integer({ min: 0, max: maxCapacity }), { minLength: M, maxLength: M }),
        region: fc.array(fc.constantFrom('AM01', 'AM02', 'AM03'), { minLength: M, maxLength: M }),
        population: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: M, maxLength: M }),
        present: fc.array(fc.integer({ min: 0, max: 999 }).map((x) => x / 1000), { minLength: H * M, maxLength: H * M }),
        score: fc.array(fc.oneof(fc.constantFrom(0, 0.5, 1), fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000)), {
          minLength: H * M,
          maxLength: H * M,
        }),
        balance: shape.withBalance
          ? fc.option(
              fc.record({
                tolerance: fc.integer({ min: 0, max: 50 }).map((x) => x / 100),
                mode: fc.constantFrom('absolute' as const, 'relative' as const),
              }),
              { nil: undefined, freq: 2 },
            )
          : fc.constant(undefined),
      })).map((r) => {
        const pairs = new PlacementPairsBuilder();
        for (let h = 0; h < H; h++) for (let m = 0; m < M; m++) if (r.present[h * M + m] >= missing) pairs.add(h, m, r.score[h * M + m]);
        const problem: PlacementProblem = {
          // Ids deliberately not in index order, so canonical ordering is exercised.
          households: r.persons.map((persons, h) => ({ id: `hh-${(h * 7) % Math.max(1, H)}-${h}`, persons, arrival: r.arrival[h] })),
          municipalities: r.capacity.map((capacity, m) => ({ code: `GM${String(900 - m).padStart(4, '0')}`, capacity, regionCode: r.region[m], population: r.population[m] })),
          pairs: pairs.build(),
        };
        if (r.balance) problem.balance = r.balance;
        return problem;
      }),
    );
}
