import { DEFAULT_POLICY, InMemoryLabourDemand, InMemoryOccupationCatalogue, labourDemandValue, lookupLabourDemand } from '../index';

describe('occupation catalogue', () => {
  it('is built from a record or from entries and answers by ESCO id', () => {
    const entry = { iscoCode: '5120', essentialSkills: ['a'], optionalSkills: [] };
    const fromRecord = new InMemoryOccupationCatalogue({ cook: entry });
    const fromEntries = new InMemoryOccupationCatalogue([['cook', entry]]);
    expect(fromRecord.get('cook')).toBe(entry);
    expect(fromEntries.get('cook')).toBe(entry);
    expect(fromRecord.get('baker')).toBeUndefined();
    expect(fromRecord.size).toBe(1);
    expect(new InMemoryOccupationCatalogue().size).toBe(0);
  });
});

describe('labour demand lookup (R10, R14)', () => {
  const demand = new InMemoryLabourDemand([
    { regionCode: 'AM14', iscoGroup: '2221', tension: 1.6, label: 'zeer krap' },
    { regionCode: 'AM14', iscoGroup: '22', tension: 0.8 },
    { regionCode: 'AM14', iscoGroup: '7', tension: Number.NaN },
  ]);
  it.each<[string, string | null, 0 | 1 | 2 | 3 | 4, string | null]>([
    ['2221', '2221', 4, 'zeer krap'],
    ['2222', '22', 2, null],
    ['22', '22', 2, null],
    ['7411', null, 0, null], // a NaN figure is no figure
    ['9112', null, 0, null],
  ])('ISCO %s → group %s (%i digits)', (iscoCode, group, digits, label) => {
    const r = lookupLabourDemand({ labourDemand: demand, regionCode: 'AM14', iscoCode });
    expect(r.iscoGroup).toBe(group);
    expect(r.digits).toBe(digits);
    expect(r.figure?.label ?? null).toBe(label);
  });

  it('finds nothing without a lookup or an ISCO code; the value is then the neutral default', () => {
    const none = lookupLabourDemand({ labourDemand: null, regionCode: 'AM14', iscoCode: '2221' });
    expect(none).toEqual({ figure: null, iscoGroup: null, digits: 0 });
    expect(lookupLabourDemand({ labourDemand: demand, regionCode: 'AM14', iscoCode: null }).digits).toBe(0);
    expect(labourDemandValue(none, DEFAULT_POLICY)).toBe(0.5);
  });

  it('maps tension t to t / (t + 1): 1.6 → 0.615…, 0.8 → 0.444…', () => {
    expect(labourDemandValue(lookupLabourDemand({ labourDemand: demand, regionCode: 'AM14', iscoCode: '2221' }), DEFAULT_POLICY)).toBeCloseTo(1.6 / 2.6, 12);
    expect(labourDemandValue(lookupLabourDemand({ labourDemand: demand, regionCode: 'AM14', iscoCode: '2299' }), DEFAULT_POLICY)).toBeCloseTo(0.8 / 1.8, 12);
  });
});
