import { PlacementInputError } from '../placement/placement-input-error';
import { mulberry32 } from '@kansrijk/outcome';

export interface ResampleOptions {
  /** First day of the forecast window, ISO date (YYYY-MM-DD), inclusive. */
  from: string;
  /** Day after the window, ISO date, exclusive. Must lie in the same half-year as `from` or be its end. */
  to: string;
  /** Same seed, same forecast. */
  seed: number;
}

export interface ResampledArrival<T> {
  /** The earlier household this forecast arrival copies (persons, ties, link scores: all of it). */
  household: T;
  /** Its forecast arrival date, ISO, within [from, to). */
  arrivalDate: string;
  /** 0, 1, 2, ... over the forecast, so copies of one household can be told apart (e.g. `${id}~${copy}`). */
  copy: number;
}

const DAY = 86_400_000;
const dayNumber = (iso: string, field: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new PlacementInputError(`${field} must be an ISO date YYYY-MM-DD (got '${iso}')`);
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (!Number.isFinite(t)) throw new PlacementInputError(`${field} is not a date (got '${iso}')`);
  return Math.round(t / DAY);
};
const isoOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** The half-year a day falls in (R11: housing tasks are set per half-year): its first day and an ordinal. */
function periodOf(day: number): { start: number; ordinal: number } {
  const d = new Date(day * DAY);
  const y = d.getUTCFullYear();
  const half = d.getUTCMonth() < 6 ? 0 : 1;
  return { start: Math.round(Date.UTC(y, half * 6, 1) / DAY), ordinal: y * 2 + half };
}

/**
 * A forecast of the arrivals in [from, to) of the current half-year, resampled from the
 * households that arrived in the same weeks (counted from the start of their half-year) of
 * earlier half-years. For each week of the window the number of arrivals is the mean over the
 * earlier half-years seen in `past` (scaled by the share of the week inside the window, the
 * fraction drawn at random), and the households are drawn with replacement from that week's
 * arrivals. Each forecast arrival keeps its day within the week when that day is in the window.
 * Deterministic for a seed; the order of `past` does not matter.
 *
 * Households of the current or a later half-year in `past` are ignored: a forecast never uses
 * what it is forecasting.
 */
export function resampleArrivals<T extends { arrivalDate: string }>(past: readonly T[], options: ResampleOptions): ResampledArrival<T>[] {
  const from = dayNumber(options.from, 'from');
  const to = dayNumber(options.to, 'to');
  if (to < from) throw new PlacementInputError('to must not be before from');
  const target = periodOf(from);
  if (to > from && periodOf(to - 1).ordinal !== target.ordinal) throw new PlacementInputError('from and to must lie in one half-year (R11)');

  // Earlier arrivals by week of their half-year, in a canonical order (date, then input order
  // broken by a stable key) so the input order does not change the draw.
  const byWeek = new Map<number, { item: T; dayInWeek: number; day: number; i: number }[]>();
  const periods = new Set<number>();
  past.forEach((item, i) => {
    const day = dayNumber(item.arrivalDate, `past[${i}].arrivalDate`);
    const p = periodOf(day);
    if (p.ordinal >= target.ordinal) return;
    periods.add(p.ordinal);
    const offset = day - p.start;
    const week = Math.floor(offset / 7);
    (byWeek.get(week) ?? byWeek.set(week, []).get(week)!).push({ item, dayInWeek: offset % 7, day, i });
  });
  for (const list of byWeek.values()) list.sort((a, b) => a.day - b.day || keyOf(a.item).localeCompare(keyOf(b.item)) || a.i - b.i);
  if (periods.size === 0) return [];

  const rand = mulberry32(options.seed ^ 0x9e3779b9);
  const out: ResampledArrival<T>[] = [];
  const firstWeek = Math.floor((from - target.start) / 7);
  const lastWeek = Math.floor((Math.max(from, to - 1) - target.start) / 7);
  for (let w = firstWeek; w <= lastWeek && to > from; w++) {
    const weekStart = target.start + 7 * w;
    const lo = Math.max(from, weekStart);
    const hi = Math.min(to, weekStart + 7);
    if (hi <= lo) continue;
    const pool = byWeek.get(w) ?? [];
    if (pool.length === 0) continue;
    const expected = ((pool.length / periods.size) * (hi - lo)) / 7;
    let n = Math.floor(expected);
    if (rand() < expected - n) n++;
    for (let j = 0; j < n; j++) {
      const pick = pool[Math.floor(rand() * pool.length)];
      let day = weekStart + pick.dayInWeek;
      if (day < lo || day >= hi) day = lo + Math.floor(rand() * (hi - lo));
      out.push({ household: pick.item, arrivalDate: isoOf(day), copy: 0 });
    }
  }
  out.sort((a, b) => (a.arrivalDate < b.arrivalDate ? -1 : a.arrivalDate > b.arrivalDate ? 1 : 0));
  out.forEach((a, c) => (a.copy = c));
  return out;
}

/** A stable tie-break for equal dates: the item's id when it has one. */
function keyOf(item: unknown): string {
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}
