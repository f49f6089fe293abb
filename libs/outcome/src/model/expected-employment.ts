import type { MonitoringAttributes, OutcomeLocation, OutcomeProfile } from '../features/outcome-input';
import { readLocation, readProfile, type RawCase } from '../features/raw-case';
import { ageBand, GROUP_DIMENSIONS, type GroupDimension } from '../metrics/group-metrics';
import { probabilityOf, termValues, type CompiledOutcomeModel } from './compiled-model';

/** Expected adults in work with its bootstrap interval (null bounds when the model has no bootstrap). */
export interface ExpectedCount {
  adults: number;
  expected: number;
  low: number | null;
  high: number | null;
}

export interface GroupExpectedCount extends ExpectedCount {
  dimension: GroupDimension;
  group: string;
}

/** Expected employed adults of a plan at the model's horizon, overall and by group. */
export interface ExpectedEmployment extends ExpectedCount {
  modelVersion: string;
  /** The interval's coverage (0.95) and the bootstrap replicates it rests on. */
  level: number;
  replicates: number;
  /** Adults of households the plan does not place: not counted (no municipality to predict for). */
  adultsNotPlaced: number;
  byGroup: GroupExpectedCount[];
  /** Per replicate, the total and each group's (same order as byGroup), for paired differences. */
  replicateTotals: number[];
  replicateGroupTotals: number[][];
}

/** A household of a cohort: its adults (R16: every one counts) with profile and, for the report only, monitoring attributes (R17). */
export interface CohortHouseholdForOutcome {
  id: string;
  adults: { id: string; profile: OutcomeProfile; monitoring?: MonitoringAttributes | null }[];
}

/** Groups smaller than this are reported as "other" (as in the scenario reports). */
export const MIN_REPORTED_GROUP = 5;

const quantile = (sorted: number[], q: number): number => {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
};

function interval(totals: number[], level: number): { low: number | null; high: number | null } {
  if (totals.length < 2) return { low: null, high: null };
  const s = [...totals].sort((a, b) => a - b);
  return { low: quantile(s, (1 - level) / 2), high: quantile(s, 1 - (1 - level) / 2) };
}

/**
 * Expected employed adults at the model's horizon (24 months) of a cohort under a plan
 * (household → municipality), with a percentile interval over the bootstrap replicates of the
 * fit (the uncertainty of the model, not of who happens to find work), overall and by gender,
 * age band and origin. `locationOf` gives each adult's place numbers in a municipality (the
 * caller's matching index and labour-demand figures). Monitoring attributes group the report
 * only; the predictions never read them (R17).
 */
export function expectedEmployment(args: {
  model: CompiledOutcomeModel;
  onDate: string;
  households: readonly CohortHouseholdForOutcome[];
  plan: readonly { householdId: string; municipalityCode: string }[];
  locationOf: (adultId: string, municipalityCode: string) => OutcomeLocation;
  level?: number;
}): ExpectedEmployment {
  const { model } = args;
  const level = args.level ?? 0.95;
  const where = new Map(args.plan.map((a) => [a.householdId, a.municipalityCode]));
  const placed: { raw: RawCase; groups: Record<GroupDimension, string> }[] = [];
  let adultsNotPlaced = 0;
  for (const h of args.households) {
    const code = where.get(h.id);
    for (const a of h.adults) {
      if (code === undefined) {
        adultsNotPlaced++;
        continue;
      }
      const person = readProfile(a.profile, args.onDate, `adult(${a.id})`);
      const raw: RawCase = { ...person, ...readLocation(args.locationOf(a.id, code), `adult(${a.id}).location`) };
      const origin = a.monitoring?.countryOfBirth ?? a.monitoring?.nationality ?? null;
      placed.push({ raw, groups: { gender: a.monitoring?.gender ?? 'unknown', ageBand: ageBand(person.age), origin: origin ?? 'unknown' } });
    }
  }
  // Group labels, small groups pooled as "other".
  const keys: string[][] = placed.map(() => []);
  const groupList: { dimension: GroupDimension; group: string }[] = [];
  for (const dimension of GROUP_DIMENSIONS) {
    const counts = new Map<string, number>();
    placed.forEach((x) => counts.set(x.groups[dimension], (counts.get(x.groups[dimension]) ?? 0) + 1));
    const label = (g: string) => ((counts.get(g) ?? 0) < MIN_REPORTED_GROUP && g !== 'unknown' ? 'other' : g);
    const seen = new Set<string>();
    placed.forEach((x, i) => {
      const g = label(x.groups[dimension]);
      keys[i].push(`${dimension}|${g}`);
      seen.add(g);
    });
    for (const g of [...seen].sort()) groupList.push({ dimension, group: g });
  }
  const slot = new Map(groupList.map((g, k) => [`${g.dimension}|${g.group}`, k]));
  const slots = keys.map((ks) => ks.map((k) => slot.get(k)!));
  const values = placed.map((x) => termValues(model, x.raw));
  const sumWith = (beta: Float64Array): { total: number; groups: number[] } => {
    const groups = new Array<number>(groupList.length).fill(0);
    let total = 0;
    for (let i = 0; i < values.length; i++) {
      const p = probabilityOf(values[i], beta);
      total += p;
      for (const k of slots[i]) groups[k] += p;
    }
    return { total, groups };
  };
  const point = sumWith(model.beta);
  const reps = model.replicates.map(sumWith);
  const replicateTotals = reps.map((r) => r.total);
  const replicateGroupTotals = reps.map((r) => r.groups);
  const adultsIn = new Array<number>(groupList.length).fill(0);
  slots.forEach((ks) => ks.forEach((k) => adultsIn[k]++));
  return {
    modelVersion: model.version,
    level,
    replicates: reps.length,
    adults: placed.length,
    adultsNotPlaced,
    expected: point.total,
    ...interval(replicateTotals, level),
    byGroup: groupList.map((g, k) => ({ ...g, adults: adultsIn[k], expected: point.groups[k], ...interval(replicateGroupTotals.map((r) => r[k]), level) })),
    replicateTotals,
    replicateGroupTotals,
  };
}

/**
 * Variant minus baseline, with the interval of the difference from the same bootstrap replicate
 * applied to both plans (paired: the model's uncertainty largely cancels in a comparison).
 * Both must come from the same model. Groups missing on one side count 0 there.
 */
export function compareExpectedEmployment(base: ExpectedEmployment, variant: ExpectedEmployment): Omit<ExpectedEmployment, 'replicateTotals' | 'replicateGroupTotals'> {
  if (base.modelVersion !== variant.modelVersion) throw new Error(`cannot compare expectations of two models (${base.modelVersion}, ${variant.modelVersion})`);
  const level = base.level;
  const diffTotals = base.replicateTotals.map((b, r) => variant.replicateTotals[r] - b);
  const keys = [...new Set([...base.byGroup, ...variant.byGroup].map((g) => `${g.dimension}|${g.group}`))].sort();
  const byGroup = keys.map((key) => {
    const [dimension, group] = key.split('|') as [GroupDimension, string];
    const bi = base.byGroup.findIndex((g) => g.dimension === dimension && g.group === group);
    const vi = variant.byGroup.findIndex((g) => g.dimension === dimension && g.group === group);
    const at = (e: ExpectedEmployment, i: number, r: number) => (i < 0 ? 0 : e.replicateGroupTotals[r][i]);
    const diffs = base.replicateTotals.map((_, r) => at(variant, vi, r) - at(base, bi, r));
    return {
      dimension,
      group,
      adults: (vi < 0 ? 0 : variant.byGroup[vi].adults) - (bi < 0 ? 0 : base.byGroup[bi].adults),
      expected: (vi < 0 ? 0 : variant.byGroup[vi].expected) - (bi < 0 ? 0 : base.byGroup[bi].expected),
      ...interval(diffs, level),
    };
  });
  return {
    modelVersion: base.modelVersion,
    level,
    replicates: base.replicates,
    adults: variant.adults - base.adults,
    adultsNotPlaced: variant.adultsNotPlaced - base.adultsNotPlaced,
    expected: variant.expected - base.expected,
    ...interval(diffTotals, level),
    byGroup,
  };
}
