import type { PolicyRun } from './simulate';
import type { ArrivalStream, StreamMonitoring } from './stream';

export interface GroupMetric {
  dimension: 'gender' | 'ageBand' | 'origin' | 'size';
  group: string;
  households: number;
  placedShare: number;
  meanLinkScore: number | null;
}

export interface PolicyMetrics {
  policy: PolicyRun['policy'];
  /** Total link score of the placed households (one term per household, as the plans count it). */
  objective: number;
  /** objective / the hindsight plan's objective (1 when that is 0). */
  ofHindsight: number;
  placed: number;
  personsPlaced: number;
  /** Households with an allowed municipality but no room left for them at their turn. */
  stranded: number;
  /** ... of which the hindsight plan places. */
  strandedHindsightPlaces: number;
  /** Households with a hard tie (R12), and those placed: always within their radius, as only such pairs are allowed. */
  tieHolders: number;
  tieHoldersPlaced: number;
  /** Largest |share of placed persons - population share| over the labour-market regions (R14), in share points. */
  maxRegionDeviation: number;
  regions: { regionCode: string; persons: number; share: number; populationShare: number }[];
  /** Per dimension, the largest difference in placed share between two groups. */
  placedGap: Record<GroupMetric['dimension'], number>;
  /** Per dimension, the largest difference in mean link score between two groups. */
  scoreGap: Record<GroupMetric['dimension'], number>;
  groups: GroupMetric[];
  repricings: number;
  runtimeMs: number;
}

/** Groups smaller than this are reported as "other", as in the scenarios' report: no group small enough to point at a household. */
export const MIN_GROUP = 5;
const DIMENSIONS = ['gender', 'ageBand', 'origin', 'size'] as const;

/**
 * The report of one policy's decisions. The monitoring attributes are read here, after every
 * decision, to show outcome disparities (R17); no policy ever sees them.
 */
export function simulationMetrics(stream: ArrivalStream, run: PolicyRun, hindsightObjective: number, hindsightChoice: Int32Array): PolicyMetrics {
  const { households, municipalities } = stream;
  const scoreOf = (i: number): number => {
    const h = households[i];
    const m = run.choice[i];
    for (let j = 0; j < h.mun.length; j++) if (h.mun[j] === m) return h.score[j];
    throw new Error(`household ${h.id} placed outside its allowed municipalities`);
  };
  let objective = 0;
  let placed = 0;
  let personsPlaced = 0;
  let tieHolders = 0;
  let tieHoldersPlaced = 0;
  const regionPersons = new Map<string, number>();
  const rows: { values: Record<(typeof DIMENSIONS)[number], string>; placed: boolean; score: number | null }[] = [];
  households.forEach((h, i) => {
    const m = run.choice[i];
    const score = m >= 0 ? scoreOf(i) : null;
    if (h.tieHolder) tieHolders++;
    if (m >= 0) {
      objective += score!;
      placed++;
      personsPlaced += h.persons;
      if (h.tieHolder) tieHoldersPlaced++;
      const r = municipalities[m].regionCode;
      regionPersons.set(r, (regionPersons.get(r) ?? 0) + h.persons);
    }
    const mon: StreamMonitoring = h.monitoring ?? {};
    rows.push({
      values: { gender: mon.gender ?? 'unknown', ageBand: mon.ageBand ?? 'unknown', origin: mon.origin ?? 'unknown', size: h.persons >= 6 ? '6+' : String(h.persons) },
      placed: m >= 0,
      score,
    });
  });
  const regionPop = new Map<string, number>();
  let pop = 0;
  for (const m of municipalities) {
    regionPop.set(m.regionCode, (regionPop.get(m.regionCode) ?? 0) + m.population);
    pop += m.population;
  }
  const regions = [...regionPop.keys()].sort().map((regionCode) => {
    const persons = regionPersons.get(regionCode) ?? 0;
    return { regionCode, persons, share: personsPlaced ? persons / personsPlaced : 0, populationShare: pop ? regionPop.get(regionCode)! / pop : 0 };
  });
  const groups: GroupMetric[] = [];
  const placedGap = {} as PolicyMetrics['placedGap'];
  const scoreGap = {} as PolicyMetrics['scoreGap'];
  for (const dimension of DIMENSIONS) {
    const counts = new Map<string, number>();
    rows.forEach((r) => counts.set(r.values[dimension], (counts.get(r.values[dimension]) ?? 0) + 1));
    const byGroup = new Map<string, typeof rows>();
    for (const r of rows) {
      const v = r.values[dimension];
      const g = (counts.get(v) ?? 0) < MIN_GROUP && v !== 'unknown' ? 'other' : v;
      (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(r);
    }
    const mine: GroupMetric[] = [...byGroup]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([group, members]) => {
        const scores = members.filter((r) => r.score !== null).map((r) => r.score!);
        return {
          dimension,
          group,
          households: members.length,
          placedShare: members.filter((r) => r.placed).length / members.length,
          meanLinkScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
        };
      });
    groups.push(...mine);
    const spread = (xs: number[]) => (xs.length ? Math.max(...xs) - Math.min(...xs) : 0);
    placedGap[dimension] = spread(mine.map((g) => g.placedShare));
    scoreGap[dimension] = spread(mine.filter((g) => g.meanLinkScore !== null).map((g) => g.meanLinkScore!));
  }
  let strandedHindsightPlaces = 0;
  for (const i of run.stranded) if (hindsightChoice[i] >= 0) strandedHindsightPlaces++;
  return {
    policy: run.policy,
    objective,
    ofHindsight: hindsightObjective > 0 ? objective / hindsightObjective : 1,
    placed,
    personsPlaced,
    stranded: run.stranded.length,
    strandedHindsightPlaces,
    tieHolders,
    tieHoldersPlaced,
    maxRegionDeviation: Math.max(0, ...regions.map((r) => (personsPlaced ? Math.abs(r.share - r.populationShare) : 0))),
    regions,
    placedGap,
    scoreGap,
    groups,
    repricings: run.repricings,
    runtimeMs: run.runtimeMs,
  };
}
