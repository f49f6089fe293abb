import { auc, classificationMetrics, fitLogistic, type LogisticData } from '..';

describe('auc', () => {
  it.each([
    [[0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1],
    [[0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0],
    [[0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1], 0.5],
    [[0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75],
    [[0.3, 0.3, 0.6, 0.3], [0, 1, 1, 0], 0.75], // one tie between a positive and two negatives
  ])('%j with %j gives %d', (scores, y, expected) => {
    expect(auc(scores, y)).toBeCloseTo(expected, 12);
  });

  it('is null with one class only, and reads only the rows of an index', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNull();
    expect(auc([0.9, 0.1, 0.2, 0.8], [0, 0, 1, 1], [1, 2, 3])).toBe(1);
  });
});

describe('classificationMetrics', () => {
  it('cuts deciles of equal size by prediction and compares them with what happened', () => {
    const p = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
    const y = p.map((_, i) => (i % 10 < Math.floor(i / 10) ? 1 : 0)); // decile d has d positives of 10
    const m = classificationMetrics(p, y);
    expect(m.calibration.map((b) => b.rows)).toEqual(new Array(10).fill(10));
    expect(m.calibration.map((b) => b.observed)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(m.calibration[0].meanPredicted).toBeCloseTo(0.05, 12);
    expect(m.maxCalibrationError).toBeCloseTo(0.05, 12);
    expect(m.brier).toBeCloseTo(p.reduce((s, x, i) => s + (x - y[i]) ** 2, 0) / 100, 12);
  });
});

describe('fitLogistic', () => {
  it('stops where the penalised gradient is zero, and a larger penalty shrinks the coefficients', () => {
    let seed = 1;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const rows = 3000;
    const p = 3;
    const x = new Float64Array(rows * p).map(() => next() * 2 - 1);
    const y = Uint8Array.from({ length: rows }, (_, i) => (next() < 1 / (1 + Math.exp(-(0.3 + 1.5 * x[i * p] - x[i * p + 1])))) ? 1 : 0);
    const data: LogisticData = { x, y, rows, p };
    for (const l2 of [0, 1, 100]) {
      const fit = fitLogistic(data, { l2, covariance: true });
      expect(fit.converged).toBe(true);
      const g = new Float64Array(p + 1);
      for (let i = 0; i < rows; i++) {
        let eta = fit.beta[0];
        for (let j = 0; j < p; j++) eta += fit.beta[j + 1] * x[i * p + j];
        const r = y[i] - 1 / (1 + Math.exp(-eta));
        g[0] += r;
        for (let j = 0; j < p; j++) g[j + 1] += r * x[i * p + j];
      }
      for (let j = 1; j <= p; j++) g[j] -= l2 * fit.beta[j];
      for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-6);
    }
    const loose = fitLogistic(data, { l2: 0 });
    const tight = fitLogistic(data, { l2: 1000 });
    expect(Math.abs(tight.beta[1])).toBeLessThan(Math.abs(loose.beta[1]));
    expect(loose.beta[1]).toBeGreaterThan(1.2);
  });
});
