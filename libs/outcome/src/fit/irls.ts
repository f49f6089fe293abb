import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { OutcomeInputError } from '../outcome-input-error';

/** The design of a logistic fit: row-major features (no intercept column) and 0/1 outcomes. */
export interface LogisticData {
  /** rows × p, row-major. */
  x: Float64Array;
  y: Uint8Array;
  rows: number;
  p: number;
}

/** A fitted regularised logistic regression; `beta[0]` is the intercept. */
export interface LogisticFit {
  beta: Float64Array;
  /** Inverse of the penalised Hessian at the optimum, (p + 1)², row-major; standard errors are the roots of its diagonal. */
  covariance: Float64Array | null;
  iterations: number;
  converged: boolean;
  /** -2 × log-likelihood (unpenalised) at the optimum, over the rows used (weighted). */
  deviance: number;
}

export interface FitOptions {
  /** Ridge penalty λ on every coefficient but the intercept: maximises ℓ(β) − λ/2 Σ β_j². */
  l2: number;
  /** Only these rows (e.g. the training folds); all when absent. */
  rowsUsed?: Int32Array;
  /** A weight per row (e.g. bootstrap counts); 1 when absent. */
  weights?: Float64Array;
  /** Start from these coefficients (a warm start, e.g. the full fit for a bootstrap replicate). */
  start?: Float64Array;
  maxIterations?: number;
  /** Converged when no coefficient moves more than this in a Newton step. */
  tolerance?: number;
  /** Also return the covariance (one more p × p inversion). */
  covariance?: boolean;
  /**
   * Newton steps with this fixed inverse Hessian ((p + 1)², row-major) instead of one accumulated
   * anew each pass: for refits of nearly the same data (bootstrap replicates, cross-validation
   * folds) from the full fit, whose Hessian differs from theirs by O(1/√n), so the steps still
   * converge in a few passes, and each pass costs p multiply-adds a row instead of p(p+1)/2.
   */
  inverseHessian?: Float64Array;
}

/**
 * Regularised logistic regression by Newton's method (iteratively reweighted least squares),
 * with step halving should the penalised likelihood ever fall.
 *
 * Each iteration is one pass over the rows that accumulates the gradient and the lower triangle
 * of XᵀWX (p(p+1)/2 multiply-adds a row) straight from the row-major design; the (p+1)-square
 * system is then solved with ml-matrix's Cholesky decomposition. The pass is written out rather
 * than built from ml-matrix products because a 100,000-row Matrix is an array of row arrays, and
 * `transpose().mmul()` would copy the design and ignore both the weights and the symmetry: the
 * hand-written pass is what keeps a fit of 100,000 adults within seconds (`npm run bench -- outcome`).
 */
export function fitLogistic(data: LogisticData, options: FitOptions): LogisticFit {
  const { x, y, p } = data;
  const q = p + 1;
  const l2 = options.l2;
  if (!(l2 >= 0)) throw new OutcomeInputError('l2', 'min', 'the ridge penalty must be >= 0');
  const rows = options.rowsUsed ?? null;
  const count = rows ? rows.length : data.rows;
  if (count === 0) throw new OutcomeInputError('rows', 'notEmpty', 'no rows to fit');
  const weights = options.weights ?? null;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const beta = options.start ? Float64Array.from(options.start) : new Float64Array(q);
  const h = new Float64Array(q * q);
  const g = new Float64Array(q);
  let previous = -Infinity;
  let step: Float64Array | null = null;
  let iterations = 0;
  let converged = false;
  let logLik = 0;

  /** One pass at `beta`: gradient, Hessian (lower triangle) and log-likelihood. */
  const fixed = options.inverseHessian ?? null;
  const pass = (): number => {
    h.fill(0);
    g.fill(0);
    let ll = 0;
    for (let k = 0; k < count; k++) {
      const i = rows ? rows[k] : k;
      const wi = weights ? weights[i] : 1;
      if (wi === 0) continue;
      const o = i * p;
      let eta = beta[0];
      for (let j = 0; j < p; j++) eta += beta[j + 1] * x[o + j];
      const yi = y[i];
      // σ(η) and log(1 + e^η) from one exponential, without overflow.
      const e = Math.exp(-Math.abs(eta));
      const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      ll += wi * (yi * eta - (eta > 0 ? eta : 0) - Math.log1p(e));
      const r = wi * (yi - mu);
      const w = wi * mu * (1 - mu);
      g[0] += r;
      if (fixed) {
        for (let a = 0; a < p; a++) g[a + 1] += r * x[o + a];
        continue;
      }
      h[0] += w;
      for (let a = 0; a < p; a++) {
        const xa = x[o + a];
        const wa = w * xa;
        g[a + 1] += r * xa;
        const row = (a + 1) * q;
        h[row] += wa;
        for (let b = 0; b <= a; b++) h[row + b + 1] += wa * x[o + b];
      }
    }
    for (let j = 1; j < q; j++) {
      h[j * q + j] += l2;
      g[j] -= l2 * beta[j];
      ll -= (l2 / 2) * beta[j] * beta[j];
    }
    return ll;
  };

  const solve = (): Float64Array => {
    if (fixed) {
      const step = new Float64Array(q);
      for (let a = 0; a < q; a++) {
        let v = 0;
        for (let b = 0; b < q; b++) v += fixed[a * q + b] * g[b];
        step[a] = v;
      }
      return step;
    }
    const m = new Matrix(q, q);
    for (let a = 0; a < q; a++) for (let b = 0; b <= a; b++) m.set(a, b, h[a * q + b]).set(b, a, h[a * q + b]);
    const chol = new CholeskyDecomposition(m);
    if (!chol.isPositiveDefinite()) throw new OutcomeInputError('features', 'identifiable', 'the features are collinear or constant and the ridge penalty is 0: raise --l2 or drop a feature');
    return Float64Array.from(chol.solve(Matrix.columnVector(Array.from(g))).getColumn(0));
  };

  while (iterations < maxIterations) {
    iterations++;
    logLik = pass();
    if (step && logLik < previous - 1e-9 * Math.abs(previous)) {
      // The last step overshot: go back half of it and look again.
      for (let j = 0; j < q; j++) {
        step[j] /= 2;
        beta[j] -= step[j];
      }
      if (Math.max(...step.map(Math.abs)) < tolerance) {
        converged = true;
        break;
      }
      continue;
    }
    previous = logLik;
    step = solve();
    let largest = 0;
    for (let j = 0; j < q; j++) {
      beta[j] += step[j];
      largest = Math.max(largest, Math.abs(step[j]));
    }
    if (!Number.isFinite(largest)) throw new OutcomeInputError('rows', 'separable', 'the fit diverged (the outcome is perfectly separated by the features): raise --l2');
    if (largest < tolerance) {
      converged = true;
      break;
    }
  }

  let covariance: Float64Array | null = null;
  if (options.covariance) {
    logLik = pass();
    const m = new Matrix(q, q);
    for (let a = 0; a < q; a++) for (let b = 0; b <= a; b++) m.set(a, b, h[a * q + b]).set(b, a, h[a * q + b]);
    covariance = Float64Array.from(new CholeskyDecomposition(m).solve(Matrix.eye(q, q)).to1DArray());
  }
  let penalty = 0;
  for (let j = 1; j < q; j++) penalty += (l2 / 2) * beta[j] * beta[j];
  return { beta, covariance, iterations, converged, deviance: -2 * (logLik + penalty) };
}

/** σ(β₀ + Σ β_j x_ij) for row `i` of a row-major design. */
export function predictRow(beta: Float64Array, x: Float64Array, p: number, i: number): number {
  let eta = beta[0];
  const o = i * p;
  for (let j = 0; j < p; j++) eta += beta[j + 1] * x[o + j];
  return 1 / (1 + Math.exp(-eta));
}
