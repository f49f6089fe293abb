import { fitOutcomeModel, generateHistory } from '..';
import { TEST_MUNICIPALITIES } from '../../test/fixtures';

describe('proxy audit (R17)', () => {
  const fit = (proxy: Parameters<typeof generateHistory>[0]['proxy']) =>
    fitOutcomeModel(generateHistory({ rows: 15_000, seed: 11, municipalities: TEST_MUNICIPALITIES, proxy }).records, { name: 'proxy', createdAt: 'x', dataHash: 'x', bootstrap: 0 });

  it('flags country of birth when a model input was planted to stand in for it, and names the input', () => {
    const audit = fit({ origin: 'ER', feature: 'english', strength: 3 }).metrics.proxyAudit;
    const country = audit.attributes.find((a) => a.attribute === 'countryOfBirth')!;
    expect(audit.flagged).toContain('countryOfBirth');
    const er = country.groups.find((g) => g.group === 'ER')!;
    expect(er.auc!).toBeGreaterThan(0.8);
    expect(er.topFeatures[0].feature).toBe('english');
    // Gender was not proxied: the same inputs say nothing about it.
    expect(audit.attributes.find((a) => a.attribute === 'gender')!.auc!).toBeLessThan(0.56);
  });

  it('flags nothing when the monitoring attributes are independent of the inputs', () => {
    const audit = fit(null).metrics.proxyAudit;
    expect(audit.flagged).toEqual([]);
    for (const a of audit.attributes) expect(a.auc!).toBeLessThan(0.6);
  });

  it('says so when the history has no monitoring attributes, rather than passing silently', () => {
    const h = generateHistory({ rows: 2_000, seed: 2, municipalities: TEST_MUNICIPALITIES });
    const m = fitOutcomeModel(
      h.records.map((r) => ({ ...r, monitoring: undefined })),
      { name: 'none', createdAt: 'x', dataHash: 'x', bootstrap: 0 },
    );
    expect(m.metrics.proxyAudit.attributes.map((a) => [a.attribute, a.skipped])).toEqual([
      ['gender', 'no values in the history'],
      ['countryOfBirth', 'no values in the history'],
      ['nationality', 'no values in the history'],
    ]);
  });
});
