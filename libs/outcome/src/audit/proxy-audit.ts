import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { auc } from '../metrics/classification-metrics';

/** The monitoring attributes the audit tries to predict (R17). */
export type AuditedAttribute = 'gender' | 'countryOfBirth' | 'nationality';
export const AUDITED_ATTRIBUTES: readonly AuditedAttribute[] = ['gender', 'countryOfBirth', 'nationality'];

/** How well one group of an attribute can be told apart from the rest by the model's inputs. */
export interface ProxyGroupResult {
  group: string;
  rows: number;
  /** Cross-validated AUC of the classifier, this group against the rest. */
  auc: number | null;
  /** The inputs that carry most of it (standardised discriminant weight, largest first). */
  topFeatures: { feature: string; weight: number }[];
}

/** The audit of one monitoring attribute. */
export interface ProxyAttributeResult {
  attribute: AuditedAttribute;
  /** Rows with the attribute known. */
  rows: number;
  groups: ProxyGroupResult[];
  /** The highest group AUC: how well the inputs single out some group of this attribute. */
  auc: number | null;
  /** auc ≥ threshold: some input, or combination of inputs, stands in for this attribute. */
  flagged: boolean;
  /** Why not audited (no values, a single group), else null. */
  skipped: string | null;
}

export interface ProxyAudit {
  classifier: string;
  folds: number;
  threshold: number;
  attributes: ProxyAttributeResult[];
  /** Attributes flagged, e.g. ["countryOfBirth"]. */
  flagged: AuditedAttribute[];
}

/**
 * The proxy audit (R17): how well each monitoring attribute can be predicted from the model's
 * inputs. Per attribute, each group with at least `minGroupSize` rows is told apart from the rest
 * by linear discriminant analysis (pooled covariance, shrunk 1% towards its diagonal), and the
 * AUC of its scores on the rows left out is the measure: 0.5 = the inputs say nothing about the
 * group, 1 = they single it out. LDA needs only sums and cross-products, so the k folds cost one
 * pass over the data plus a p × p solve each, however many groups. An attribute is flagged when
 * some group's AUC reaches `threshold`.
 */
export function proxyAudit(args: {
  x: Float64Array;
  p: number;
  rows: number;
  featureNames: readonly string[];
  attributeOf: (attribute: AuditedAttribute, row: number) => string | null;
  fold: Int32Array;
  folds: number;
  minGroupSize: number;
  threshold: number;
}): ProxyAudit {
  const { x, p, rows, fold, folds } = args;
  // Per fold: row count, Σx and Σxxᵀ (lower triangle) over every row; an attribute's known rows are summed apart below.
  const attributes: ProxyAttributeResult[] = [];
  for (const attribute of AUDITED_ATTRIBUTES) {
    const label: (string | null)[] = new Array(rows);
    const counts = new Map<string, number>();
    for (let i = 0; i < rows; i++) {
      const v = args.attributeOf(attribute, i);
      label[i] = v === null || v === undefined || v === '' ? null : v;
      if (label[i] !== null) counts.set(label[i]!, (counts.get(label[i]!) ?? 0) + 1);
    }
    let knownCount = 0;
    for (let i = 0; i < rows; i++) if (label[i] !== null) knownCount++;
    const known = new Int32Array(knownCount);
    for (let i = 0, k = 0; i < rows; i++) if (label[i] !== null) known[k++] = i;
    const audited = [...counts].filter(([, c]) => c >= args.minGroupSize && knownCount - c >= args.minGroupSize).map(([g]) => g).sort();
    if (knownCount === 0 || audited.length === 0) {
      attributes.push({ attribute, rows: knownCount, groups: [], auc: null, flagged: false, skipped: knownCount === 0 ? 'no values in the history' : `no group of at least ${args.minGroupSize} rows against the rest` });
      continue;
    }
    // Sufficient statistics per fold over the known rows.
    const n = new Float64Array(folds);
    const s1 = Array.from({ length: folds }, () => new Float64Array(p));
    const s2 = Array.from({ length: folds }, () => new Float64Array(p * p));
    accumulate(x, p, known, fold, n, s1, s2);
    // The known rows of each fold, to score a fold without passing over the others.
    const foldRows = Array.from({ length: folds }, (_, f) => new Int32Array(n[f]));
    const filled = new Int32Array(folds);
    for (let r = 0; r < knownCount; r++) {
      const f = fold[known[r]];
      foldRows[f][filled[f]++] = known[r];
    }
    const groupIndex = new Map(audited.map((g, k) => [g, k]));
    const gn = Array.from({ length: folds }, () => new Float64Array(audited.length));
    const gs1 = Array.from({ length: folds }, () => audited.map(() => new Float64Array(p)));
    const groupOfRow = new Int32Array(rows).fill(-1);
    for (let r = 0; r < knownCount; r++) {
      const i = known[r];
      const k = groupIndex.get(label[i]!);
      if (k === undefined) continue;
      groupOfRow[i] = k;
      const f = fold[i];
      gn[f][k]++;
      const o = i * p;
      const t = gs1[f][k];
      for (let a = 0; a < p; a++) t[a] += x[o + a];
    }
    // Standard deviations over all known rows, to rank the features by standardised weight.
    let total = 0;
    const t1 = new Float64Array(p);
    const t2 = new Float64Array(p * p);
    for (let f = 0; f < folds; f++) {
      total += n[f];
      for (let a = 0; a < p; a++) t1[a] += s1[f][a];
      for (let j = 0; j < p * p; j++) t2[j] += s2[f][j];
    }
    const sd = Float64Array.from({ length: p }, (_, a) => Math.sqrt(Math.max(0, t2[a * p + a] / total - (t1[a] / total) ** 2)));
    const groups: ProxyGroupResult[] = [];
    const scores = new Float64Array(rows);
    const isGroup = new Uint8Array(rows);
    for (const [k, group] of audited.entries()) {
      for (let r = 0; r < knownCount; r++) isGroup[known[r]] = groupOfRow[known[r]] === k ? 1 : 0;
      const weightSum = new Float64Array(p);
      for (let f = 0; f < folds; f++) {
        // Training = every fold but f.
        let nT = 0;
        let nG = 0;
        const S1 = new Float64Array(p);
        const G1 = new Float64Array(p);
        const S2 = new Float64Array(p * p);
        for (let h = 0; h < folds; h++) {
          if (h === f) continue;
          nT += n[h];
          nG += gn[h][k];
          for (let a = 0; a < p; a++) {
            S1[a] += s1[h][a];
            G1[a] += gs1[h][k][a];
          }
          for (let j = 0; j < p * p; j++) S2[j] += s2[h][j];
        }
        const nR = nT - nG;
        // A fold whose training rows hold (almost) none of the group scores its rows alike.
        const d = nG < 2 || nR < 2 ? new Float64Array(p) : discriminant({ p, nT, nG, nR, S1, G1, S2 });
        for (let a = 0; a < p; a++) weightSum[a] += d[a];
        scoreRows(x, p, foldRows[f], d, scores);
      }
      const groupAuc = auc(scores, isGroup, known);
      const weights = args.featureNames.map((feature, a) => ({ feature, weight: (weightSum[a] / folds) * sd[a] }));
      const norm = Math.sqrt(weights.reduce((s, w) => s + w.weight * w.weight, 0)) || 1;
      const topFeatures = weights
        .map((w) => ({ feature: w.feature, weight: w.weight / norm }))
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
        .slice(0, 3);
      groups.push({ group, rows: counts.get(group)!, auc: groupAuc, topFeatures });
    }
    const best = groups.reduce<number | null>((m, g) => (g.auc === null ? m : m === null ? g.auc : Math.max(m, g.auc)), null);
    attributes.push({ attribute, rows: knownCount, groups, auc: best, flagged: best !== null && best >= args.threshold, skipped: null });
  }
  return {
    classifier: 'linear discriminant analysis, one group against the rest, pooled covariance shrunk 1% towards its diagonal',
    folds,
    threshold: args.threshold,
    attributes,
    flagged: attributes.filter((a) => a.flagged).map((a) => a.attribute),
  };
}

/** Per fold: row count, Σx and the lower triangle of Σxxᵀ over `rows` (a function of its own, so V8 optimises the loop alone). */
function accumulate(x: Float64Array, p: number, rows: Int32Array, fold: Int32Array, n: Float64Array, s1: Float64Array[], s2: Float64Array[]): void {
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const f = fold[i];
    n[f]++;
    const o = i * p;
    const a1 = s1[f];
    const a2 = s2[f];
    for (let a = 0; a < p; a++) {
      const xa = x[o + a];
      a1[a] += xa;
      const row = a * p;
      for (let b = 0; b <= a; b++) a2[row + b] += xa * x[o + b];
    }
  }
}

/** The discriminant score d·x of every row of `rows`, into `scores`. */
function scoreRows(x: Float64Array, p: number, rows: Int32Array, d: Float64Array, scores: Float64Array): void {
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    let s = 0;
    const o = i * p;
    for (let a = 0; a < p; a++) s += d[a] * x[o + a];
    scores[i] = s;
  }
}

/** Σ⁻¹ (μ_group − μ_rest), Σ the pooled within-class covariance of the training rows (lower triangle in S2). */
function discriminant(a: { p: number; nT: number; nG: number; nR: number; S1: Float64Array; G1: Float64Array; S2: Float64Array }): Float64Array {
  const { p, nT, nG, nR, S1, G1, S2 } = a;
  const muG = Float64Array.from(G1, (v) => v / nG);
  const muR = Float64Array.from({ length: p }, (_, i) => (S1[i] - G1[i]) / nR);
  const m = new Matrix(p, p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      const w = (S2[i * p + j] - nG * muG[i] * muG[j] - nR * muR[i] * muR[j]) / (nT - 2);
      m.set(i, j, w).set(j, i, w);
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) if (i !== j) m.set(i, j, 0.99 * m.get(i, j));
    m.set(i, i, m.get(i, i) + 1e-9); // a constant feature must not make Σ singular
  }
  const diff = Matrix.columnVector(Array.from({ length: p }, (_, i) => muG[i] - muR[i]));
  return Float64Array.from(new CholeskyDecomposition(m).solve(diff).getColumn(0));
}
