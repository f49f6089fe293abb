import { proxyAudit, type AuditedAttribute } from '../audit/proxy-audit';
import { DEFAULT_FEATURES } from '../features/feature-catalogue';
import { readCase, type RawCase } from '../features/raw-case';
import { compileTerms, designMatrix } from '../features/terms';
import { fitLogistic, predictRow, type LogisticData } from '../fit/irls';
import { classificationMetrics } from '../metrics/classification-metrics';
import { ageBand, groupMetrics, type GroupDimension } from '../metrics/group-metrics';
import { OutcomeInputError } from '../outcome-input-error';
import { foldAssignment, mulberry32 } from '../util/random';
import type { HistoryRecord } from './history-record';
import { outcomeModelVersion } from './model-version';
import { OUTCOME_MODEL_FORMAT, OUTCOME_MODEL_FORMAT_VERSION, type OutcomeModelFile } from './outcome-model';

/** How to fit (every field but the name, the time and the data hash has a default). */
export interface FitOutcomeOptions {
  name: string;
  /** ISO time of the fit, given by the caller (the library has no clock). */
  createdAt: string;
  /** sha256 of the history as given, computed by the caller. */
  dataHash: string;
  /** Feature names (base features and `a*b` interactions); DEFAULT_FEATURES when absent. R17: refused if one names a protected attribute. */
  features?: readonly string[];
  target?: 'employed24' | 'employed12';
  /** Ridge penalty λ (default 1): shrinks every coefficient but the intercept by λ/2 Σβ². */
  l2?: number;
  /** Folds of the cross-validation (default 5). */
  folds?: number;
  /** Bootstrap replicates of the fit (default 50; 0 = none). */
  bootstrap?: number;
  seed?: number;
  /** Groups smaller than this are pooled as "other" in the report (default 100). */
  minGroupSize?: number;
  /** Proxy-audit AUC from which an attribute is flagged (default 0.7). */
  proxyThreshold?: number;
  /** Notes for the training summary (e.g. where missing labour-demand figures came from). */
  notes?: string[];
  /** Told the stage and its share done, for a progress bar. */
  onProgress?: (stage: 'design' | 'fit' | 'cross-validation' | 'proxy audit' | 'bootstrap', share: number) => void;
}

const MIN_ROWS = 50;

/** A row's group in one dimension (monitoring attributes and age band): evaluation only, R17. */
function groupOf(record: HistoryRecord, raw: RawCase, dimension: GroupDimension): string | null {
  if (dimension === 'ageBand') return ageBand(raw.age);
  if (dimension === 'gender') return record.monitoring?.gender ?? null;
  return record.monitoring?.countryOfBirth ?? record.monitoring?.nationality ?? null;
}

/**
 * Fits P(employed within 24 (or 12) months of the link) from a history of links: a ridge-
 * regularised logistic regression on the engineered features (`fitLogistic`), then its honesty
 * report: k-fold cross-validated AUC, Brier score and calibration by deciles, overall and per
 * group of gender, age band and origin, the largest calibration gap between groups, and the
 * proxy audit of every monitoring attribute; and a nonparametric bootstrap of the coefficients
 * for confidence intervals. Monitoring attributes are read only for the report (R17): the
 * coefficients do not depend on them at all (a test changes them and compares bit for bit).
 */
export function fitOutcomeModel(history: readonly HistoryRecord[], options: FitOutcomeOptions): OutcomeModelFile {
  const names = options.features ?? DEFAULT_FEATURES;
  const terms = compileTerms(names); // R17 refusal first, before any data is read
  const target = options.target ?? 'employed24';
  const l2 = options.l2 ?? 1;
  const folds = options.folds ?? 5;
  const replicates = options.bootstrap ?? 50;
  const seed = options.seed ?? 1;
  const minGroupSize = options.minGroupSize ?? 100;
  const threshold = options.proxyThreshold ?? 0.7;
  if (!/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(options.name ?? '')) throw new OutcomeInputError('name', 'matches', 'must be 1 to 63 letters, digits or . _ - (it becomes the version name@hash)');
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new OutcomeInputError('folds', 'range', 'must be a whole number from 2 to 20');
  if (!Number.isInteger(replicates) || replicates < 0 || replicates > 1000) throw new OutcomeInputError('bootstrap', 'range', 'must be a whole number from 0 to 1000');
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new OutcomeInputError('l2', 'min', 'must be a number >= 0');
  if (!(threshold > 0.5 && threshold <= 1)) throw new OutcomeInputError('proxyThreshold', 'range', 'must be above 0.5 and at most 1');
  const progress = options.onProgress ?? (() => undefined);

  // The rows with the target known; the others are counted and left out.
  const used: HistoryRecord[] = [];
  const raws: RawCase[] = [];
  let skipped = 0;
  let synthetic = false;
  let linkedFrom: string | null = null;
  let linkedTo: string | null = null;
  history.forEach((r, i) => {
    synthetic ||= r.synthetic === true;
    const outcome = r[target];
    if (outcome === null || outcome === undefined) {
      skipped++;
      return;
    }
    if (outcome !== 0 && outcome !== 1) throw new OutcomeInputError(`history[${i}].${target}`, 'binary', `must be 0, 1 or missing, got ${JSON.stringify(outcome)}`);
    raws.push(readCase(r, `history[${i}]`));
    used.push(r);
    if (linkedFrom === null || r.onDate < linkedFrom) linkedFrom = r.onDate;
    if (linkedTo === null || r.onDate > linkedTo) linkedTo = r.onDate;
  });
  const rows = used.length;
  if (rows < MIN_ROWS) throw new OutcomeInputError('history', 'minRows', `needs at least ${MIN_ROWS} rows with ${target} known, has ${rows}`);
  progress('design', 0);
  const p = terms.length;
  const data: LogisticData = { x: designMatrix(terms, raws), y: Uint8Array.from(used, (r) => r[target] as number), rows, p };
  let positives = 0;
  for (let i = 0; i < rows; i++) positives += data.y[i];
  if (positives === 0 || positives === rows) throw new OutcomeInputError(`history.${target}`, 'bothClasses', `every row has ${target} = ${positives ? 1 : 0}: nothing to learn`);

  progress('fit', 0);
  const full = fitLogistic(data, { l2, covariance: true });
  const q = p + 1;

  // k-fold cross-validation: each fold predicted by a fit on the others (warm-started from the
  // full fit, which changes the path to the optimum, not the optimum).
  const fold = foldAssignment(rows, folds, seed);
  const oof = new Float64Array(rows);
  const foldSize = new Int32Array(folds);
  for (let i = 0; i < rows; i++) foldSize[fold[i]]++;
  for (let f = 0; f < folds; f++) {
    progress('cross-validation', f / folds);
    const train = new Int32Array(rows - foldSize[f]);
    for (let i = 0, k = 0; i < rows; i++) if (fold[i] !== f) train[k++] = i;
    // The folds' Hessian is about (n − fold) / n of the full one.
    const scale = rows / train.length;
    const fit = fitLogistic(data, { l2, rowsUsed: train, start: full.beta, inverseHessian: full.covariance!.map((v) => v * scale) });
    for (let i = 0; i < rows; i++) if (fold[i] === f) oof[i] = predictRow(fit.beta, data.x, p, i);
  }
  const overall = classificationMetrics(oof, data.y);
  const byGroup = groupMetrics({ p: oof, y: data.y, rows, groupOf: (d, i) => groupOf(used[i], raws[i], d), minGroupSize });

  progress('proxy audit', 0);
  const audit = proxyAudit({
    x: data.x,
    p,
    rows,
    featureNames: terms.map((t) => t.name),
    attributeOf: (a: AuditedAttribute, i) => used[i].monitoring?.[a] ?? null,
    fold,
    folds,
    minGroupSize,
    threshold,
  });

  // Nonparametric bootstrap: each replicate refits on n rows drawn with replacement (as counts).
  const draw = mulberry32(seed ^ 0x5bd1e995);
  const counts = new Float64Array(rows);
  const coefficients: number[][] = [];
  let bootIterations = 0;
  for (let b = 0; b < replicates; b++) {
    progress('bootstrap', b / replicates);
    counts.fill(0);
    for (let k = 0; k < rows; k++) counts[Math.floor(draw() * rows)]++;
    const fit = fitLogistic(data, { l2, weights: counts, start: full.beta, inverseHessian: full.covariance! });
    bootIterations += fit.iterations;
    coefficients.push(Array.from(fit.beta));
  }

  const means = new Float64Array(p);
  for (let i = 0; i < rows; i++) for (let j = 0; j < p; j++) means[j] += data.x[i * p + j];
  const se = (j: number) => Math.sqrt(Math.max(0, full.covariance![j * q + j]));
  const model: Omit<OutcomeModelFile, 'version'> = {
    format: OUTCOME_MODEL_FORMAT,
    formatVersion: OUTCOME_MODEL_FORMAT_VERSION,
    name: options.name,
    createdAt: options.createdAt,
    target,
    modelKind: 'regularised logistic regression (IRLS)',
    l2,
    intercept: full.beta[0],
    interceptStandardError: se(0),
    terms: terms.map((t, j) => ({ name: t.name, coefficient: full.beta[j + 1], standardError: se(j + 1), mean: means[j] / rows })),
    training: {
      rows,
      positives,
      skippedMissingOutcome: skipped,
      dataHash: options.dataHash,
      synthetic,
      linkedFrom,
      linkedTo,
      iterations: full.iterations,
      converged: full.converged,
      deviance: full.deviance,
      notes: options.notes ?? [],
    },
    metrics: { folds, overall, groups: byGroup.groups, gaps: byGroup.gaps, largestGroupGap: byGroup.largestGap, minGroupSize, proxyAudit: audit },
    bootstrap: { replicates, seed, coefficients, iterations: bootIterations },
  };
  return { ...model, version: outcomeModelVersion(model) };
}
