import { auc, DEFAULT_GROUND_TRUTH, fitOutcomeModel, generateHistory } from '..';
import { TEST_MUNICIPALITIES } from '../../test/fixtures';

/**
 * The fit against a stated ground truth (issue: "a synthetic history with a known truth"):
 * 60,000 synthetic adults drawn from DEFAULT_GROUND_TRUTH, fitted with the default features.
 */
describe('fitOutcomeModel on a synthetic history with a known truth', () => {
  const history = generateHistory({ rows: 60_000, seed: 20260101, municipalities: TEST_MUNICIPALITIES });
  const model = fitOutcomeModel(history.records, { name: 'recovery', createdAt: '2026-01-01T00:00:00Z', dataHash: 'test', bootstrap: 0, seed: 3 });
  const known = history.records.map((r, i) => i).filter((i) => history.records[i].employed24 !== null);

  it('recovers every true coefficient within 4 standard errors, and the standard errors are small enough for that to mean something', () => {
    const off = [{ name: 'intercept', coefficient: model.intercept, standardError: model.interceptStandardError }, ...model.terms]
      .map((t) => ({ ...t, truth: t.name === 'intercept' ? DEFAULT_GROUND_TRUTH.intercept : DEFAULT_GROUND_TRUTH.coefficients[t.name] }))
      .filter((t) => Math.abs(t.coefficient - t.truth) > 4 * t.standardError || t.standardError > 0.4);
    expect(off).toEqual([]);
    expect(model.terms.map((t) => t.name).sort()).toEqual(Object.keys(DEFAULT_GROUND_TRUTH.coefficients).sort());
    expect(model.training.converged).toBe(true);
  });

  it('reaches a cross-validated AUC within 0.01 of the true model on the same rows', () => {
    const trueAuc = auc(
      known.map((i) => history.trueProbability24[i]),
      known.map((i) => history.records[i].employed24!),
    )!;
    expect(trueAuc).toBeGreaterThan(0.65); // a truth with signal, or the comparison says little
    expect(Math.abs(model.metrics.overall.auc! - trueAuc)).toBeLessThanOrEqual(0.01);
  });

  it('is calibrated within 0.02 in every decile (out of fold)', () => {
    expect(model.metrics.overall.calibration).toHaveLength(10);
    for (const bin of model.metrics.overall.calibration) expect(Math.abs(bin.meanPredicted - bin.observed)).toBeLessThanOrEqual(0.02);
  });

  it('reports per group of gender, age band and origin, with the largest gap between groups', () => {
    const dims = new Set(model.metrics.groups.map((g) => g.dimension));
    expect([...dims].sort()).toEqual(['ageBand', 'gender', 'origin']);
    expect(model.metrics.groups.find((g) => g.dimension === 'origin' && g.group === 'SY')!.metrics.rows).toBeGreaterThan(10_000);
    // No group effect in this truth: the fair model is calibrated for every group.
    expect(model.metrics.largestGroupGap!.difference).toBeLessThan(0.05);
    expect(model.training.synthetic).toBe(true);
    expect(model.training.skippedMissingOutcome).toBe(history.records.length - known.length);
  });

  it('shows a calibration gap when the truth has an effect of origin that no input carries', () => {
    const biased = generateHistory({
      rows: 20_000,
      seed: 5,
      municipalities: TEST_MUNICIPALITIES,
      truth: { ...DEFAULT_GROUND_TRUTH, groupEffects: { origin: { ER: -1 } } },
    });
    const m = fitOutcomeModel(biased.records, { name: 'gap', createdAt: 'x', dataHash: 'x', bootstrap: 0 });
    const er = m.metrics.groups.find((g) => g.dimension === 'origin' && g.group === 'ER')!;
    expect(er.calibrationGap).toBeLessThan(-0.08); // the model over-predicts ER: it cannot see the effect
    expect(m.metrics.largestGroupGap).toMatchObject({ dimension: 'origin', over: { group: 'ER' } });
  });
});
