export { CohortScorer, type CohortSide, type CohortHouseholdInput, type ScoredHousehold, type SideScores, type CohortScoringStats, type CohortScorerArgs } from './cohort-scores';
export { topByBound, rankOrder, type Ranked } from './top-by-bound';
export { cohortParts, scoreCohortPart, mergeSideScores, addScoringStats, type SideScoresPart } from './cohort-parts';
