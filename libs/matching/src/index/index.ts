export { MatchingIndex, type MatchingIndexOptions } from './matching-index';
export { MatchingInputError } from './matching-input-error';
export { INELIGIBLE_RADIUS_FACTOR, MAX_K } from './filters';
export { DEFAULT_BEST_OF, type ReachableSession } from './reachable-engine';
export type {
  BuildInput,
  CandidateFilter,
  CandidateRef,
  CandidateSuggestion,
  IndexSize,
  JobFilter,
  JobSuggestion,
  MatchContext,
  MunicipalityReachable,
  ReachableArgs,
  ReachableResult,
  TopCandidatesArgs,
  TopCandidatesResult,
  TopJobsArgs,
  TopJobsResult,
  VacancyRef,
} from './types';
