/**
 * @kansrijk/scoring: the Dutch rules of docs/domain.md (R1-R17) as numbers and reasons.
 * Pure TypeScript: time, policy and reference data come in as arguments.
 */
// Input and output types
export * from './model/cefr';
export * from './model/education-level';
export type { GeoPoint } from './model/geo-point';
export type { Explanation } from './model/explanation';
export type { CandidateProfile, CandidateDiploma, CandidatePreferences, HardTie, HeldOccupation, IntegrationRoute, LegalStatus, TieKind } from './model/candidate-profile';
export type { VacancyProfile, DiplomaRequirement } from './model/vacancy-profile';
export type { Household } from './model/household';
export type { MunicipalityProfile } from './model/municipality-profile';
export type { ScoreComponent, RuleCheck, ScoreResult } from './model/score-result';
export { ScoringInputError } from './util/scoring-input-error';
export { distanceKm, withinKm, EARTH_RADIUS_KM, DISTANCE_TOLERANCE_KM } from './util/haversine';
export { addCalendarMonths, contractEndDay, parseIsoDay, formatIsoDay } from './util/iso-date';
export { formatNumber } from './util/format';

// Policy
export type { Policy, PolicyParams, WorkingAge, JobWeights, LinkWeights, HistoricalWorkCap, PolicyOverride, DeepPartial, RelinkingExclusion, PlacementWeight } from './policy/policy';
export { JOB_COMPONENTS, LINK_COMPONENTS, PLACEMENT_WEIGHTS } from './policy/policy';
export { validatePolicy, PolicyValidationError, type PolicyValidationResult } from './policy/validate-policy';
export { parsePolicy } from './policy/parse-policy';
export { policyVersion } from './policy/policy-version';
export { jobScoringVersion } from './policy/job-scoring-version';
export { applyPolicyOverride } from './policy/apply-policy-override';
export { toPolicyOverride, type FlatPolicyOverride } from './policy/to-policy-override';
export { DEFAULT_POLICY, POLICY_VERSIONS, policyInForce, policyByName, datedVersions } from './policy/default-policy';

// Reference data
export { InMemoryOccupationCatalogue, type OccupationCatalogue, type OccupationEntry } from './reference/occupation-catalogue';
export {
  InMemoryLabourDemand,
  lookupLabourDemand,
  labourDemandValue,
  type LabourDemand,
  type LabourDemandFigure,
  type LabourDemandLookup,
  type LabourDemandRow,
} from './reference/labour-demand';

// Right to work (R1-R3)
export { checkRightToWork, type CheckRightToWorkArgs, type RightToWorkResult } from './rights/check-right-to-work';

// Job match (R9, R10)
export { prepareJobContext, type JobMatchContext, type PreparedJobContext } from './job/job-match-context';
export { prepareCandidate, occupationCredit, type PreparedCandidate } from './job/prepare-candidate';
export { prepareVacancy, type PreparedVacancy } from './job/prepare-vacancy';
export { scorePrepared, JOB_GATES, type PairScore } from './job/score-prepared';
export { explainPrepared, type JobMatchResult } from './job/explain-prepared';
export { scoreJobMatch } from './job/score-job-match';

// Municipality link (R11-R14, R16)
export { checkHardTies, judgeTie, hardTiePoints, satisfiesHardTies, type HardTieCheck, type JudgedTie, type DistanceFn } from './link/hard-ties';
export { housingTask } from './link/housing-task';
export { linkValues, prepareLink, type LinkScorer, type LinkValues } from './link/score-municipality-link';
export { scoreMunicipalityLink, type LinkContext, type MunicipalityLinkResult, type ReachableAdult, type ReachableSummary, type ExpectedEmploymentValue } from './link/score-municipality-link';

// Re-linking (R15)
export { checkRelinking, type CheckRelinkingArgs, type RelinkingJob, type RelinkingResult } from './relink/check-relinking';
export { excludedFromRelinking } from './relink/excluded-occupations';
export { checkLinkable } from './link/linkable';
export { explainInfeasibility } from './link/infeasibility';
