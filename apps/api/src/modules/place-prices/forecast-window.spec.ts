import { forecastWindows, periodBefore, periodBounds } from './forecast-window';

describe('forecast windows (R11 half-years)', () => {
  it('bounds a half-year and steps back over years', () => {
    expect(periodBounds('2026-H1')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(periodBounds('2026-H2')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    expect([1, 2, 3].map((n) => periodBefore('2026-H2', n))).toEqual(['2026-H1', '2025-H2', '2025-H1']);
    expect(periodBefore('2026-H1', 1)).toBe('2025-H2');
  });

  it('takes the same weeks, counted from the period start, of earlier periods', () => {
    // 2026-09-10 is in week 10 of 2026-H2 (from 1 July): the window starts on that week's first day.
    const w = forecastWindows('2026-H2', '2026-09-10', 2)!;
    expect(w.from).toBe('2026-09-09');
    expect(w.exactFrom).toBe('2026-09-10');
    expect(w.to).toBe('2026-12-31');
    expect(w.earlier).toEqual([
      { period: '2026-H1', from: '2026-03-12', to: '2026-06-30' },
      { period: '2025-H2', from: '2025-09-09', to: '2025-12-31' },
    ]);
  });

  it('covers the whole period before it starts, and nothing after it ends', () => {
    expect(forecastWindows('2027-H1', '2026-11-02', 1)!.from).toBe('2027-01-01');
    expect(forecastWindows('2026-H1', '2026-07-01', 1)).toBeNull();
  });
});
