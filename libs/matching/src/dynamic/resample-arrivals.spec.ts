import { resampleArrivals } from './resample-arrivals';

const past = Array.from({ length: 300 }, (_, i) => {
  // Two earlier half-years (2025-H1, 2025-H2), arrivals spread over their first 10 weeks; and
  // ten arrivals of the current half-year, which a forecast must never use.
  const base = i < 140 ? Date.UTC(2025, 0, 1) : i < 290 ? Date.UTC(2025, 6, 1) : Date.UTC(2026, 0, 1);
  return { id: `p${i}`, persons: 1 + (i % 4), arrivalDate: new Date(base + ((i * 37) % 70) * 86_400_000).toISOString().slice(0, 10) };
});

describe('resampleArrivals', () => {
  const opts = { from: '2026-01-15', to: '2026-02-26', seed: 7 };

  it('is deterministic for a seed and independent of the input order', () => {
    const a = resampleArrivals(past, opts);
    const b = resampleArrivals([...past].reverse(), opts);
    expect(a.map((x) => [x.household.id, x.arrivalDate])).toEqual(b.map((x) => [x.household.id, x.arrivalDate]));
    const c = resampleArrivals(past, { ...opts, seed: 8 });
    expect(c.map((x) => x.household.id)).not.toEqual(a.map((x) => x.household.id));
  });

  it('draws from the same weeks of earlier half-years, within the window, at their mean rate', () => {
    const a = resampleArrivals(past, opts);
    for (const x of a) {
      expect(x.arrivalDate >= opts.from && x.arrivalDate < opts.to).toBe(true);
      expect(x.household.arrivalDate < '2026-01-01').toBe(true);
      const week = (d: string, start: string) => Math.floor((Date.parse(d) - Date.parse(start)) / (7 * 86_400_000));
      const own = x.household.arrivalDate < '2025-07-01' ? '2025-01-01' : '2025-07-01';
      expect(week(x.household.arrivalDate, own)).toBe(week(x.arrivalDate, '2026-01-01'));
    }
    // 290 earlier arrivals over 2 half-years x 10 weeks: ~14.5 a week; the window is 6 weeks.
    expect(a.length).toBeGreaterThan(60);
    expect(a.length).toBeLessThan(115);
    expect(a.map((x) => x.copy)).toEqual(a.map((_, i) => i));
  });

  it('says which field is wrong', () => {
    expect(() => resampleArrivals(past, { ...opts, from: '15-01-2026' })).toThrow(/from must be an ISO date/);
    expect(() => resampleArrivals(past, { ...opts, to: '2026-08-01' })).toThrow(/one half-year/);
  });
});
