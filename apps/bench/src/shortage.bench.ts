/**
 * Shortage shared by each weighting: a synthetic cohort of 2,000 households (the placement
 * bench's generator) with places for 84% of its persons, planned once per placementWeight.
 * Prints, per household size, how many are left unplaced, and the plan's shortage report in
 * words: the figures behind the policy's default (PERSON).
 */
import { describeShortage, solvePlacement, type PlacementWeighting } from '@kansrijk/matching';
import { makeSyntheticCohort } from './placement.bench';

/** 3,665 places for 4,375 persons in the case first reported: 0.84 of the persons. */
const SHORTAGE_SLACK = 0.84;

export async function shortageBench(): Promise<void> {
  const cohort = makeSyntheticCohort(2000, 20260401 + 2000, SHORTAGE_SLACK);
  for (const weighting of ['household', 'person', 'waiting'] as PlacementWeighting[]) {
    const plan = await solvePlacement({ ...cohort.problem, weighting }, { method: 'auto' });
    const s = plan.shortage;
    console.log(
      `${weighting}: ${plan.method}, ${plan.runtimeMs.toFixed(0)} ms, gap ${(100 * plan.gap).toFixed(3)}%; placed ${s.placed}/${s.households} households, ` +
        `${s.personsPlaced}/${s.persons} persons (places ${s.places}); mean link score ${(plan.linkScore / Math.max(1, plan.placed)).toFixed(4)}`,
    );
    console.log(`  unplaced by size: ${s.bySize.map((c) => `${c.persons}p ${c.unplaced}/${c.households} (${((100 * c.unplaced) / c.households).toFixed(1)}%)`).join(', ')}`);
    if (weighting === 'waiting') {
      // Who is left out under waiting: the most recent permits (waitingDays small) should be.
      const waited = new Map(cohort.problem.households.map((h) => [h.id, h.waitingDays ?? 0]));
      const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
      console.log(
        `  mean days waited: placed ${mean(plan.assignments.map((a) => waited.get(a.householdId)!)).toFixed(0)}, unplaced ${mean(plan.unplaced.map((u) => waited.get(u.householdId)!)).toFixed(0)}`,
      );
    }
    if (weighting === 'person') console.log(`  in words (en): ${describeShortage(s, { tieRadiusKm: 50 }).en}`);
  }
}
