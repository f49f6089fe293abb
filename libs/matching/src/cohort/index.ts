export { CohortScorer, type CohortSide, type CohortHouseholdInput, type ScoredHousehold, type SideScores, type CohortScoringStats, type CohortScorerArgs } from './cohort-scores';
export { topByBound, rankOrder, type Ranked } from './top-by-bound';
export {
  cohortParts,
  scoreCohortPart,
  partScorer,
  mergeSideScores,
  addScoringStats,
  partPairs,
  splitRefineRequests,
  refineAndReport,
  applyRefined,
  applyKnown,
  refinedOfPart,
  type SideScoresPart,
  type PartPairs,
  type RefineRequest,
  type RefinedPairs,
} from './cohort-parts';
