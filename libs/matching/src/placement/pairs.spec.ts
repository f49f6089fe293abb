import { PlacementPairsBuilder, pairsFromObjects } from './pairs';

describe('PlacementPairsBuilder', () => {
  it('keeps every pair in order while it grows past its initial capacity', () => {
    const b = new PlacementPairsBuilder(16);
    for (let i = 0; i < 1000; i++) b.add(i % 7, i % 5, (i % 11) / 10);
    const p = b.build();
    expect(b.size).toBe(1000);
    expect(p.hh.length).toBe(1000);
    expect([p.hh[999], p.mun[999], p.score[999]]).toEqual([999 % 7, 999 % 5, (999 % 11) / 10]);
    expect([p.hh[16], p.mun[16], p.score[16]]).toEqual([16 % 7, 16 % 5, (16 % 11) / 10]);
  });
});

describe('pairsFromObjects', () => {
  const households = [
    { id: 'a', persons: 1, arrival: 0 },
    { id: 'b', persons: 2, arrival: 1 },
  ];
  const municipalities = [
    { code: 'GM0001', capacity: 1, regionCode: 'AM01', population: 1 },
    { code: 'GM0002', capacity: 1, regionCode: 'AM01', population: 1 },
  ];

  it('maps ids and codes to indices', () => {
    const p = pairsFromObjects(households, municipalities, [
      { householdId: 'b', municipalityCode: 'GM0001', score: 0.25 },
      { householdId: 'a', municipalityCode: 'GM0002', score: 0.75 },
    ]);
    expect([...p.hh]).toEqual([1, 0]);
    expect([...p.mun]).toEqual([0, 1]);
    expect([...p.score]).toEqual([0.25, 0.75]);
  });

  it('rejects unknown households and municipalities by name', () => {
    expect(() => pairsFromObjects(households, municipalities, [{ householdId: 'z', municipalityCode: 'GM0001', score: 1 }])).toThrow(/'z'/);
    expect(() => pairsFromObjects(households, municipalities, [{ householdId: 'a', municipalityCode: 'GM9999', score: 1 }])).toThrow(/'GM9999'/);
  });
});
