import { north, ORIGIN } from '../../test/fixtures';
import { formatDay, formatEuro, formatKm, formatNumber } from './format';
import { distanceKm, withinKm } from './haversine';
import { addCalendarMonths, ageOn, contractEndDay, formatIsoDay, isIsoDate, parseIsoDay } from './iso-date';
import { canonicalJson } from './canonical-json';
import { isco3Of, isco4Of, sameIscoGroup } from './isco';

const day = (s: string) => parseIsoDay(s);

describe('calendar months (R1.2, contract lengths)', () => {
  it.each([
    ['2024-01-15', 6, '2024-07-15'],
    ['2024-08-31', 6, '2025-02-28'], // clamped to the end of a short month
    ['2023-08-31', 6, '2024-02-29'], // leap year
    ['2024-12-31', 2, '2025-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-05-10', 0, '2024-05-10'],
    ['2024-11-30', 14, '2026-01-30'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(formatIsoDay(addCalendarMonths(day(from), months))).toBe(expected);
  });

  it('a contract of n months ends the day before the same date n months later', () => {
    expect(formatIsoDay(contractEndDay(day('2025-01-01'), 6))).toBe('2025-06-30');
    expect(formatIsoDay(contractEndDay(day('2025-01-31'), 1))).toBe('2025-02-27');
  });

  it('ages in whole years, a 29 February birthday counting on 28 February', () => {
    expect(ageOn(day('2006-08-01'), day('2024-07-31'))).toBe(17);
    expect(ageOn(day('2006-08-01'), day('2024-08-01'))).toBe(18);
    expect(ageOn(day('2004-02-29'), day('2022-02-27'))).toBe(17);
    expect(ageOn(day('2004-02-29'), day('2022-02-28'))).toBe(18);
  });

  it.each(['2024-02-30', '2024-13-01', '24-01-01', '2024-1-1', '2024-01-01T00:00:00Z', ''])('refuses %j, naming the field', (bad) => {
    expect(() => parseIsoDay(bad, 'candidate.birthDate')).toThrow(`candidate.birthDate: not an ISO date (YYYY-MM-DD): ${JSON.stringify(bad)}`);
    expect(isIsoDate(bad)).toBe(false);
  });

  it('reads dates in UTC: 1 January 1970 is day 0', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(day('1970-01-02')).toBe(1);
    expect(isIsoDate(19)).toBe(false);
  });
});

describe('great-circle distance (R9.4, R10, R12)', () => {
  it('one degree of latitude is R × π / 180 = 6371 × 0.0174533 ≈ 111.1949 km', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.19493, 4);
  });

  it('a point built 50.0 km north is 50.0 km away, within a 50 km radius; 50.01 km is not', () => {
    const d = distanceKm(ORIGIN, north(ORIGIN, 50));
    expect(Math.abs(d - 50)).toBeLessThan(1e-9);
    expect(withinKm(d, 50)).toBe(true);
    expect(withinKm(distanceKm(ORIGIN, north(ORIGIN, 50.01)), 50)).toBe(false);
  });

  it('keeps a point 50 km away on the IUGG radius (6371.0088 km) within 50 km', () => {
    const iugg = { lat: ORIGIN.lat + (50 / 6371.0088) * (180 / Math.PI), lon: ORIGIN.lon };
    expect(withinKm(distanceKm(ORIGIN, iugg), 50)).toBe(true);
    expect(withinKm(50.0009, 50)).toBe(true);
    expect(withinKm(50.0011, 50)).toBe(false);
  });

  it('is symmetric and zero for the same point', () => {
    const a = { lat: 52.37, lon: 4.89 };
    const b = { lat: 51.44, lon: 5.47 };
    expect(distanceKm(a, b)).toBe(distanceKm(b, a));
    expect(distanceKm(a, a)).toBe(0);
  });
});

describe('numbers and dates in explanations', () => {
  it.each<[number, 'nl' | 'en', number, boolean, string]>([
    [2245.8, 'nl', 2, true, '2.245,80'],
    [2245.8, 'en', 2, true, '2,245.80'],
    [0.5, 'nl', 2, false, '0,5'],
    [12.25, 'nl', 1, false, '12,3'],
    [50, 'nl', 1, false, '50'],
    [1234567.5, 'nl', 1, false, '1.234.567,5'],
    [-3.5, 'en', 1, false, '-3.5'],
    [-0.01, 'nl', 1, false, '0'],
  ])('%d in %s → %s', (x, lang, decimals, fixed, expected) => {
    expect(formatNumber(x, lang, decimals, fixed)).toBe(expected);
  });

  it('formats exactly as the plain regular-expression version did, for any number', () => {
    // The version before the string scans, kept here as the reference.
    const reference = (value: number, lang: 'nl' | 'en', decimals: number, fixed: boolean): string => {
      let text = value.toFixed(decimals);
      if (!fixed && text.includes('.')) text = text.replace(/\.?0+$/, '');
      if (text === '-0') text = '0';
      const negative = text.startsWith('-');
      const [int, frac] = (negative ? text.slice(1) : text).split('.');
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'nl' ? '.' : ',');
      return (negative ? '-' : '') + grouped + (frac !== undefined ? (lang === 'nl' ? ',' : '.') + frac : '');
    };
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const values = [0, -0, 0.5, -0.004, 1000, 999.96, -999.95, 1e6, 123456.789, 1e21, 1.5e30, -2.5e22, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 5e-7];
    for (let i = 0; i < 5000; i++) values.push((random() - 0.3) * 10 ** Math.floor(random() * 9), Math.round(random() * 100) / 10);
    const differences: string[] = [];
    for (const v of values) {
      for (const lang of ['nl', 'en'] as const) {
        for (const decimals of [0, 1, 2, 3]) {
          for (const fixed of [false, true]) {
            const [got, want] = [formatNumber(v, lang, decimals, fixed), reference(v, lang, decimals, fixed)];
            if (got !== want) differences.push(`${v} ${lang} ${decimals} ${fixed}: ${got} instead of ${want}`);
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('writes money, distances and dates the Dutch and the English way', () => {
    expect(formatEuro(1497.2, 'nl')).toBe('€ 1.497,20');
    expect(formatEuro(1497.2, 'en')).toBe('€1,497.20');
    expect(formatKm(34.853, 'nl')).toBe('34,9 km');
    expect(formatDay(day('2025-03-01'), 'nl')).toBe('1 maart 2025');
    expect(formatDay(day('2025-03-01'), 'en')).toBe('1 March 2025');
  });
});

describe('helpers', () => {
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"x":0,"y":1}]},"b":1}');
  });

  it('reads ISCO unit and minor groups, including leading zeros', () => {
    expect(isco4Of('0110')).toBe(110);
    expect(isco3Of('0110')).toBe(11);
    expect(isco4Of('512')).toBe(-1);
    expect(isco3Of('51')).toBe(-1);
    expect(isco4Of(null)).toBe(-1);
    expect(sameIscoGroup('5120', '5131', 2)).toBe(true);
    expect(sameIscoGroup('5120', '5131', 3)).toBe(false);
    expect(sameIscoGroup('51', '5131', 3)).toBe(false);
    expect(sameIscoGroup('ab12', 'ab34', 2)).toBe(false);
  });
});
