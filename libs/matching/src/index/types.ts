import type { CandidateProfile, JobMatchContext, MunicipalityProfile, PreparedCandidate, PreparedJobContext, PreparedVacancy, ReachableSummary, VacancyProfile } from '@kansrijk/scoring';

/** A candidate by id (held by the index), by profile, or prepared (against any context). */
export type CandidateRef = string | CandidateProfile | PreparedCandidate;

/** A vacancy by id (held by the index), by profile, or prepared (against any context). */
export type VacancyRef = string | VacancyProfile | PreparedVacancy;

/** A context as the scoring library takes it, raw or prepared. */
export type MatchContext = JobMatchContext | PreparedJobContext;

/**
 * Filters on job suggestions. Absent or null = no filter.
 * - `maxDistanceKm`: at most this far (great circle, 1 m tolerance). Eligible-only lists are also
 *   bounded by the candidate's own `maxTravelKm` (R9.4); with `includeIneligible` the bound is this
 *   value, or else twice the candidate's `maxTravelKm` (`INELIGIBLE_RADIUS_FACTOR`).
 * - `minHours`, `maxHours`: the vacancy's hours a week lie in this range (inclusive).
 * - `iscoGroups`: ISCO-08 prefixes of 1 to 4 digits; the vacancy's ISCO code starts with one of them.
 * - `sector`: the vacancy's sector equals this, ignoring case and surrounding spaces.
 * - `minScore`: score at least this.
 * - `includeIneligible`: also list pairs that fail an R9 gate (default false); `failedGates` says which.
 */
export interface JobFilter {
  maxDistanceKm?: number | null;
  minHours?: number | null;
  maxHours?: number | null;
  iscoGroups?: readonly string[] | null;
  sector?: string | null;
  minScore?: number | null;
  includeIneligible?: boolean | null;
}

/**
 * Filters on candidate suggestions; as `JobFilter`, read from the candidate's side:
 * - `maxDistanceKm`: at most this far; eligible-only lists are also bounded by each candidate's own
 *   `maxTravelKm` (R9.4), lists with `includeIneligible` by this value or else twice that maximum;
 * - `minHours`, `maxHours`: the candidate's available hours a week lie in this range;
 * - `iscoGroups`: the candidate held an occupation in one of these ISCO-08 groups (1-4 digit prefixes).
 */
export interface CandidateFilter {
  maxDistanceKm?: number | null;
  minHours?: number | null;
  maxHours?: number | null;
  iscoGroups?: readonly string[] | null;
  minScore?: number | null;
  includeIneligible?: boolean | null;
  /** Only these candidates (e.g. one platform tenant's own, R20); absent or null = every candidate. */
  candidateIds?: ReadonlySet<string> | null;
}

/** One ranked vacancy for a candidate; `score` and `eligible` are `scorePrepared`'s. */
export interface JobSuggestion {
  vacancyId: string;
  score: number;
  eligible: boolean;
  /** R9 gates failed, as `JOB_GATES` bits (0 when eligible). */
  failedGates: number;
  /** Great-circle distance from the candidate, km. */
  distanceKm: number;
}

/** One ranked candidate for a vacancy; `score` and `eligible` are `scorePrepared`'s. */
export interface CandidateSuggestion {
  candidateId: string;
  score: number;
  eligible: boolean;
  /** R9 gates failed, as `JOB_GATES` bits (0 when eligible). */
  failedGates: number;
  /** Great-circle distance to the vacancy, km. */
  distanceKm: number;
}

/**
 * A ranked list with what the caller needs to explain it: `context` is the prepared context the
 * scores were computed with; `explainPrepared(result.candidate, index.preparedVacancy(id, result.context), result.context)`
 * gives each item's full explanation with the identical score.
 */
export interface TopJobsResult {
  items: JobSuggestion[];
  candidate: PreparedCandidate;
  context: PreparedJobContext;
  /** The distance bound applied, km. */
  radiusKm: number;
  /** Pairs that passed every filter (before the top k were taken). */
  matched: number;
}

export interface TopCandidatesResult {
  items: CandidateSuggestion[];
  vacancy: PreparedVacancy;
  context: PreparedJobContext;
  /** The largest distance bound applied (the farthest any listed candidate may be), km. */
  radiusKm: number;
  /** Pairs that passed every filter (before the top k were taken). */
  matched: number;
}

export interface TopJobsArgs {
  candidate: CandidateRef;
  k: number;
  context: MatchContext;
  filter?: JobFilter | null;
}

export interface TopCandidatesArgs {
  vacancy: VacancyRef;
  k: number;
  context: MatchContext;
  filter?: CandidateFilter | null;
}

/**
 * R14, R16: vacancies each adult could reach from each municipality.
 * - `radiusKm`: the commuting radius around the centroid; default the policy's `tieRadiusKm` (50 km).
 * - `bestOf`: how many of the best scores `meanBestScore` averages (default 5).
 */
export interface ReachableArgs {
  adults: readonly CandidateRef[];
  municipalities: readonly MunicipalityProfile[];
  context: MatchContext;
  radiusKm?: number | null;
  bestOf?: number | null;
}

/** One municipality's summary, in the shape `LinkContext.reachable` takes. */
export interface MunicipalityReachable {
  municipalityCode: string;
  reachable: ReachableSummary;
}

export interface ReachableResult {
  /** In the order of `args.municipalities`. */
  municipalities: MunicipalityReachable[];
  radiusKm: number;
  bestOf: number;
  context: PreparedJobContext;
}

/** Live profiles held. */
export interface IndexSize {
  vacancies: number;
  candidates: number;
}

/** Everything to load at once (e.g. at boot). */
export interface BuildInput {
  vacancies: Iterable<VacancyProfile>;
  candidates: Iterable<CandidateProfile>;
}
