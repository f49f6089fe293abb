/**
 * @kansrijk/outcome: expected employment from historical placements, done so evaluators can
 * trust it: engineered features of the profile and the place, a ridge-regularised logistic
 * regression whose prediction is a sum of per-feature contributions, its honesty report
 * (cross-validated AUC, Brier score, calibration overall and per group, the proxy audit) and a
 * bootstrap for confidence intervals. Pure TypeScript: data, time and seeds come in as arguments.
 * R17: no protected attribute is ever an input; monitoring attributes are read for evaluation only.
 */
export { OutcomeInputError } from './outcome-input-error';
export type { OutcomeProfile, OutcomeLocation, OutcomeCase, MonitoringAttributes } from './features/outcome-input';
export { FEATURES, DEFAULT_FEATURES, featureDefinition, type FeatureDefinition } from './features/feature-catalogue';
export { PROTECTED_ATTRIBUTES, protectedAttributeIn, refuseProtectedFeatures } from './features/protected-attributes';
export { readCase, readProfile, readLocation, type RawCase } from './features/raw-case';
export { compileTerms, designMatrix, type Term } from './features/terms';
export { fitLogistic, predictRow, type LogisticData, type LogisticFit, type FitOptions } from './fit/irls';
export { auc, classificationMetrics, type ClassificationMetrics, type CalibrationBin } from './metrics/classification-metrics';
export { ageBand, groupMetrics, GROUP_DIMENSIONS, type GroupDimension, type GroupMetrics, type GroupGap } from './metrics/group-metrics';
export { proxyAudit, AUDITED_ATTRIBUTES, type AuditedAttribute, type ProxyAudit, type ProxyAttributeResult, type ProxyGroupResult } from './audit/proxy-audit';
export type { HistoryRecord } from './model/history-record';
export { OUTCOME_MODEL_FORMAT, OUTCOME_MODEL_FORMAT_VERSION, type OutcomeModelFile, type ModelTerm, type HonestyReport, type TrainingSummary } from './model/outcome-model';
export { outcomeModelVersion } from './model/model-version';
export { fitOutcomeModel, type FitOutcomeOptions } from './model/fit-outcome-model';
export { DEFAULT_GROUND_TRUTH, validateGroundTruth, type GroundTruth } from './synthetic/ground-truth';
export { generateHistory, PROXY_FEATURES, SYNTHETIC_ORIGINS, type PlantedProxy, type SyntheticHistory, type SyntheticMunicipality } from './synthetic/generate-history';
export { mulberry32, foldAssignment } from './util/random';
export { parseOutcomeModel } from './model/parse-outcome-model';
export { compileOutcomeModel, predictOutcome, probabilityOf, termValues, type CompiledOutcomeModel } from './model/compiled-model';
export { explainHousehold, type HouseholdOutlook, type OutcomeContribution } from './model/explain-household';
export {
  expectedEmployment,
  compareExpectedEmployment,
  MIN_REPORTED_GROUP,
  type ExpectedEmployment,
  type ExpectedCount,
  type GroupExpectedCount,
  type CohortHouseholdForOutcome,
} from './model/expected-employment';
export { outcomeLocation, bestTension, nearestTieKm } from './features/outcome-location';
export { prepareHouseholdOutlook, type PreparedHouseholdOutlook } from './model/household-outlook';
