import { CohortScorer, type CohortScorerArgs, type CohortScoringStats, type SideScores } from './cohort-scores';

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
  const starts = parts.map(({ scores }) => {
    const s = new Int32Array(scores.households.length + 1);
    for (let k = 0; k < scores.pairs.hh.length; k++) s[scores.pairs.hh[k] + 1]++;
    for (let j = 0; j < scores.households.length; j++) s[j + 1] += s[j];
    return s;
  });
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
 * Part q of `parts` of a cohort's scoring (`cohortParts`), as one thread does it
 * with its own index: the households of the part, scored by a scorer of their own. The parts'
 * scores merge (`mergeSideScores`) into what `CohortScorer.adopt` takes.
 */
export function scoreCohortPart(args: CohortScorerArgs, q: number, parts: number, onProgress?: (share: number) => void): { households: number[]; scores: SideScores[]; stats: CohortScoringStats } {
  const households = cohortParts(args.households.length, parts)[q];
  const scorer = new CohortScorer({
    ...args,
    households: households.map((i) => args.households[i]),
    capacityShare: args.households.length ? households.length / args.households.length : 1,
  });
  const scores = scorer.scoreAll(onProgress);
  return { households, scores, stats: scorer.stats };
}
