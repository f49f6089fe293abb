/**
 * The what-if metrics of one plan (issue 6 item 3), as pure functions of the cohort, the
 * plan and, for fairness reporting only, the monitoring attributes (R17: they are read
 * here to report outcome disparities and never reach a score).
 */
import { compareExpectedEmployment, expectedEmployment, outcomeLocation, type CompiledOutcomeModel, type ExpectedEmployment } from '@kansrijk/outcome';
import { distanceKm, withinKm, type GeoPoint, type LabourDemand } from '@kansrijk/scoring';
import type { PlacementPlan as LibPlan } from '@kansrijk/matching';
import type { CohortProblem } from '../placement/cohort.service';
import type { BalanceSummary, Shortage } from '../placement/models/placement.models';
import { toBalanceSummary, toShortage } from '../placement/plan-report';

export interface RegionUse {
  regionCode: string;
  persons: number;
  capacity: number;
}

export interface GroupOutcome {
  dimension: 'gender' | 'ageBand' | 'origin';
  group: string;
  people: number;
  placedShare: number;
  meanLinkScore: number | null;
  meanReachableVacancies: number | null;
}

export interface Metrics {
  /** R11, R12: persons against places and the unplaced by household size, in words too; null in a difference. */
  shortage: Shortage | null;
  /** R14 when a tolerance was given (null in a difference, or without one). */
  balance: BalanceSummary | null;
  households: number;
  householdsPlaced: number;
  personsPlaced: number;
  meanLinkScore: number | null;
  objective: number;
  upperBound: number;
  gap: number;
  greedyObjective: number;
  greedyPlaced: number;
  /** Share of the cohort's hard ties, as the baseline policy defines them, that the plan honours. */
  hardTiesHonouredShare: number | null;
  hardTies: number;
  meanDistanceToWorkTieKm: number | null;
  reachableVacanciesPerAdult: number | null;
  regions: RegionUse[];
  disparities: GroupOutcome[];
  /** Expected employed adults at 24 months by the outcome model, with its bootstrap interval, overall and by group; null without a model. */
  expectedEmployment: (Omit<ExpectedEmployment, 'replicateTotals' | 'replicateGroupTotals'> & Partial<ExpectedEmployment>) | null;
}

export interface Monitoring {
  gender: string | null;
  countryOfBirth: string | null;
}

/** Groups smaller than this are reported as "other": no group small enough to point at a person. */
export const MIN_GROUP = 5;

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function ageBand(birthDate: string, onDate: string): string {
  let age = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (onDate.slice(5) < birthDate.slice(5)) age--;
  return age < 25 ? '18-24' : age < 35 ? '25-34' : age < 50 ? '35-49' : '50+';
}

export function computeMetrics(args: {
  cohort: CohortProblem;
  plan: LibPlan;
  /** Hard-tie points per household under the baseline policy, and its radius. */
  baselineTies: Map<string, { municipalityCode: string; location: GeoPoint }[]>;
  baselineRadiusKm: number;
  monitoring: Map<string, Monitoring>;
  onDate: string;
  /** The outcome model and the labour demand its place numbers read; absent = no expected employment. */
  outcome?: { model: CompiledOutcomeModel; labourDemand: LabourDemand | null } | null;
}): Metrics {
  const { cohort, plan } = args;
  const munByCode = new Map(cohort.municipalities.map((m, i) => [m.code, { m, i }]));
  // The chosen pair of each placed household, for its reachable count.
  const pairOf = new Map<string, number>();
  const { hh, mun } = cohort.problem.pairs;
  const chosen = new Map(plan.assignments.map((a) => [a.householdId, a]));
  for (let k = 0; k < hh.length; k++) {
    const h = cohort.households[hh[k]];
    const a = chosen.get(h.id);
    if (a && cohort.municipalities[mun[k]].code === a.municipalityCode) pairOf.set(h.id, k);
  }

  let ties = 0;
  let honoured = 0;
  const workDistances: number[] = [];
  const reachablePerAdult: number[] = [];
  const regionPersons = new Map<string, number>();
  for (const h of cohort.households) {
    const a = chosen.get(h.id);
    const where = a ? munByCode.get(a.municipalityCode)!.m : null;
    for (const t of args.baselineTies.get(h.id) ?? []) {
      ties++;
      if (where && (t.municipalityCode === where.code || withinKm(distanceKm(where.centroid, t.location), args.baselineRadiusKm))) honoured++;
    }
    if (!where) continue;
    regionPersons.set(where.regionCode, (regionPersons.get(where.regionCode) ?? 0) + h.persons);
    const work = h.members.flatMap((m) => m.ties.filter((t) => t.kind === 'WORK'));
    if (work.length) workDistances.push(Math.min(...work.map((t) => (t.municipalityCode === where.code ? 0 : distanceKm(where.centroid, t.location)))));
    const k = pairOf.get(h.id);
    if (h.adultIds.length && k !== undefined) for (let i = 0; i < h.adultIds.length; i++) reachablePerAdult.push(cohort.reachableSum[k] / h.adultIds.length);
  }
  const regionCapacity = new Map<string, number>();
  cohort.problem.municipalities.forEach((m) => regionCapacity.set(m.regionCode, (regionCapacity.get(m.regionCode) ?? 0) + m.capacity));

  // Fairness report (R17): per adult, by gender, age band and origin.
  const people: { gender: string; ageBand: string; origin: string; placed: boolean; score: number | null; reachable: number | null }[] = [];
  for (const h of cohort.households) {
    const a = chosen.get(h.id);
    const k = pairOf.get(h.id);
    for (const id of h.adultIds) {
      const member = h.members.find((m) => m.id === id)!;
      const mon = args.monitoring.get(id);
      people.push({
        gender: mon?.gender ?? 'unknown',
        ageBand: ageBand(member.birthDate, args.onDate),
        origin: mon?.countryOfBirth ?? 'unknown',
        placed: !!a,
        score: a ? a.score : null,
        reachable: k !== undefined ? cohort.reachableSum[k] / h.adultIds.length : null,
      });
    }
  }
  const disparities: GroupOutcome[] = [];
  for (const dimension of ['gender', 'ageBand', 'origin'] as const) {
    const counts = new Map<string, number>();
    people.forEach((p) => counts.set(p[dimension], (counts.get(p[dimension]) ?? 0) + 1));
    const groupOf = (v: string) => ((counts.get(v) ?? 0) < MIN_GROUP && v !== 'unknown' ? 'other' : v);
    const groups = new Map<string, typeof people>();
    people.forEach((p) => (groups.get(groupOf(p[dimension])) ?? groups.set(groupOf(p[dimension]), []).get(groupOf(p[dimension]))!).push(p));
    for (const [group, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      disparities.push({
        dimension,
        group,
        people: members.length,
        placedShare: members.filter((p) => p.placed).length / members.length,
        meanLinkScore: mean(members.filter((p) => p.score !== null).map((p) => p.score!)),
        meanReachableVacancies: mean(members.filter((p) => p.reachable !== null).map((p) => p.reachable!)),
      });
    }
  }

  // R14, R16: expected employed adults of the plan by the outcome model (monitoring groups the report only, R17).
  const outcome = args.outcome
    ? expectedEmployment({
        model: args.outcome.model,
        onDate: args.onDate,
        households: cohort.households.map((h) => ({
          id: h.id,
          adults: h.adultIds.map((id) => ({ id, profile: h.members.find((m) => m.id === id)!, monitoring: args.monitoring.get(id) ?? null })),
        })),
        plan: plan.assignments,
        locationOf: (() => {
          const byAdult = new Map(cohort.households.flatMap((h) => h.adultIds.map((id, j) => [id, { h, j }] as const)));
          return (adultId, code) => {
            const { h, j } = byAdult.get(adultId)!;
            const k = pairOf.get(h.id);
            const counts = cohort.reachableByAdult;
            return outcomeLocation({
              person: h.members.find((m) => m.id === adultId)!,
              municipality: munByCode.get(code)!.m,
              labourDemand: args.outcome!.labourDemand,
              reachableVacancies: k === undefined ? 0 : counts.counts[counts.start[k] + j],
            });
          };
        })(),
      })
    : null;

  return {
    shortage: toShortage(plan.shortage, { capacityKnown: cohort.capacityKnown, tieRadiusKm: cohort.tieRadiusKm }),
    balance: toBalanceSummary(plan.balance, plan.placed),
    households: cohort.households.length,
    householdsPlaced: plan.placed,
    personsPlaced: plan.personsPlaced,
    meanLinkScore: mean(plan.assignments.map((a) => a.score)),
    objective: plan.objective,
    upperBound: plan.upperBound,
    gap: plan.gap,
    greedyObjective: plan.greedy.objective,
    greedyPlaced: plan.greedy.placed,
    hardTiesHonouredShare: ties ? honoured / ties : null,
    hardTies: ties,
    meanDistanceToWorkTieKm: mean(workDistances),
    reachableVacanciesPerAdult: mean(reachablePerAdult),
    regions: [...regionCapacity.keys()].sort().map((regionCode) => ({ regionCode, persons: regionPersons.get(regionCode) ?? 0, capacity: regionCapacity.get(regionCode) ?? 0 })),
    disparities,
    expectedEmployment: outcome,
  };
}

/** The households whose municipality differs between two plans (placed or not included). */
export function changedHouseholds(a: LibPlan, b: LibPlan): number {
  const where = (p: LibPlan) => new Map(p.assignments.map((x) => [x.householdId, x.municipalityCode]));
  const wa = where(a);
  const wb = where(b);
  const ids = new Set([...a.assignments, ...a.unplaced, ...b.assignments, ...b.unplaced].map((x) => x.householdId));
  let n = 0;
  for (const id of ids) if ((wa.get(id) ?? null) !== (wb.get(id) ?? null)) n++;
  return n;
}

/** Variant minus baseline for every number (null where either is null). */
export function difference(base: Metrics, variant: Metrics): Metrics {
  const d = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  const regions = base.regions.map((r) => {
    const v = variant.regions.find((x) => x.regionCode === r.regionCode) ?? { persons: 0, capacity: 0 };
    return { regionCode: r.regionCode, persons: v.persons - r.persons, capacity: v.capacity - r.capacity };
  });
  const keys = new Set([...base.disparities, ...variant.disparities].map((g) => `${g.dimension}|${g.group}`));
  const disparities = [...keys].sort().map((key) => {
    const [dimension, group] = key.split('|') as [GroupOutcome['dimension'], string];
    const a = base.disparities.find((g) => g.dimension === dimension && g.group === group);
    const b = variant.disparities.find((g) => g.dimension === dimension && g.group === group);
    return {
      dimension,
      group,
      people: (b?.people ?? 0) - (a?.people ?? 0),
      placedShare: (b?.placedShare ?? 0) - (a?.placedShare ?? 0),
      meanLinkScore: d(a?.meanLinkScore ?? null, b?.meanLinkScore ?? null),
      meanReachableVacancies: d(a?.meanReachableVacancies ?? null, b?.meanReachableVacancies ?? null),
    };
  });
  return {
    shortage: null,
    balance: null,
    households: variant.households - base.households,
    householdsPlaced: variant.householdsPlaced - base.householdsPlaced,
    personsPlaced: variant.personsPlaced - base.personsPlaced,
    meanLinkScore: d(base.meanLinkScore, variant.meanLinkScore),
    objective: variant.objective - base.objective,
    upperBound: variant.upperBound - base.upperBound,
    gap: variant.gap - base.gap,
    greedyObjective: variant.greedyObjective - base.greedyObjective,
    greedyPlaced: variant.greedyPlaced - base.greedyPlaced,
    hardTiesHonouredShare: d(base.hardTiesHonouredShare, variant.hardTiesHonouredShare),
    hardTies: variant.hardTies - base.hardTies,
    meanDistanceToWorkTieKm: d(base.meanDistanceToWorkTieKm, variant.meanDistanceToWorkTieKm),
    reachableVacanciesPerAdult: d(base.reachableVacanciesPerAdult, variant.reachableVacanciesPerAdult),
    regions,
    disparities,
    // Paired over the same bootstrap replicates (R14): the interval of the difference itself.
    expectedEmployment:
      base.expectedEmployment?.replicateTotals && variant.expectedEmployment?.replicateTotals
        ? compareExpectedEmployment(base.expectedEmployment as ExpectedEmployment, variant.expectedEmployment as ExpectedEmployment)
        : null,
  };
}
