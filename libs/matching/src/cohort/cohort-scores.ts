import {
  hardTiePoints,
  jobScoringVersion,
  prepareLink,
  satisfiesHardTies,
  type CandidateProfile,
  type GeoPoint,
  type Household,
  type JobMatchContext,
  type LinkScorer,
  type MunicipalityProfile,
  type Policy,
  type ReachableSummary,
} from '@kansrijk/scoring';
import { prepareHouseholdOutlook, type CompiledOutcomeModel } from '@kansrijk/outcome';
import type { MatchingIndex } from '../index/matching-index';
import type { ReachableSession } from '../index/reachable-engine';
import { PlacementPairsBuilder } from '../placement/pairs';
import type { PlacementPairs, RefineScope } from '../placement/types';
import { topByBound } from './top-by-bound';

/** One policy a cohort is scored under: the policy, and its job-scoring context (policy, day, catalogue, labour demand). */
export interface CohortSide {
  policy: Policy;
  context: JobMatchContext;
}

export interface CohortHouseholdInput {
  id: string;
  /** Persons in the household (R16: placed whole). */
  persons: number;
  members: CandidateProfile[];
}

/** A household as one side scored it. */
export interface ScoredHousehold {
  id: string;
  persons: number;
  members: CandidateProfile[];
  /** The adults (R16: every one counts in the reachable vacancies). */
  adults: CandidateProfile[];
  /** R12 hard-tie points under the side's policy. */
  tiePoints: { municipalityCode: string; location: GeoPoint }[];
}

/** The pairs of one side: every municipality within the tie radius of all hard ties (R12) that is eligible, with its link score. */
export interface SideScores {
  households: ScoredHousehold[];
  pairs: PlacementPairs;
  /** 1 where `pairs.score` is the exact link score; 0 where it is an upper bound (see `refine`). */
  exact: Uint8Array;
  /** Per pair: eligible vacancies reachable from there, summed over the adults (exact for every pair; R14, R16). */
  reachableSum: Float64Array;
  /** Per pair, each adult's own count (in `households[h].adults` order), from `start[pair]` in `counts`: the outcome model reads them. */
  reachableByAdult: { start: Int32Array; counts: Float64Array };
  /**
   * Per pair, the outcome model's expected share of the household's adults in work there (R14,
   * R16: every adult counted), the value of the link's expectedEmployment component; null when the
   * side does not weigh it (no model, or a weight of 0: the component stays neutral). NaN for a
   * household without adults, which has no share (neutral too, as in the suggestions).
   */
  expectedShare: Float64Array | null;
  /** The outcome model the side's scores weigh (its version), null when they weigh none. */
  outcomeModelVersion: string | null;
}

/**
 * How much work the scoring did: adult passes over the vacancies; (adult, municipality) means of
 * the best computed (`completions`) or taken from another side at the same radius
 * (`sharedCompletions`); bounds on them read from the blocks (`boundReads`); and means of the
 * best or bounds taken from a wider radius where they hold (`fromWider`).
 */
export interface CohortScoringStats {
  adultPasses: number;
  completions: number;
  sharedCompletions: number;
  fromWider: number;
  boundReads: number;
}

/**
 * One summary, refilled per municipality (its position in the session) with each adult's exact
 * count and a bound on the mean of the best (`upper`: `bestUpper` or `anywhereUpper`).
 */
function boundSummary(adults: readonly CandidateProfile[], session: ReachableSession) {
  const scratch: ReachableSummary = { adults: adults.map((a) => ({ candidateId: a.id, eligibleVacancies: 0, meanBestScore: 0 })) };
  return (p: number, upper: (adult: number, position: number) => number): ReachableSummary => {
    scratch.adults.forEach((row, a) => {
      row.eligibleVacancies = session.counts[a][p];
      row.meanBestScore = upper(a, p);
    });
    return scratch;
  };
}

/** The pair's expectedEmployment value, null where the side weighs no model or the household has no adult (NaN kept). */
const shareOf = (side: SideScores, k: number): number | null => {
  const x = side.expectedShare?.[k];
  return x === undefined || Number.isNaN(x) ? null : x;
};

/**
 * Measured on a 10,000-household what-if, both sides, wall s in one process (scoring + plans,
 * npm run bench -- whatif-inproc): 3 gave 57.2 + 30.5; 6, 59.4 + 28.3; 8, 64.8 + 27.9; 12,
 * 64.2 + 25.8; 32, 74.6 + 20.8 (runs vary by about 5 s). With the closer bounds on every pair a
 * plan's refining is cheap (a greedy turn completes a few pairs around a few municipalities), so
 * scoring more pairs exactly up front no longer pays.
 */
const DEFAULT_TOP_K = 8;

/** Pairs completed at a time under RefineScope `best`: the closer bounds lie near the scores, so the best is usually among the first few. */
const BEST_CHUNK = 4;

const adultLimit = (onDate: string) => `${Number(onDate.slice(0, 4)) - 18}${onDate.slice(4)}`;

/** What a `CohortScorer` scores: see there. */
export interface CohortScorerArgs {
  index: MatchingIndex;
  municipalities: readonly MunicipalityProfile[];
  households: readonly CohortHouseholdInput[];
  sides: readonly CohortSide[];
  onDate: string;
  /**
   * Municipalities scored exactly per household and side at first (default DEFAULT_TOP_K).
   * More costs completions now, while the adults' passes are open; fewer leaves more pairs
   * that a plan chooses on their bound, each costing a new pass per adult to refine.
   */
  topK?: number;
  /**
   * The outcome model in use, if any. A side whose policy weighs expectedEmployment (> 0) gets
   * the model's share in every pair's score, exact and bound, computed as the suggestions do
   * (`prepareHouseholdOutlook`) from the pair's own reachable counts; other sides ignore it.
   */
  outcome?: CompiledOutcomeModel | null;
  /**
   * Per side, the persons each municipality (in `municipalities` order) can still take, when
   * the plans will be compared with the greedy baseline (R11, R16). Then `scoreAll` follows
   * that baseline as it goes, household by household in the order given (the arrival order,
   * as a cohort is read), and makes each pick exact while the adults' passes are open: see
   * `pickGreedily`. Without it the plan's greedy sweep opens a new pass per adult for every
   * household whose pick is still a bound.
   */
  capacity?: readonly Int32Array[];
  /**
   * The share of the cohort these households are (1, the default: all of it). A scorer of part
   * of a cohort (`scoreCohortPart`) follows the greedy baseline with the whole capacity, each pick
   * taking its persons divided by the share: the places fill at about the pace the whole cohort's
   * greedy fills them, and a household still fits where it would in the whole (halving each
   * municipality's places instead would leave no room for a large household in a small one).
   */
  capacityShare?: number;
}

/**
 * The link scores (R11-R14, R16) of every allowed (household, municipality) pair of a cohort, under
 * one policy or two (a what-if's baseline and variant), for the placement solver.
 *
 * A link score needs, for every adult and municipality, the mean of the best scores of the
 * vacancies the adult could reach from there: costly, and most pairs can never be chosen. So per
 * household only the `topK` best municipalities are scored exactly (found with `topByBound`, as
 * the suggestions are), and every other pair carries an upper bound, which `solveLazily` refines
 * (`refine`) only where a plan wants that pair. Work is shared between the sides: one pass over
 * the vacancies per adult serves every side whose job scoring is the same (`jobScoringVersion`),
 * whatever their tie radii, and a municipality's best scores computed for one side are reused by
 * another with the same radius.
 */
export class CohortScorer {
  readonly stats: CohortScoringStats = { adultPasses: 0, completions: 0, sharedCompletions: 0, fromWider: 0, boundReads: 0 };
  private readonly results: SideScores[] = [];
  private readonly starts: Int32Array[] = [];
  /** Per side, the context its reachable vacancies are computed in (shared by sides with the same job scoring). */
  private readonly contexts: JobMatchContext[];
  /** The sides, widest radius first (see `byContext`). */
  private readonly widestFirst: number[];

  constructor(private readonly args: CohortScorerArgs) {
    const firstOfJob = new Map<string, JobMatchContext>();
    this.contexts = args.sides.map((s) => {
      const key = jobScoringVersion(s.policy);
      if (!firstOfJob.has(key)) firstOfJob.set(key, s.context);
      return firstOfJob.get(key)!;
    });
    this.widestFirst = args.sides.map((_, s) => s).sort((x, y) => args.sides[y].policy.params.tieRadiusKm - args.sides[x].policy.params.tieRadiusKm);
  }

  /** Scores every side; `onProgress` gets the share of households done. */
  scoreAll(onProgress?: (share: number) => void): SideScores[] {
    const { households, sides, onDate } = this.args;
    const topK = this.args.topK ?? DEFAULT_TOP_K;
    const limit = adultLimit(onDate);
    const builders = sides.map(() => ({
      pairs: new PlacementPairsBuilder(households.length * 64),
      exact: [] as number[],
      reachable: [] as number[],
      adultStart: [] as number[],
      adultCounts: [] as number[],
      shares: [] as number[],
      households: [] as ScoredHousehold[],
    }));
    const groups = this.byContext(sides.keys());
    const capacity = this.args.capacity;
    const used = sides.map(() => new Float64Array(this.args.municipalities.length));
    const share = this.args.capacityShare ?? 1;
    for (let i = 0; i < households.length; i++) {
      const h = households[i];
      const adults = h.members.filter((m) => m.birthDate <= limit);
      const scoring: Household = { id: h.id, members: h.members, size: h.persons };
      const allowedOf = sides.map((side, s) => {
        const points = hardTiePoints({ household: scoring, policy: side.policy });
        builders[s].households.push({ id: h.id, persons: h.persons, members: h.members, adults, tiePoints: points });
        return this.allowedIn(points, side);
      });
      for (const [context, members] of groups) {
        const group = this.openGroup(adults, context, members, (s) => allowedOf[s]);
        if (group.union.length === 0) continue;
        // What one side completed, the others with the same radius reuse.
        const done = group.radii.map(() => new Map<number, ReachableSummary>());
        for (const s of members) {
          const r = group.radiusOf(s);
          const greedy = capacity ? { cap: capacity[s], used: used[s], persons: h.persons, takes: h.persons / share } : null;
          this.scoreSide(i, scoring, adults, allowedOf[s], group.position, group.sessions?.[r] ?? null, done[r], sides[s], topK, builders[s], greedy);
        }
        if (group.sessions) this.countWork(group.sessions);
      }
      if (onProgress && i % 50 === 0) onProgress(i / households.length);
    }
    onProgress?.(1);
    builders.forEach((b, s) => {
      this.results[s] = {
        households: b.households,
        pairs: b.pairs.build(),
        exact: Uint8Array.from(b.exact),
        reachableSum: Float64Array.from(b.reachable),
        reachableByAdult: { start: Int32Array.from(b.adultStart), counts: Float64Array.from(b.adultCounts) },
        expectedShare: this.weighsModel(sides[s]) ? Float64Array.from(b.shares) : null,
        outcomeModelVersion: this.weighsModel(sides[s]) ? this.args.outcome!.version : null,
      };
    });
    return this.results;
  }

  /**
   * Takes every side's scores as computed elsewhere instead of `scoreAll` (say by several threads,
   * each scoring part of the households with its own scorer, merged with `mergeSideScores`), so
   * that `refine` works on them; `stats` is the work that took. The scores must be of this
   * scorer's households, in its order, under its sides.
   */
  adopt(results: readonly SideScores[], stats: CohortScoringStats): SideScores[] {
    const { households, sides } = this.args;
    if (results.length !== sides.length) throw new Error(`cohort scores: ${results.length} sides of scores for ${sides.length} sides`);
    results.forEach((r, s) => {
      if (r.households.length !== households.length || r.households.some((h, i) => h.id !== households[i].id)) {
        throw new Error(`cohort scores: side ${s}'s scores are not of this cohort's households, in its order`);
      }
    });
    results.forEach((r, s) => (this.results[s] = r));
    this.starts.length = 0;
    Object.assign(this.stats, stats);
    return this.results;
  }

  /**
   * Makes the given pairs of side `s` exact: their best scores are computed and their link
   * scores replace the bounds (never above them), in `scoreAll`'s result arrays.
   *
   * A household's pair is asked for because a plan chose it on its bound; once exact it usually
   * falls below the bound of the household's next bounded pair, which the next plan then chooses,
   * and so on down a chain of rounds, each re-solving the whole cohort. So the household's chain is
   * closed in the same session (one pass over the vacancies per adult, which costs far more than a
   * completion): every bounded pair whose bound is above the lowest exact score found, unless
   * `scope` asks for the given pairs only (see RefineScope). Those bounds are already the closer
   * ones (`scoreAll` read them while the pass was open), so no bound is read again here.
   */
  refine(s: number, pairs: Int32Array, scope: RefineScope = { mode: 'chain' }): void {
    this.refineMany([{ side: s, pairs, scope }]);
  }

  /**
   * `refine` for several sides at once (say both plans of a what-if, round by round): a household
   * that more than one side asks for gets one pass over the vacancies per adult for all of them,
   * as in `scoreAll` (sides with the same job scoring share the pass, each reads its own radius).
   * Each side's pairs end as `refine` would leave them: exact where asked, the chain closed.
   */
  refineMany(requests: readonly { side: number; pairs: Int32Array; scope?: RefineScope }[]): void {
    // Per household, per side: the bounded pairs asked for and the scope.
    const byHousehold = new Map<number, Map<number, { ks: number[]; scope: RefineScope }>>();
    for (const { side: s, pairs, scope } of requests) {
      const result = this.results[s];
      const { hh } = result.pairs;
      for (const k of pairs) {
        if (result.exact[k] !== 0) continue;
        let perSide = byHousehold.get(hh[k]);
        if (!perSide) byHousehold.set(hh[k], (perSide = new Map()));
        let ask = perSide.get(s);
        if (!ask) perSide.set(s, (ask = { ks: [], scope: scope ?? { mode: 'chain' } }));
        ask.ks.push(k);
      }
    }
    for (const [i, perSide] of byHousehold) {
      const adults = this.results[perSide.keys().next().value!].households[i].adults;
      for (const [context, members] of this.byContext(perSide.keys())) {
        // Only a household with adults has bounded pairs (without, every score is exact), so the
        // group has its sessions. A chain may reach any allowed municipality; the other scopes
        // only the pairs asked for, so the sessions cover just those: an adult's pass then
        // computes the parts of the vacancies around them, not around every allowed one.
        const group = this.openGroup(adults, context, members, (s) => {
          const { ks, scope } = perSide.get(s)!;
          if (scope.mode === 'chain') return this.allowedIn(this.results[s].households[i].tiePoints, this.args.sides[s]);
          return ks.map((k) => this.results[s].pairs.mun[k]);
        });
        for (const s of members) {
          const { ks, scope } = perSide.get(s)!;
          this.refineIn(s, i, group.sessions![group.radiusOf(s)], group.position, ks, scope);
        }
        this.countWork(group.sessions!);
      }
    }
  }

  /** Adds what a household's sessions computed, and took from a wider radius, to the stats. */
  private countWork(sessions: readonly ReachableSession[]): void {
    for (const { work } of sessions) {
      this.stats.completions += work.completed;
      this.stats.boundReads += work.bounded;
      this.stats.fromWider += work.fromWider;
    }
  }

  /** The municipalities (indices) within the side's tie radius of every hard-tie point (R12). */
  private allowedIn(points: ScoredHousehold['tiePoints'], side: CohortSide): number[] {
    const out: number[] = [];
    this.args.municipalities.forEach((m, k) => {
      if (satisfiesHardTies({ points, municipality: m, radiusKm: side.policy.params.tieRadiusKm })) out.push(k);
    });
    return out;
  }

  /** The given sides by the context their reachable vacancies are computed in: the sides of one context share their adults' passes. */
  private byContext(sides: Iterable<number>): Map<JobMatchContext, number[]> {
    const asked = new Set(sides);
    const groups = new Map<JobMatchContext, number[]>();
    // Each group's sides widest radius first: a narrower one takes the wider one's means and
    // bounds where they hold (ReachableSession).
    for (const s of this.widestFirst) if (asked.has(s)) groups.set(this.contexts[s], [...(groups.get(this.contexts[s]) ?? []), s]);
    return groups;
  }

  /**
   * One pass over the vacancies per adult for the sides of one context (`members`), over the
   * union of their allowed municipalities: `position` of each municipality in that union, its
   * sessions (one per radius; null without adults or municipalities) and each side's radius index.
   */
  private openGroup(adults: CandidateProfile[], context: JobMatchContext, members: number[], allowedOf: (s: number) => number[]) {
    const { municipalities, sides } = this.args;
    const union = [...new Set(members.flatMap(allowedOf))].sort((x, y) => x - y);
    const position = new Map(union.map((k, p) => [k, p]));
    const radii = [...new Set(members.map((s) => sides[s].policy.params.tieRadiusKm))];
    let sessions: ReachableSession[] | null = null;
    if (adults.length > 0 && union.length > 0) {
      sessions = this.args.index.reachableSessions({ adults, municipalities: union.map((k) => municipalities[k]), context, radii });
      this.stats.adultPasses += adults.length;
    }
    return { union, position, radii, sessions, radiusOf: (s: number) => radii.indexOf(sides[s].policy.params.tieRadiusKm) };
  }

  /** `refine` of household `i` under side `s`, in an open session whose municipalities are at `position`. */
  private refineIn(s: number, i: number, session: ReachableSession, position: Map<number, number>, ks: number[], scope: RefineScope): void {
    const side = this.args.sides[s];
    const result = this.results[s];
    const { mun, score } = result.pairs;
    const starts = this.householdStarts(s);
    const h = result.households[i];
    const scorer = this.scorer({ id: h.id, members: h.members, size: h.persons }, side);
    const exactly = (list: number[]): number => {
      const rows = session.complete(list.map((k) => position.get(mun[k])!));
      let lowest = Infinity;
      list.forEach((k, j) => {
        // The share the bound was scored with: it reads only the exact counts, so it is the pair's own.
        const exact = scorer.score({ municipality: this.args.municipalities[mun[k]], reachable: rows[j].reachable, expectedEmployment: shareOf(result, k) });
        if (exact > score[k] + 1e-9) throw new Error(`cohort scores: pair ${k} scored ${exact} above its bound ${score[k]}`);
        (score as Float64Array)[k] = Math.min(exact, score[k]);
        result.exact[k] = 1;
        lowest = Math.min(lowest, score[k]);
      });
      return lowest;
    };
    if (scope.mode === 'best') {
      // Highest bound first, a few at a time (a completion costs little once the pass is open):
      // a pair whose bound is at most the best exact score found cannot be the best. A bound
      // equal to it is completed too: the pair could tie and win on its municipality code. The
      // highest bound is completed whatever `atLeast` says (RefineScope).
      const order = ks.slice().sort((x, y) => score[y] - score[x]);
      let best = scope.atLeast;
      let j = 0;
      while (j < order.length && (j === 0 || score[order[j]] >= best)) {
        const chunk = [order[j++]];
        while (j < order.length && chunk.length < BEST_CHUNK && score[order[j]] >= best) chunk.push(order[j++]);
        exactly(chunk);
        for (const k of chunk) best = Math.max(best, score[k]);
      }
      return;
    }
    const floor = exactly(ks);
    if (scope.mode === 'pairs') return;
    const close: number[] = [];
    for (let k = starts[i]; k < starts[i + 1]; k++) if (result.exact[k] === 0 && score[k] > floor) close.push(k);
    if (close.length) exactly(close);
  }

  /** Per household of side `s`, where its pairs start (they are contiguous: `scoreAll` adds them household by household). */
  householdStarts(s: number): Int32Array {
    return (this.starts[s] ??= pairStarts(this.results[s].pairs.hh, this.results[s].households.length));
  }

  /** Whether the side's scores weigh the outcome model: one is loaded and the policy gives it a weight. */
  private weighsModel(side: CohortSide): boolean {
    return !!this.args.outcome && side.policy.linkWeights.expectedEmployment > 0;
  }

  private scorer(household: Household, side: CohortSide): LinkScorer {
    return prepareLink({ household, context: { policy: side.policy, onDate: this.args.onDate, labourDemand: side.context.labourDemand } });
  }

  /** One household under one side: exact scores for its best `topK` municipalities, bounds for the rest. */
  private scoreSide(
    i: number,
    household: Household,
    adults: CandidateProfile[],
    allowed: number[],
    position: Map<number, number>,
    session: ReachableSession | null,
    done: Map<number, ReachableSummary>,
    side: CohortSide,
    topK: number,
    out: { pairs: PlacementPairsBuilder; exact: number[]; reachable: number[]; adultStart: number[]; adultCounts: number[]; shares: number[] },
    greedy: GreedyTurn | null,
  ): void {
    const { municipalities } = this.args;
    const scorer = this.scorer(household, side);
    const weighs = this.weighsModel(side);
    // R14, R16: the outcome model's share of the adults in work, for every pair, from each adult's
    // exact reachable count (known everywhere); a household without adults has none (neutral),
    // as in the suggestions.
    const outlook =
      weighs && session && adults.length > 0
        ? prepareHouseholdOutlook({ model: this.args.outcome!, adults, onDate: this.args.onDate, labourDemand: side.context.labourDemand })
        : null;
    const counts = new Float64Array(adults.length);
    // Capacity is the solver's to allocate (R11), so eligibility here leaves it out.
    const items = allowed
      .filter((k) => scorer.eligible({ municipality: municipalities[k], capacityLeft: null }))
      .map((k) => {
        const p = position.get(k)!;
        let share: number | null = null;
        if (outlook) {
          for (let a = 0; a < adults.length; a++) counts[a] = session!.counts[a][p];
          share = outlook.share(municipalities[k], counts);
        }
        return { key: municipalities[k].code, eligible: true, score: 0, k, p, upper: 0, exact: false, tight: false, share };
      });
    const add = (item: (typeof items)[number]) => {
      out.pairs.add(i, item.k, item.exact ? item.score : item.upper);
      out.exact.push(item.exact ? 1 : 0);
      if (weighs) out.shares.push(item.share ?? NaN);
      let sum = 0;
      out.adultStart.push(out.adultCounts.length);
      for (let a = 0; a < adults.length; a++) {
        const n = session ? session.counts[a][item.p] : 0;
        sum += n;
        out.adultCounts.push(n);
      }
      out.reachable.push(sum);
    };
    if (!session) {
      const none: ReachableSummary = { adults: [] };
      for (const item of items) {
        item.score = scorer.score({ municipality: municipalities[item.k], reachable: none, expectedEmployment: item.share });
        item.exact = true;
      }
      if (greedy) pickGreedily(items, greedy, () => undefined);
      for (const item of items) add(item);
      return;
    }
    const complete = (chunk: (typeof items)[number][]): void => {
      const missing = chunk.filter((x) => !done.has(x.p));
      if (missing.length) {
        session.complete(missing.map((x) => x.p)).forEach((row, j) => done.set(missing[j].p, row.reachable));
      }
      this.stats.sharedCompletions += (chunk.length - missing.length) * adults.length;
      for (const x of chunk) {
        x.score = scorer.score({ municipality: municipalities[x.k], reachable: done.get(x.p)!, expectedEmployment: x.share });
        x.exact = true;
        x.upper = x.score;
      }
    };
    const bounded = boundSummary(adults, session);
    // The link score only rises with an adult's mean of the best (R14), so a bound on it bounds the
    // score; the model's share is the pair's exact one (it reads only the exact counts).
    for (const item of items) item.upper = scorer.score({ municipality: municipalities[item.k], reachable: bounded(item.p, session.anywhereUpper), expectedEmployment: item.share });
    // The closer bound: each adult's from the blocks around the municipality.
    const tighten = (x: (typeof items)[number]): void => {
      x.upper = Math.min(x.upper, scorer.score({ municipality: municipalities[x.k], reachable: bounded(x.p, session.bestUpper), expectedEmployment: x.share }));
      x.tight = true;
    };
    topByBound({
      items,
      upper: (x) => x.upper,
      take: topK,
      chunk: 8,
      rebound: (chunk) => chunk.forEach(tighten),
      complete: (chunk) => {
        complete(chunk);
        return chunk;
      },
    });
    // Every pair left bounded gets the closer bound now, while the adults' passes are open: a
    // plan solved on bounds picks the pairs whose bound is furthest above their score, so with
    // the first (flat) bound it would be far from the true plan and each round would refine
    // thousands of pairs. Measured on a 10,000-household what-if: the closer bounds lie on
    // average 0.0003 above the score, and the plan solved on them is within 0.04% of the
    // settled true one.
    for (const x of items) if (!x.exact && !x.tight) tighten(x);
    if (greedy) pickGreedily(items, greedy, complete);
    for (const item of items) add(item);
  }
}

/** Where each of `households` households' pairs start in `hh` (pairs contiguous per household, in household order), and the end. */
export function pairStarts(hh: Int32Array, households: number): Int32Array {
  const starts = new Int32Array(households + 1);
  for (let k = 0; k < hh.length; k++) starts[hh[k] + 1]++;
  for (let i = 0; i < households; i++) starts[i + 1] += starts[i];
  return starts;
}

/** The greedy baseline's state for one side as `scoreAll` follows it, and the household at its turn. */
interface GreedyTurn {
  cap: Int32Array;
  /** Places taken so far (see `capacityShare`). */
  used: Float64Array;
  persons: number;
  /** What the pick adds to `used`. */
  takes: number;
}

/**
 * The household's turn in the greedy baseline (greedyPlan: the best-scoring allowed municipality
 * that still has room for the whole household, R11, R16; ties to the lower code, here the first
 * in `municipalities` order, as the cohort service sorts them by code), made exact as the plan's
 * greedy sweep would (RefineScope `best`): among the
 * municipalities with room, the bounded pairs whose bound reaches the best exact score there are
 * completed, highest bound first, a few at a time. The household then takes its pick.
 *
 * Only a head start: the sweep still checks every pick, in the problem's own arrival order and on
 * its own capacities, and refines what is left bounded. Here the completions cost little (the
 * adults' passes are open); there each household asked for costs a new pass per adult.
 */
function pickGreedily<T extends { k: number; score: number; upper: number; exact: boolean }>(items: T[], turn: GreedyTurn, complete: (chunk: T[]) => void): void {
  const { cap, used, persons, takes } = turn;
  const withRoom = items.filter((x) => cap[x.k] - used[x.k] >= persons);
  if (withRoom.length === 0) return;
  let best = -Infinity;
  for (const x of withRoom) if (x.exact && x.score > best) best = x.score;
  const order = withRoom.filter((x) => !x.exact && x.upper >= best).sort((x, y) => y.upper - x.upper);
  let j = 0;
  while (j < order.length && order[j].upper >= best) {
    const chunk = [order[j++]];
    while (j < order.length && chunk.length < BEST_CHUNK && order[j].upper >= best) chunk.push(order[j++]);
    complete(chunk);
    for (const x of chunk) best = Math.max(best, x.score);
  }
  // Every pair left bounded lies below `best`; the first exact one at `best` is the pick.
  const pick = withRoom.find((x) => x.exact && x.score === best);
  if (pick) used[pick.k] += takes;
}
