import { arrivalDay, periodBounds } from './cohort-stream';

describe('a cohort household\'s day in the simulated half-year', () => {
  it('is its permit day counted from the first of the half-year (domain §1: linked within two weeks of it)', () => {
    expect(periodBounds('2019-H1')).toEqual({ start: '2019-01-01', end: '2019-07-01', days: 181 });
    expect(periodBounds('2024-H1').days).toBe(182);
    expect(periodBounds('2019-H2')).toEqual({ start: '2019-07-01', end: '2020-01-01', days: 184 });
    expect(arrivalDay('2019-01-01', '2019-H1')).toBe(0);
    expect(arrivalDay('2019-02-14', '2019-H1')).toBe(44);
    expect(arrivalDay('2019-12-31', '2019-H2')).toBe(183);
  });

  it('a permit before the half-year waits from its first day, one after it comes on its last', () => {
    expect(arrivalDay('2018-11-03', '2019-H1')).toBe(0);
    expect(arrivalDay('2019-08-01', '2019-H1')).toBe(180);
    expect(arrivalDay(null, '2019-H1')).toBe(0);
  });
});
