/** A half-year's first and last day (R11 reference periods: January–June, July–December), `YYYY-MM-DD`. */
export function periodBounds(period: string): { start: string; end: string } {
  const [year, half] = [Number(period.slice(0, 4)), period.slice(6)];
  return half === '1' ? { start: `${year}-01-01`, end: `${year}-06-30` } : { start: `${year}-07-01`, end: `${year}-12-31` };
}

/** The half-year `n` periods before `period` ("2026-H2", 1 → "2026-H1"; 2 → "2025-H2"). */
export function periodBefore(period: string, n: number): string {
  const index = Number(period.slice(0, 4)) * 2 + (period.endsWith('H2') ? 1 : 0) - n;
  return `${Math.floor(index / 2)}-H${(index % 2) + 1}`;
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Where the rest of a period's arrivals are forecast from: the remaining window of `period` as of
 * `onDate` (`from`: the start of the week `onDate` falls in, counted from the period's first day;
 * `exactFrom`: `onDate` itself; `to`: the period's last day) and the same weeks of each of the `history` periods before it. Null when the
 * period is over on `onDate`.
 */
export function forecastWindows(
  period: string,
  onDate: string,
  history: number,
): { from: string; exactFrom: string; to: string; earlier: { period: string; from: string; to: string }[] } | null {
  const { start, end } = periodBounds(period);
  if (onDate > end) return null;
  const week = Math.max(0, Math.floor((dayNumber(onDate) - dayNumber(start)) / 7));
  const from = dateOf(dayNumber(start) + 7 * week);
  const earlier = Array.from({ length: history }, (_, i) => {
    const p = periodBefore(period, i + 1);
    const b = periodBounds(p);
    return { period: p, from: dateOf(Math.min(dayNumber(b.start) + 7 * week, dayNumber(b.end))), to: b.end };
  });
  return { from: onDate < start ? start : from, exactFrom: onDate < start ? start : onDate, to: end, earlier };
}
