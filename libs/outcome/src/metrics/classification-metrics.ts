/** One bin of a calibration table: mean predicted against observed share. */
export interface CalibrationBin {
  bin: number;
  rows: number;
  meanPredicted: number;
  observed: number;
}

/** AUC, Brier score and a calibration table of scores against 0/1 outcomes. */
export interface ClassificationMetrics {
  rows: number;
  positives: number;
  /** Area under the ROC curve (ties count half); null when only one class is present. */
  auc: number | null;
  /** Mean squared error of the predicted probabilities. */
  brier: number;
  meanPredicted: number;
  observed: number;
  /** Predicted against observed in bins of equal size by predicted probability (deciles by default). */
  calibration: CalibrationBin[];
  /** Largest |mean predicted − observed| over the bins. */
  maxCalibrationError: number;
}

/**
 * The area under the ROC curve of `scores` for outcomes `y` (over the rows in `index`, all when
 * absent): the chance that a random positive scores above a random negative, ties counting half
 * (Mann-Whitney). The positives' and the negatives' scores are sorted apart (typed-array sorts,
 * no comparator: the proxy audit calls this for every group) and merged in one pass.
 */
export function auc(scores: ArrayLike<number>, y: ArrayLike<number>, index?: ArrayLike<number>): number | null {
  const n = index ? index.length : scores.length;
  let positives = 0;
  for (let k = 0; k < n; k++) positives += y[index ? index[k] : k] === 1 ? 1 : 0;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let k = 0, a = 0, b = 0; k < n; k++) {
    const i = index ? index[k] : k;
    if (y[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  // For each positive: negatives strictly below it count 1, equal ones 1/2.
  let wins = 0;
  let below = 0;
  let upTo = 0;
  for (let a = 0; a < positives; a++) {
    const s = pos[a];
    while (below < negatives && neg[below] < s) below++;
    if (upTo < below) upTo = below;
    while (upTo < negatives && neg[upTo] === s) upTo++;
    wins += below + (upTo - below) / 2;
  }
  return wins / (positives * negatives);
}

/**
 * AUC, Brier score and calibration of predicted probabilities `p` for outcomes `y`, over the
 * rows in `index` (all when absent). The calibration table sorts the rows by prediction and
 * cuts them into `bins` groups of (nearly) equal size.
 */
export function classificationMetrics(p: ArrayLike<number>, y: ArrayLike<number>, index?: ArrayLike<number>, bins = 10): ClassificationMetrics {
  const n = index ? index.length : p.length;
  const at = (k: number) => (index ? index[k] : k);
  let brier = 0;
  let sumP = 0;
  let positives = 0;
  for (let k = 0; k < n; k++) {
    const i = at(k);
    const d = p[i] - y[i];
    brier += d * d;
    sumP += p[i];
    positives += y[i];
  }
  const order = Int32Array.from({ length: n }, (_, k) => at(k));
  order.sort((a, b) => p[a] - p[b]);
  const calibration: CalibrationBin[] = [];
  let maxCalibrationError = 0;
  const binCount = Math.min(bins, n);
  for (let b = 0; b < binCount; b++) {
    const from = Math.floor((b * n) / binCount);
    const to = Math.floor(((b + 1) * n) / binCount);
    let sp = 0;
    let sy = 0;
    for (let k = from; k < to; k++) {
      sp += p[order[k]];
      sy += y[order[k]];
    }
    const rows = to - from;
    const bin = { bin: b + 1, rows, meanPredicted: sp / rows, observed: sy / rows };
    maxCalibrationError = Math.max(maxCalibrationError, Math.abs(bin.meanPredicted - bin.observed));
    calibration.push(bin);
  }
  return {
    rows: n,
    positives,
    auc: auc(p, y, index),
    brier: n ? brier / n : 0,
    meanPredicted: n ? sumP / n : 0,
    observed: n ? positives / n : 0,
    calibration,
    maxCalibrationError,
  };
}
