import type { ProxyAudit } from '../audit/proxy-audit';
import type { ClassificationMetrics } from '../metrics/classification-metrics';
import type { GroupGap, GroupMetrics } from '../metrics/group-metrics';

export const OUTCOME_MODEL_FORMAT = 'kansrijk.outcome-model';
export const OUTCOME_MODEL_FORMAT_VERSION = 1;

/** One term of the model with its fitted coefficient (log-odds per unit) and what it is. */
export interface ModelTerm {
  name: string;
  coefficient: number;
  standardError: number;
  /** Mean of the term over the training rows: contributions are measured from it. */
  mean: number;
}

/** What the fit says about itself (issue: "honesty of the fit"), stored with the model and printed by `model:fit`. */
export interface HonestyReport {
  folds: number;
  /** Cross-validated (out-of-fold) metrics over every row. */
  overall: ClassificationMetrics;
  groups: GroupMetrics[];
  gaps: GroupGap[];
  /** The largest calibration gap between two groups of one dimension, or null (fewer than two groups anywhere). */
  largestGroupGap: GroupGap | null;
  minGroupSize: number;
  proxyAudit: ProxyAudit;
}

/** Who the model learnt from. */
export interface TrainingSummary {
  rows: number;
  positives: number;
  /** Rows of the history without the target outcome (not used). */
  skippedMissingOutcome: number;
  /** sha256 of the history file as given (the caller hashes it). */
  dataHash: string;
  /** True when any row of the history is marked synthetic: then the model says nothing about real people. */
  synthetic: boolean;
  linkedFrom: string | null;
  linkedTo: string | null;
  iterations: number;
  converged: boolean;
  deviance: number;
  /** Where labour-demand figures came from when a row had none (the caller's words). */
  notes: string[];
  /** Seconds the fit took, measured by the caller (not part of the version). */
  fitSeconds?: number;
}

/**
 * A versioned outcome model as stored in its JSON file: P(employed within 24 months of the link |
 * adult, municipality) = σ(intercept + Σ coefficient × term). `version` is
 * `${name}@${12 hex digits}` of the features, coefficients, penalty and bootstrap, so the same
 * model always has the same version and any change to them a new one (R18).
 */
export interface OutcomeModelFile {
  format: typeof OUTCOME_MODEL_FORMAT;
  formatVersion: typeof OUTCOME_MODEL_FORMAT_VERSION;
  version: string;
  name: string;
  createdAt: string;
  target: 'employed24' | 'employed12';
  modelKind: 'regularised logistic regression (IRLS)';
  l2: number;
  intercept: number;
  interceptStandardError: number;
  terms: ModelTerm[];
  training: TrainingSummary;
  metrics: HonestyReport;
  /** Coefficient vectors of a nonparametric bootstrap over the fit ([intercept, ...terms] each), for confidence intervals. */
  bootstrap: { replicates: number; seed: number; coefficients: number[][]; /** Newton iterations of all replicates together. */ iterations?: number };
}
