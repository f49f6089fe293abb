import { compileOutcomeModel, fitOutcomeModel, generateHistory, OutcomeInputError, predictOutcome, protectedAttributeIn, type HistoryRecord } from '..';
import { TEST_MUNICIPALITIES } from '../../test/fixtures';

const options = { name: 'r17', createdAt: 'x', dataHash: 'x', bootstrap: 5 };

describe('R17: protected attributes never enter the model', () => {
  it.each([
    [['dutch', 'gender'], 'features[1]'],
    [['nationality'], 'features[0]'],
    [['dutch', 'countryOfBirth*dutch'], 'features[1]'],
    [['mother_tongue'], 'features[0]'],
    [['religion'], 'features[0]'],
    [['ethnicity'], 'features[0]'],
    [['origin'], 'features[0]'],
  ])('the fit refuses %j, naming %s and the rule', (features, field) => {
    let err: unknown;
    try {
      fitOutcomeModel([], { ...options, features });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OutcomeInputError);
    expect(err).toMatchObject({ field, rule: 'R17' });
    expect((err as Error).message).toMatch(/R17: .* names a protected attribute/);
  });

  it('reads whole words, so an ordinary feature is not mistaken for one', () => {
    expect(['dutch', 'reachableVacancies', 'diplomaRecognised', 'municipalitySize', 'experience*labourDemand'].map(protectedAttributeIn)).toEqual([null, null, null, null, null]);
    expect(['Gender', 'country-of-birth', 'motherTongue', 'sex'].map(protectedAttributeIn)).toEqual(['gender', 'countryofbirth', 'mothertongue', 'sex']);
  });

  it('gives bit-identical coefficients and predictions when the monitoring attributes change, and only the report by group differs', () => {
    const h = generateHistory({ rows: 4_000, seed: 9, municipalities: TEST_MUNICIPALITIES });
    const swapped: HistoryRecord[] = h.records.map((r, i) => ({
      ...r,
      monitoring: { gender: i % 2 ? 'FEMALE' : 'MALE', countryOfBirth: ['NL', 'BE', 'DE'][i % 3], nationality: null },
    }));
    const a = fitOutcomeModel(h.records, options);
    const b = fitOutcomeModel(swapped, options);
    expect(b.intercept).toBe(a.intercept);
    expect(b.terms).toEqual(a.terms);
    expect(b.bootstrap.coefficients).toEqual(a.bootstrap.coefficients);
    expect(b.version).toBe(a.version);
    expect(b.metrics.overall).toEqual(a.metrics.overall);
    expect(b.metrics.groups).not.toEqual(a.metrics.groups); // the report did read them
    const model = compileOutcomeModel(a);
    const withMonitoring = h.records.slice(0, 50).map((r) => ({ ...r, profile: { ...r.profile, gender: 'FEMALE', nationality: 'SY' } as typeof r.profile }));
    const otherMonitoring = h.records.slice(0, 50).map((r) => ({ ...r, profile: { ...r.profile, gender: 'MALE', nationality: 'ER', countryOfBirth: 'ER' } as typeof r.profile }));
    expect(withMonitoring.map((c) => predictOutcome(model, c))).toEqual(otherMonitoring.map((c) => predictOutcome(model, c)));
  });
});
