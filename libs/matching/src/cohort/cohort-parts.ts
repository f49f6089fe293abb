import type { RefineScope } from '../placement/types';
import { CohortScorer, pairStarts, type CohortScorerArgs, type CohortScoringStats, type SideScores } from './cohort-scores';

/** One side's scores of some of a cohort's households: `households[j]` is the cohort index of the part's household j. */
export interface SideScoresPart {
  households: readonly number[];
  scores: SideScores;
}

/**
 * One side's scores of a whole cohort of `n` households from parts that together score each
 * household once (say the halves two threads scored): the households in cohort order, and their
 * pairs too, contiguous per household as `CohortScorer.scoreAll` leaves them. Throws when a
 * household is scored twice or not at all, or when the parts disagree on weighing the outcome model.
 */
export function mergeSideScores(n: number, parts: readonly SideScoresPart[]): SideScores {
  const owner = new Int32Array(n).fill(-1);
  const local = new Int32Array(n);
  parts.forEach((part, q) => {
    if (part.households.length !== part.scores.households.length) throw new Error(`mergeSideScores: part ${q} lists ${part.households.length} households but scored ${part.scores.households.length}`);
    part.households.forEach((i, j) => {
      if (!(i >= 0 && i < n)) throw new Error(`mergeSideScores: part ${q} names household ${i}, outside 0..${n - 1}`);
      if (owner[i] !== -1) throw new Error(`mergeSideScores: household ${i} is in parts ${owner[i]} and ${q}`);
      owner[i] = q;
      local[i] = j;
    });
  });
  const gap = owner.indexOf(-1);
  if (gap !== -1) throw new Error(`mergeSideScores: household ${gap} is in no part`);
  const withShare = parts.map((p) => p.scores.expectedShare !== null);
  if (withShare.some((w) => w !== withShare[0])) throw new Error('mergeSideScores: the parts disagree on weighing the outcome model');
  const versions = new Set(parts.map((p) => p.scores.outcomeModelVersion));
  if (versions.size > 1) throw new Error('mergeSideScores: the parts weigh different outcome models');

  // Where each part's households' pairs (and adult counts) start.
  const starts = parts.map(({ scores }) => pairStarts(scores.pairs.hh, scores.households.length));
  const total = parts.reduce((t, p) => t + p.scores.pairs.hh.length, 0);
  const totalCounts = parts.reduce((t, p) => t + p.scores.reachableByAdult.counts.length, 0);
  const hh = new Int32Array(total);
  const mun = new Int32Array(total);
  const score = new Float64Array(total);
  const exact = new Uint8Array(total);
  const reachableSum = new Float64Array(total);
  const adultStart = new Int32Array(total);
  const counts = new Float64Array(totalCounts);
  const expectedShare = withShare[0] ? new Float64Array(total) : null;
  const households: SideScores['households'] = new Array(n);
  let k = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const part = parts[owner[i]].scores;
    const j = local[i];
    households[i] = part.households[j];
    const from = starts[owner[i]][j];
    const to = starts[owner[i]][j + 1];
    const byAdult = part.reachableByAdult;
    for (let x = from; x < to; x++, k++) {
      hh[k] = i;
      mun[k] = part.pairs.mun[x];
      score[k] = part.pairs.score[x];
      exact[k] = part.exact[x];
      reachableSum[k] = part.reachableSum[x];
      if (expectedShare) expectedShare[k] = part.expectedShare![x];
      // Each pair's adult counts, where the next pair's (or the end) begins.
      const a0 = byAdult.start[x];
      const a1 = x + 1 < byAdult.start.length ? byAdult.start[x + 1] : byAdult.counts.length;
      adultStart[k] = c;
      counts.set(byAdult.counts.subarray(a0, a1), c);
      c += a1 - a0;
    }
  }
  return {
    households,
    pairs: { hh, mun, score },
    exact,
    reachableSum,
    reachableByAdult: { start: adultStart, counts },
    expectedShare,
    outcomeModelVersion: parts[0]?.scores.outcomeModelVersion ?? null,
  };
}

/** The parts' work, added up. */
export function addScoringStats(parts: readonly CohortScoringStats[]): CohortScoringStats {
  const sum: CohortScoringStats = { adultPasses: 0, completions: 0, sharedCompletions: 0, fromWider: 0, boundReads: 0 };
  for (const p of parts) for (const key of Object.keys(sum) as (keyof CohortScoringStats)[]) sum[key] += p[key];
  return sum;
}

/**
 * A cohort of `n` households (in arrival order) in `parts` parts for as many threads, household i
 * in part i mod `parts`: each part is then a sample of the whole in the same order, so each
 * thread's scorer, following the greedy baseline as if its picks stood for the whole cohort's
 * (`capacityShare`), sees the municipalities fill at about the pace the whole cohort's greedy does
 * (its picks are only a head start: the plan's own greedy sweep checks and refines every one).
 * Fixed by `n` and `parts` alone, so a run scores the same pairs exactly whatever the threads' speed.
 */
export function cohortParts(n: number, parts: number): number[][] {
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`cohortParts: parts must be an integer >= 1, got ${parts}`);
  const out: number[][] = Array.from({ length: parts }, () => []);
  for (let i = 0; i < n; i++) out[i % parts].push(i);
  return out;
}

/**
 * The scorer of part q of `parts` of a cohort (`cohortParts`), as one thread keeps it with its own
 * index: the households of the part, in a scorer of their own (its `refine` then refines them).
 */
export function partScorer(args: CohortScorerArgs, q: number, parts: number): { households: number[]; scorer: CohortScorer } {
  const households = cohortParts(args.households.length, parts)[q];
  const scorer = new CohortScorer({
    ...args,
    households: households.map((i) => args.households[i]),
    capacityShare: args.households.length ? households.length / args.households.length : 1,
  });
  return { households, scorer };
}

/**
 * Part q of `parts` of a cohort's scoring (`cohortParts`), as one thread does it
 * with its own index: the households of the part, scored by a scorer of their own. The parts'
 * scores merge (`mergeSideScores`) into what `CohortScorer.adopt` takes.
 */
export function scoreCohortPart(args: CohortScorerArgs, q: number, parts: number, onProgress?: (share: number) => void): { households: number[]; scores: SideScores[]; stats: CohortScoringStats } {
  const { households, scorer } = partScorer(args, q, parts);
  const scores = scorer.scoreAll(onProgress);
  return { households, scores, stats: scorer.stats };
}

/** A refine request of one side (see CohortScorer.refineMany), its pairs numbered as the scores it refines number them. */
export interface RefineRequest {
  side: number;
  pairs: Int32Array;
  scope?: RefineScope;
}

/** What refining made exact: per side, the pairs (numbered as in the request) and their exact scores. */
export interface RefinedPairs {
  side: number;
  pairs: Int32Array;
  scores: Float64Array;
}

/**
 * Where each pair of one side's merged scores (`mergeSideScores`) lies in the part that scored it,
 * and back: so that a part's own scorer (on another thread) can refine its households' pairs and
 * the merged scores take what it found.
 */
export interface PartPairs {
  /** Per merged pair, the part of its household. */
  part: Int32Array;
  /** Per merged pair, its index in that part's scores. */
  local: Int32Array;
  /** Per part, per pair of its scores, the merged index. */
  merged: Int32Array[];
}

/** `PartPairs` of one side, from the parts (as merged) and the merged scores. */
export function partPairs(parts: readonly SideScoresPart[], merged: SideScores): PartPairs {
  const n = merged.households.length;
  const owner = new Int32Array(n);
  const localHh = new Int32Array(n);
  parts.forEach((p, q) => p.households.forEach((i, j) => ((owner[i] = q), (localHh[i] = j))));
  const mergedStarts = pairStarts(merged.pairs.hh, n);
  const partStarts = parts.map((p) => pairStarts(p.scores.pairs.hh, p.scores.households.length));
  const total = merged.pairs.hh.length;
  const part = new Int32Array(total);
  const local = new Int32Array(total);
  const back = parts.map((p) => new Int32Array(p.scores.pairs.hh.length));
  for (let k = 0; k < total; k++) {
    const i = merged.pairs.hh[k];
    const q = owner[i];
    const x = partStarts[q][localHh[i]] + (k - mergedStarts[i]);
    part[k] = q;
    local[k] = x;
    back[q][x] = k;
  }
  return { part, local, merged: back };
}

/**
 * Splits refine requests on merged scores by the part whose households they ask for: those of
 * part `q` renumbered to that part's pairs (for its own scorer), the rest as they are.
 */
export function splitRefineRequests(requests: readonly RefineRequest[], maps: readonly PartPairs[], q: number): { here: RefineRequest[]; there: RefineRequest[] } {
  const here: RefineRequest[] = [];
  const there: RefineRequest[] = [];
  for (const r of requests) {
    const map = maps[r.side];
    const mine: number[] = [];
    const theirs: number[] = [];
    for (const k of r.pairs) {
      if (map.part[k] === q) theirs.push(map.local[k]);
      else mine.push(k);
    }
    if (mine.length) here.push({ side: r.side, pairs: Int32Array.from(mine), scope: r.scope });
    if (theirs.length) there.push({ side: r.side, pairs: Int32Array.from(theirs), scope: r.scope });
  }
  return { here, there };
}

/**
 * `CohortScorer.refineMany` on a part's own scorer (`scores` being what its `scoreAll` returned),
 * reporting what it made exact: every pair of the households asked for that was a bound before and
 * is exact after (the chain a refine closes stays within the household).
 */
export function refineAndReport(scorer: CohortScorer, scores: readonly SideScores[], requests: readonly RefineRequest[]): RefinedPairs[] {
  // Per side, the bounded pairs of the households asked for (their pairs are contiguous).
  const bounded = new Map<number, Set<number>>();
  for (const r of requests) {
    const { hh } = scores[r.side].pairs;
    const exact = scores[r.side].exact;
    const starts = scorer.householdStarts(r.side);
    let set = bounded.get(r.side);
    if (!set) bounded.set(r.side, (set = new Set()));
    for (const k of r.pairs) for (let x = starts[hh[k]]; x < starts[hh[k] + 1]; x++) if (exact[x] === 0) set.add(x);
  }
  scorer.refineMany(requests);
  return [...bounded].map(([side, set]) => {
    const { exact, pairs } = scores[side];
    const made = [...set].filter((k) => exact[k] === 1).sort((a, b) => a - b);
    return { side, pairs: Int32Array.from(made), scores: Float64Array.from(made, (k) => pairs.score[k]) };
  });
}

/**
 * Writes pairs made exact elsewhere into a part's own scores (numbered as they number them): so
 * that its scorer, refining its households later, starts from what is known of them.
 */
export function applyKnown(scores: readonly SideScores[], known: readonly RefinedPairs[]): void {
  for (const r of known) writeExact(scores[r.side], r, (x) => x);
}

/** Marks pairs exact at their scores in one side's scores, each at the index `at` gives it. */
function writeExact(target: SideScores, { pairs, scores }: RefinedPairs, at: (x: number) => number): void {
  pairs.forEach((x, i) => {
    const k = at(x);
    (target.pairs.score as Float64Array)[k] = scores[i];
    target.exact[k] = 1;
  });
}

/**
 * What `refineAndReport` made exact in the merged scores, of part `q`'s households only,
 * renumbered to that part's pairs (with `maps`): what the part's own scorer must take
 * (`applyKnown`) before it refines them again.
 */
export function refinedOfPart(refined: readonly RefinedPairs[], maps: readonly PartPairs[], q: number): RefinedPairs[] {
  const out: RefinedPairs[] = [];
  for (const { side, pairs, scores } of refined) {
    const map = maps[side];
    const local: number[] = [];
    const values: number[] = [];
    pairs.forEach((k, i) => {
      if (map.part[k] !== q) return;
      local.push(map.local[k]);
      values.push(scores[i]);
    });
    if (local.length > 0) out.push({ side, pairs: Int32Array.from(local), scores: Float64Array.from(values) });
  }
  return out;
}

/** Writes what part `q`'s scorer made exact into the merged scores (renumbered with `maps`). */
export function applyRefined(merged: readonly SideScores[], maps: readonly PartPairs[], q: number, refined: readonly RefinedPairs[]): void {
  for (const r of refined) {
    const back = maps[r.side].merged[q];
    writeExact(merged[r.side], r, (x) => back[x]);
  }
}
