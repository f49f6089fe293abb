import { compileOutcomeModel, DEFAULT_FEATURES, explainHousehold, fitOutcomeModel, generateHistory, OutcomeInputError, parseOutcomeModel, predictOutcome, readCase } from '..';
import { TEST_MUNICIPALITIES } from '../../test/fixtures';

describe('the model file', () => {
  const h = generateHistory({ rows: 5_000, seed: 4, municipalities: TEST_MUNICIPALITIES });
  const file = fitOutcomeModel(h.records, { name: 'file-test', createdAt: '2026-01-01T00:00:00Z', dataHash: 'abc', bootstrap: 10, seed: 2 });

  it('holds features, coefficients, training summary, metrics, data hash and a version derived from the content', () => {
    expect(file.version).toMatch(/^file-test@[0-9a-f]{12}$/);
    expect(file.terms.map((t) => t.name)).toEqual([...DEFAULT_FEATURES]);
    expect(file.training).toMatchObject({ dataHash: 'abc', synthetic: true, rows: expect.any(Number) });
    expect(file.metrics.folds).toBe(5);
    expect(file.bootstrap.coefficients).toHaveLength(10);
    const again = parseOutcomeModel(JSON.stringify(file));
    expect(again).toEqual(JSON.parse(JSON.stringify(file)));
    expect(fitOutcomeModel(h.records, { name: 'file-test', createdAt: 'later', dataHash: 'abc', bootstrap: 10, seed: 2 }).version).toBe(file.version);
  });

  it('refuses a file whose coefficients were changed after the fit, or that names a protected attribute, naming the field', () => {
    const edited = JSON.parse(JSON.stringify(file));
    edited.terms[0].coefficient += 0.1;
    expect(() => parseOutcomeModel(edited)).toThrow(/model\.version: does not match/);
    const sneaky = JSON.parse(JSON.stringify(file));
    sneaky.terms[0].name = 'gender';
    expect(() => parseOutcomeModel(sneaky)).toThrow(OutcomeInputError);
    expect(() => parseOutcomeModel(sneaky)).toThrow(/model\.terms\[0\]: R17/);
    expect(() => parseOutcomeModel('{')).toThrow(/model: not JSON/);
    expect(() => parseOutcomeModel({ ...file, format: 'x' })).toThrow(/model\.format/);
  });

  it('refuses a file whose summary is not what the API shows, naming the field (the version does not cover it)', () => {
    // Each case: where in the file, the value put there (undefined: removed), the field refused.
    const cases: [(string | number)[], unknown, string][] = [
      [['metrics'], -1, 'model.metrics'],
      [['createdAt'], undefined, 'model.createdAt'],
      [['createdAt'], { at: 1 }, 'model.createdAt'],
      // Found by the mutation fuzz: a null term was read before it was checked.
      [['terms', 0], null, 'model.terms[0]'],
      [['terms', 1, 'name'], 7, 'model.terms[1].name'],
      [['training', 'rows'], 2 ** 31, 'model.training.rows'],
      [['metrics', 'overall', 'brier'], 'x', 'model.metrics.overall.brier'],
      [['metrics', 'groups', 0, 'metrics'], null, 'model.metrics.groups[0].metrics'],
      [['metrics', 'proxyAudit', 'attributes', 0, 'groups', 0, 'topFeatures'], [1], 'model.metrics.proxyAudit.attributes[0].groups[0].topFeatures[0]'],
    ];
    for (const [path, value, field] of cases) {
      const f = JSON.parse(JSON.stringify(file)) as Record<string | number, unknown>;
      const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, f);
      if (value === undefined) delete parent[path[path.length - 1]];
      else parent[path[path.length - 1]] = value;
      expect(() => parseOutcomeModel(f)).toThrow(expect.objectContaining({ field }));
    }
  });

  it('predicts what the fit computed, and explains a household in Dutch and English with the biggest effects first', () => {
    const model = compileOutcomeModel(file);
    const p = predictOutcome(model, h.records[0]);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    const strong = readCase({ ...h.records[0], profile: { ...h.records[0].profile, dutchLevel: 'C1' } });
    const weak = readCase({ ...h.records[0], profile: { ...h.records[0].profile, dutchLevel: 'NONE' } });
    const outlook = explainHousehold(model, [strong, weak], 3);
    expect(outlook.adults).toBe(2);
    expect(outlook.expected).toBeCloseTo(outlook.probabilities[0] + outlook.probabilities[1], 12);
    expect(outlook.share).toBeCloseTo(outlook.expected / 2, 12);
    expect(outlook.contributions).toHaveLength(3);
    const effects = outlook.contributions.map((c) => Math.abs(c.effect));
    expect([...effects].sort((a, b) => b - a)).toEqual(effects);
    const one = explainHousehold(model, [strong], 30).contributions.find((c) => c.term === 'dutch')!;
    expect(one.effect).toBeGreaterThan(0); // C1 Dutch raises the chance above the average adult's
    expect(one.reasonEn).toContain('Dutch at C1');
    expect(one.reasonNl).toContain('Nederlands op C1');
    expect(explainHousehold(model, [weak], 30).contributions.find((c) => c.term === 'dutch')!.effect).toBeLessThan(0);
  });
});
