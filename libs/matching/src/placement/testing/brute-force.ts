/**
 * Test support, independent of the optimiser: an exhaustive search over every whole-household
 * plan and a plan checker, written from the problem objects and the documented model only.
 */
import type { PlacementPlan, PlacementProblem } from '../types';

export interface Bounds {
  lower: Map<string, number>;
  upper: Map<string, number>;
}

/** Region share bounds as documented on BalanceConstraint (absolute: ±tolerance; relative: ×(1±tolerance)). */
export function shareBounds(problem: PlacementProblem): Bounds | null {
  if (!problem.balance) return null;
  const t = problem.balance.tolerance;
  const pop = new Map<string, number>();
  let total = 0;
  for (const m of problem.municipalities) {
    pop.set(m.regionCode, (pop.get(m.regionCode) ?? 0) + m.population);
    total += m.population;
  }
  const lower = new Map<string, number>();
  const upper = new Map<string, number>();
  for (const [r, p] of pop) {
    const s = total > 0 ? p / total : 0;
    const relative = problem.balance.mode === 'relative';
    lower.set(r, Math.max(0, relative ? s * (1 - t) : s - t));
    upper.set(r, Math.min(1, relative ? s * (1 + t) : s + t));
  }
  return { lower, upper };
}

/** Whether placed persons per region respect the bounds (slack 1e-6 persons for round-off). */
export function balanced(bounds: Bounds, personsByRegion: Map<string, number>): boolean {
  let total = 0;
  for (const v of personsByRegion.values()) total += v;
  for (const [r, lo] of bounds.lower) {
    const pr = personsByRegion.get(r) ?? 0;
    if (pr - (bounds.upper.get(r) as number) * total > 1e-6 || lo * total - pr > 1e-6) return false;
  }
  return true;
}

/**
 * A household's weight as documented on PlacementWeighting (household: 1; person: persons;
 * waiting: persons x (1 + waitingDays / doubling days, 365 unless the problem says)).
 */
export function weightOf(problem: PlacementProblem, h: number): number {
  const hh = problem.households[h];
  const w = problem.weighting ?? 'household';
  if (w === 'household') return 1;
  if (w === 'person') return hh.persons;
  return hh.persons * (1 + (hh.waitingDays ?? 0) / (problem.waitingDoublingDays ?? 365));
}

/** The optimum by exhaustive depth-first search (each household: out, or any allowed municipality with room). */
export function bruteForceOptimum(problem: PlacementProblem): number {
  const { households, municipalities, pairs } = problem;
  const options: { m: number; s: number }[][] = households.map(() => []);
  for (let k = 0; k < pairs.hh.length; k++) options[pairs.hh[k]].push({ m: pairs.mun[k], s: pairs.score[k] });
  const room = municipalities.map((m) => m.capacity);
  const bounds = shareBounds(problem);
  const byRegion = new Map<string, number>();
  let best = 0;
  const visit = (i: number, value: number): void => {
    if (i === households.length) {
      if (bounds === null || balanced(bounds, byRegion)) best = Math.max(best, value);
      return;
    }
    visit(i + 1, value);
    const p = households[i].persons;
    for (const o of options[i]) {
      if (room[o.m] < p) continue;
      room[o.m] -= p;
      const r = municipalities[o.m].regionCode;
      byRegion.set(r, (byRegion.get(r) ?? 0) + p);
      visit(i + 1, value + o.s * weightOf(problem, i));
      byRegion.set(r, (byRegion.get(r) as number) - p);
      room[o.m] += p;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * Every rule a plan must keep, checked from the problem objects: known ids, each household exactly
 * once (assigned or unplaced), whole and through an allowed pair with its score, no capacity
 * exceeded, totals consistent. Returns the broken rules (empty when the plan is valid).
 */
export function planViolations(problem: PlacementProblem, plan: PlacementPlan): string[] {
  const out: string[] = [];
  const hIndex = new Map(problem.households.map((h, i) => [h.id, i]));
  const mIndex = new Map(problem.municipalities.map((m, i) => [m.code, i]));
  const allowed = new Map<string, number>();
  for (let k = 0; k < problem.pairs.hh.length; k++) allowed.set(`${problem.pairs.hh[k]}:${problem.pairs.mun[k]}`, problem.pairs.score[k]);
  const seen = new Set<string>();
  const used = new Map<string, number>();
  let objective = 0;
  let persons = 0;
  for (const a of plan.assignments) {
    const h = hIndex.get(a.householdId);
    const m = mIndex.get(a.municipalityCode);
    if (h === undefined || m === undefined) {
      out.push(`unknown ids in ${JSON.stringify(a)}`);
      continue;
    }
    if (seen.has(a.householdId)) out.push(`household ${a.householdId} appears twice`);
    seen.add(a.householdId);
    const score = allowed.get(`${h}:${m}`);
    if (score === undefined) out.push(`household ${a.householdId} placed through an absent pair (hard tie broken) in ${a.municipalityCode}`);
    else if (score !== a.score) out.push(`household ${a.householdId}: score ${a.score} is not the pair's ${score}`);
    if (a.persons !== problem.households[h].persons) out.push(`household ${a.householdId} split: ${a.persons} persons placed`);
    used.set(a.municipalityCode, (used.get(a.municipalityCode) ?? 0) + problem.households[h].persons);
    objective += (score ?? 0) * weightOf(problem, h);
    persons += problem.households[h].persons;
  }
  for (const u of plan.unplaced) {
    if (seen.has(u.householdId)) out.push(`household ${u.householdId} both placed and unplaced, or unplaced twice`);
    seen.add(u.householdId);
  }
  if (seen.size !== problem.households.length) out.push(`${problem.households.length - seen.size} households missing from the plan`);
  for (const m of problem.municipalities) {
    if ((used.get(m.code) ?? 0) > m.capacity) out.push(`municipality ${m.code} over capacity: ${used.get(m.code)} > ${m.capacity}`);
  }
  for (const mu of plan.municipalities) {
    if (mu.used !== (used.get(mu.code) ?? 0)) out.push(`municipality ${mu.code} reports ${mu.used} persons used, plan has ${used.get(mu.code) ?? 0}`);
  }
  if (Math.abs(objective - plan.objective) > 1e-9 * Math.max(1, objective)) out.push(`objective ${plan.objective} is not the sum ${objective}`);
  if (persons !== plan.personsPlaced) out.push(`personsPlaced ${plan.personsPlaced} is not ${persons}`);
  if (plan.placed !== plan.assignments.length) out.push('placed count differs from assignments');
  return out;
}

/** Placed persons per region, from the assignments. */
export function personsByRegion(problem: PlacementProblem, plan: PlacementPlan): Map<string, number> {
  const region = new Map(problem.municipalities.map((m) => [m.code, m.regionCode]));
  const out = new Map<string, number>();
  for (const a of plan.assignments) {
    const r = region.get(a.municipalityCode) as string;
    out.set(r, (out.get(r) ?? 0) + a.persons);
  }
  return out;
}
