import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CohortScorer,
  addScoringStats,
  applyRefined,
  mergeSideScores,
  partPairs,
  refineAndReport,
  refinedOfPart,
  scoreCohortPart,
  solveLazilyTogether,
  splitRefineRequests,
  waitingDays,
  type CohortScorerArgs,
  type CohortScoringStats,
  type CohortSide,
  type PlacementOptions,
  type PlacementPlan as LibPlan,
  type PlacementProblem,
  type PlacementWeighting,
  type PartPairs,
  type RefinedPairs,
  type RefineRequest,
  type RefineScope,
  type SideScores,
  type SolvePlacement,
} from '@kansrijk/matching';
import type { CompiledOutcomeModel } from '@kansrijk/outcome';
import type { CandidateProfile, GeoPoint, MunicipalityProfile, Policy } from '@kansrijk/scoring';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { CapacityService } from '../linking/capacity.service';
import { loadCandidateProfiles } from '../matching/profile-loader';
import type { MatchingSource } from '../matching/matching-source';
import { MatchingService } from '../matching/matching.service';
import { ReferenceIndex } from '../reference/reference-index.service';

/** What the cohort tools need to know of one household besides its pairs. */
export interface CohortHousehold {
  id: string;
  persons: number;
  arrival: string | null;
  members: CandidateProfile[];
  adultIds: string[];
  /** R12 hard-tie points under the policy the problem was built with. */
  tiePoints: { municipalityCode: string; location: GeoPoint }[];
}

/** A placement problem for a cohort under one policy, with what the metrics need per pair. */
export interface CohortProblem {
  policyVersion: string;
  /** The outcome model the scores weigh (R14, R16: expected adults in work), null when the policy gives it no weight or none is loaded. */
  outcomeModelVersion: string | null;
  period: string;
  households: CohortHousehold[];
  municipalities: MunicipalityProfile[];
  /** Scores: exact where `exact` says so, else an upper bound that `refine` replaces (see solveCohort). */
  problem: PlacementProblem;
  exact: Uint8Array;
  /** Makes the pairs exact (CohortScorer.refine), on the thread that holds their household's part. */
  refine(pairs: Int32Array, scope?: RefineScope): Promise<void>;
  /** The scorer and side the problem came from: problems of one scorer can be planned together (see solveCohorts). */
  scoredBy: { scorer: CohortScorer; side: number; refineMany: (requests: RefineRequest[]) => Promise<void> };
  /** Per pair (aligned with problem.pairs): eligible vacancies reachable, summed over the adults (R14, R16). */
  reachableSum: Float64Array;
  /** Per pair, each adult's own count (in the household's adultIds order) from `reachableByAdult.start[pair]` in `counts`: the outcome model's input. */
  reachableByAdult: { start: Int32Array; counts: Float64Array };
  /** Remaining capacity per municipality code, null when unknown (then not a limit: see `capacityKnown`). */
  capacityKnown: boolean;
  /** R12 tie radius of the policy, km (for the shortage report's words). */
  tieRadiusKm: number;
}

export const MAX_COHORT = 10_000;
/**
 * Cohorts of at least this many households are scored in `COHORT_PARTS` parts (`cohortParts`):
 * on as many threads where a `CohortPartScorer` is given (the job worker's helpers), else one
 * after the other. Always the same parts for the same cohort, so a run's result never depends on
 * how many threads scored it. Below this a part's own setup (another thread's copy of the index)
 * would not pay.
 */
export const PARTS_FROM_HOUSEHOLDS = 1_000;
export const COHORT_PARTS = 2;

/** Scores the parts of a cohort (`scoreCohortPart`) on several threads at once, this one included. */
export interface CohortPartScorer {
  /** Threads it scores on, this one included. */
  readonly threads: number;
  score(args: CohortScorerArgs, parts: number, onProgress?: (share: number) => void): Promise<ScoredParts>;
}

export type CohortPartScores = ReturnType<typeof scoreCohortPart>;

/**
 * Where the wall time of a cohort's scoring on several threads went, seconds: handing the helpers
 * their cohort, this thread's own parts, each helper's part, the time it first waited for its copy
 * of the index (built or brought up to date), and all of it from the start, and how long this
 * thread then waited for them.
 */
export interface ScoringSeconds {
  handOver: number;
  own: number;
  helpers: { index: number; scoring: number; all: number }[];
  waited: number;
}

/** A cohort's parts as scored, in part order, with where the time went (null on one thread). */
export interface ScoredParts {
  parts: CohortPartScores[];
  seconds: ScoringSeconds | null;
  /** A part whose scorer stayed on the thread that scored it: its households are refined there. */
  refiner?: PartRefiner;
}

/**
 * Refines the households of part `part` with that part's own scorer, elsewhere (pairs numbered as
 * the part's scores number them), after writing `known` into its scores: pairs of its households
 * made exact elsewhere since (see refineOnParts).
 */
export interface PartRefiner {
  part: number;
  refine(requests: RefineRequest[], known?: RefinedPairs[]): Promise<{ refined: RefinedPairs[]; stats: CohortScoringStats }>;
}

/** A municipality's capacity when the period has no national total: not a limit. */
const UNBOUNDED = 1_000_000;

/**
 * Plans a cohort problem: the solver's plan, with the link scores of the pairs any plan (and the
 * greedy baseline) uses computed exactly on demand (see `solveLazily`).
 */
export async function solveCohort(c: CohortProblem, options: PlacementOptions, lazy: LazySettings = {}): Promise<LibPlan> {
  // One lazy path for a plan alone and for plans together: alone, solveLazilyTogether is solveLazily.
  const [plan] = await solveCohorts([c], options, lazy);
  return plan;
}

/**
 * How a what-if's plans are solved lazily: settled after the first solve (see solveLazily). The
 * pairs no plan picked carry bounds close above their scores (CohortScorer), so more rounds gain
 * little. Measured on a 10,000-household what-if: gap 0.031% after two rounds, 0.034% after one,
 * which saved about 25 s. Both plans are settled alike, and their gaps are reported.
 *
 * And their first solves take the scores as scored (solveFirstAsScored), so that the variant's
 * runs on the partner thread while the worker runs the greedy sweep, rather than after it.
 * Measured on the same what-if (npm run bench -- whatif-inproc, the same work in one thread):
 * 8,782 and 8,813 households placed, objectives 13273.97 and 13255.93, gaps 0.040% and 0.038%,
 * against 8,777 and 8,816, 13274.33 and 13255.77, 0.037% and 0.039% when solved after the sweep;
 * the refining took 8,688 adult passes against 8,694. In the job the plans took 18.0 s against
 * 19.6-24.9 s.
 */
export const WHAT_IF_LAZY: LazySettings = { settleAfterRounds: 1, solveFirstAsScored: true };

/** How far a lazy solve goes before it settles its plan (see solveLazily), and whether it solves its first round before the greedy sweep; defaults when absent. */
export interface LazySettings {
  settleAfterRounds?: number;
  solveFirstAsScored?: boolean;
}

/** Where the wall time of plans solved together went, seconds: the greedy sweep, the longest of the plans' solves (a first one on the scores as scored overlaps the sweep: see LazySettings) and of their waits on refining. */
export interface PlanSeconds {
  sweep: number;
  solve: number;
  refine: number;
}

/**
 * Plans problems scored together (a what-if's baseline and variant, from one `buildSides`): each
 * as `solveCohort` plans it, but the plans' refine calls are answered together, round by round
 * (solveLazilyTogether), so that a household both plans need refined gets one pass over the
 * vacancies for both (CohortScorer.refineMany). `solve` (say on a helper thread, see HelperThreads)
 * lets the plans' solves run at once.
 */
export async function solveCohorts(cs: CohortProblem[], options: PlacementOptions, lazy: LazySettings = {}, solve?: SolvePlacement, seconds?: PlanSeconds): Promise<LibPlan[]> {
  const scorer = cs[0]?.scoredBy.scorer;
  if (cs.some((c) => c.scoredBy.scorer !== scorer)) throw new Error('solveCohorts: the problems were not scored together');
  const results = await solveLazilyTogether({
    problems: cs.map((c) => ({ problem: c.problem, exact: c.exact })),
    refineMany: (requests) => cs[0].scoredBy.refineMany(requests.map((r) => ({ side: cs[r.problem].scoredBy.side, pairs: r.pairs, scope: r.scope }))),
    options,
    solve,
    settleAfterRounds: lazy.settleAfterRounds,
    solveFirstAsScored: lazy.solveFirstAsScored,
  });
  if (seconds) {
    const s = (ms: number) => Math.round(ms) / 1000;
    seconds.sweep = s(results[0]?.ms.sweep ?? 0);
    seconds.solve = s(Math.max(0, ...results.map((r) => r.ms.solve)));
    seconds.refine = s(Math.max(0, ...results.map((r) => r.ms.refine)));
  }
  return results.map((r) => r.plan);
}

/**
 * Builds the cohort placement problem the solver takes (libs/matching): for each household
 * every municipality within the tie radius of all its hard ties (R12; others are no pair
 * at all), scored by the scoring library's link score with the vacancies every adult could
 * reach from there (R13, R14, R16; see CohortScorer), and each municipality's remaining housing
 * task for the period (R11), not counting the cohort's own current decisions (they are being
 * re-planned). Several policies at once (a what-if's baseline and variant) share the work that
 * does not depend on what they change.
 */
@Injectable()
export class CohortService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reference: ReferenceIndex,
    private readonly capacity: CapacityService,
    @Inject(MatchingService) private readonly matching: MatchingSource,
  ) {}

  async households(ids: string[]): Promise<{ found: CohortHousehold[]; missing: string[] }> {
    const rows: { id: string; size: number; arrival: string | null }[] = await this.ds.query(
      // In arrival order (then by id, so that the order never depends on how the rows lie): the
      // greedy baseline takes households in that order, and the scorer follows it as it goes.
      `SELECT id, size, to_char(arrival_date, 'YYYY-MM-DD') AS arrival FROM household WHERE id = ANY($1::uuid[]) ORDER BY arrival_date NULLS LAST, id`,
      [ids],
    );
    const memberRows: { household_id: string; candidate_id: string }[] = await this.ds.query('SELECT household_id, candidate_id FROM household_member WHERE household_id = ANY($1::uuid[])', [ids]);
    const profiles = new Map((await loadCandidateProfiles(this.ds, memberRows.map((m) => m.candidate_id))).map((c) => [c.profile.id, c.profile]));
    const membersOf = new Map<string, CandidateProfile[]>();
    for (const m of memberRows) {
      const p = profiles.get(m.candidate_id);
      if (p) (membersOf.get(m.household_id) ?? membersOf.set(m.household_id, []).get(m.household_id)!).push(p);
    }
    const found = rows
      .filter((r) => (membersOf.get(r.id) ?? []).length > 0)
      .map((r) => ({ id: r.id, persons: Math.max(r.size, membersOf.get(r.id)!.length), arrival: r.arrival, members: membersOf.get(r.id)!, adultIds: [], tiePoints: [] }));
    const have = new Set(found.map((h) => h.id));
    return { found, missing: ids.filter((id) => !have.has(id)) };
  }

  /** The problem under one policy. */
  async build(args: {
    households: CohortHousehold[];
    period: string;
    policy: Policy;
    onDate: string;
    outcome?: CompiledOutcomeModel | null;
    onProgress?: (share: number) => void;
    parts?: CohortPartScorer | null;
  }): Promise<CohortProblem> {
    const { sides } = await this.buildSides({ ...args, policies: [args.policy] });
    return sides[0];
  }

  /** The problem under each of `policies` (e.g. a what-if's baseline and variant), scored together. */
  async buildSides(args: {
    households: CohortHousehold[];
    period: string;
    policies: Policy[];
    onDate: string;
    /** The outcome model in use: a policy that weighs expectedEmployment scores with it, as the suggestions do. */
    outcome?: CompiledOutcomeModel | null;
    onProgress?: (share: number) => void;
    /** Scores a cohort's parts on more threads than this one (see PARTS_FROM_HOUSEHOLDS). */
    parts?: CohortPartScorer | null;
    /** From how many households the cohort is scored in parts (default PARTS_FROM_HOUSEHOLDS). */
    partsFrom?: number;
  }): Promise<{ sides: CohortProblem[]; stats: CohortScoringStats; scoredIn: { parts: number; threads: number; seconds: ScoringSeconds | null } }> {
    const { policies, onDate, period } = args;
    if (args.households.length > MAX_COHORT) throw BadUserInputError.of('householdIds', 'arrayMaxSize', `a cohort holds at most ${MAX_COHORT} households`);
    const ref = await this.reference.snapshot();
    const municipalities: MunicipalityProfile[] = [...ref.municipalities.values()]
      .map((m) => ({ code: m.code, name: m.name, regionCode: m.regionCode, provinceCode: m.provinceCode, centroid: { lat: m.lat, lon: m.lon }, population: m.population }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const index = await this.matching.matchingIndex();
    const sides: CohortSide[] = [];
    for (const policy of policies) sides.push({ policy, context: await this.matching.context(policy, onDate) });
    const caps: Awaited<ReturnType<CapacityService['forPeriod']>>[] = [];
    for (const policy of policies) caps.push(await this.capacity.forPeriod(period, policy, undefined, undefined, args.households.map((h) => h.id)));
    // The scorer follows the greedy baseline as it scores (households are read in arrival order),
    // so that the plans find its picks already exact.
    const capacity = caps.map((cap) => Int32Array.from(municipalities, (m) => Math.max(0, cap.left(m.code) ?? UNBOUNDED)));
    const scorerArgs = { index, municipalities, households: args.households, sides, onDate, outcome: args.outcome ?? null, capacity };
    const scorer = new CohortScorer(scorerArgs);
    const n = args.households.length;
    let scored: SideScores[];
    let refineMany = async (requests: RefineRequest[]) => scorer.refineMany(requests);
    const scoredIn: { parts: number; threads: number; seconds: ScoringSeconds | null } = { parts: 1, threads: 1, seconds: null };
    if (n >= (args.partsFrom ?? PARTS_FROM_HOUSEHOLDS)) {
      scoredIn.parts = COHORT_PARTS;
      scoredIn.threads = Math.min(COHORT_PARTS, args.parts?.threads ?? 1);
      // The same pairs, scored in parts (on several threads where there are); the plans refine
      // them on this thread, or a part's households on the thread that kept its scorer.
      const { parts, seconds, refiner } = args.parts ? await args.parts.score(scorerArgs, COHORT_PARTS, args.onProgress) : partsInTurn(scorerArgs, COHORT_PARTS, args.onProgress);
      scoredIn.seconds = seconds;
      const byPart = sides.map((_, s) => parts.map((p) => ({ households: p.households, scores: p.scores[s] })));
      const merged = scorer.adopt(
        byPart.map((ps) => mergeSideScores(n, ps)),
        addScoringStats(parts.map((p) => p.stats)),
      );
      if (refiner) {
        const maps = byPart.map((ps, s) => partPairs(ps, merged[s]));
        const known: RefinedPairs[] = [];
        refineMany = (requests) => refineOnParts(scorer, merged, maps, refiner, known, requests);
      }
      scored = merged;
    } else scored = scorer.scoreAll(args.onProgress);
    const problems: CohortProblem[] = [];
    for (let s = 0; s < policies.length; s++) {
      const cap = caps[s];
      const sc = scored[s];
      const households = args.households.map((h, i) => ({ ...h, adultIds: sc.households[i].adults.map((a) => a.id), tiePoints: sc.households[i].tiePoints }));
      problems.push({
        policyVersion: policies[s].version,
        outcomeModelVersion: sc.outcomeModelVersion,
        period,
        households,
        municipalities,
        capacityKnown: cap.nationalTotal !== null,
        tieRadiusKm: policies[s].params.tieRadiusKm,
        reachableSum: sc.reachableSum,
        reachableByAdult: sc.reachableByAdult,
        exact: sc.exact,
        refine: (pairs, scope) => refineMany([{ side: s, pairs, scope }]),
        scoredBy: { scorer, side: s, refineMany },
        problem: {
          households: households.map((h, i) => ({
            id: h.id,
            persons: h.persons,
            arrival: arrivalOrder(h.arrival, i),
            waitingDays: waitingDays(h.members, onDate),
            hardTies: h.tiePoints.length > 0,
          })),
          // R11, R16: how a shortage is shared, as the policy says (HOUSEHOLD, PERSON, WAITING).
          weighting: policies[s].params.placementWeight.toLowerCase() as PlacementWeighting,
          waitingDoublingDays: policies[s].params.placementWaitingDoublingDays,
          municipalities: municipalities.map((m, k) => ({ code: m.code, capacity: capacity[s][k], regionCode: m.regionCode, population: m.population })),
          pairs: sc.pairs,
        },
      });
    }
    return { sides: problems, stats: scorer.stats, scoredIn };
  }
}


/** Arrival order for the greedy baseline: by arrival date, then as given. */
function arrivalOrder(arrival: string | null, i: number): number {
  const day = arrival ? Date.parse(`${arrival}T00:00:00Z`) / 86_400_000 : 1e9;
  return day * 100_000 + i;
}

/**
 * `scorer.refineMany` where part `refiner.part`'s households are refined by that part's own scorer
 * (another thread, at the same time as this one refines the rest), except in a call that asks for
 * one household (the greedy sweep's turns): that one is refined here, as a turn of the sweep is
 * waited on alone, and the other thread may be solving a plan meanwhile (solveFirstAsScored).
 * What this thread makes exact of the other part's households is handed to its scorer with the
 * next call there (`known`), so each scorer refines from what is known: the results and the
 * work are the same whichever thread refines a household. The other scorer's stats are added to
 * this scorer's.
 */
async function refineOnParts(scorer: CohortScorer, merged: SideScores[], maps: PartPairs[], refiner: PartRefiner, known: RefinedPairs[], requests: RefineRequest[]): Promise<void> {
  if (atMostOneHousehold(merged, requests)) {
    known.push(...refinedOfPart(refineAndReport(scorer, merged, requests), maps, refiner.part));
    return;
  }
  const { here, there } = splitRefineRequests(requests, maps, refiner.part);
  const answer = there.length ? refiner.refine(there, known.splice(0)) : null;
  // Observed now: a failure there must not go unhandled while this thread refines.
  answer?.catch(() => undefined);
  if (here.length) scorer.refineMany(here);
  if (!answer) return;
  const { refined, stats } = await answer;
  applyRefined(merged, maps, refiner.part, refined);
  Object.assign(scorer.stats, addScoringStats([scorer.stats, stats]));
}

/** Whether the requests ask for pairs of one household at most. */
function atMostOneHousehold(merged: SideScores[], requests: RefineRequest[]): boolean {
  let household = -1;
  for (const r of requests) {
    for (const k of r.pairs) {
      const h = merged[r.side].pairs.hh[k];
      if (household >= 0 && h !== household) return false;
      household = h;
    }
  }
  return true;
}

/** The parts of a cohort scored one after the other on this thread. */
function partsInTurn(args: CohortScorerArgs, parts: number, onProgress?: (share: number) => void): ScoredParts {
  return { parts: Array.from({ length: parts }, (_, q) => scoreCohortPart(args, q, parts, onProgress && ((share) => onProgress((q + share) / parts)))), seconds: null };
}
