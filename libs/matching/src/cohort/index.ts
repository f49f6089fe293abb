export { CohortScorer, type CohortSide, type CohortHouseholdInput, type ScoredHousehold, type SideScores, type CohortScoringStats } from './cohort-scores';
export { topByBound, rankOrder, type Ranked } from './top-by-bound';
