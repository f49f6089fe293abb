import { performance } from 'node:perf_hooks';
import { solvePlacement } from '../placement/solve-placement';
import type { PlacementOptions, ShortageReport } from '../placement/types';
import { placePrices } from './place-prices';
import { mulberry32 } from '@kansrijk/outcome';
import { resampleArrivals } from './resample-arrivals';
import { simulationMetrics, type PolicyMetrics } from './simulation-metrics';
import { arrivalOrder, checkStream, problemOf, type ArrivalStream, type StreamHousehold } from './stream';

/**
 * The online policies, each deciding one household on its day, seeing only the room left now:
 * - `today`: today's practice without the engine: the allowed municipality with room that is
 *   furthest behind its task (largest open share), ties to the better link score;
 * - `myopic`: the top static suggestion: the best link score with room (the plans' greedy
 *   baseline, greedy.ts);
 * - `dynamic`: the best link score minus the price of the places it takes (persons x price per
 *   person), prices from a forecast of the rest of the half-year.
 * Every policy places a household whenever any allowed municipality has room for it whole
 * (COA must link everyone it can; R11, R12, R16): a negative dynamic score still places.
 */
export type OnlinePolicy = 'today' | 'myopic' | 'dynamic';

export interface SimulateOptions {
  policies?: OnlinePolicy[];
  /** Prices are recomputed on the first arrival of every `repriceDays`-day block... Default 3. */
  repriceDays?: number;
  /** ... and after every `repriceArrivals` decisions (0: never). Default 0. */
  repriceArrivals?: number;
  /**
   * The forecast of the arrivals from day `day` (inclusive) to the end of the half-year, given
   * the households that arrived before that day (known by then). Default: `blendedForecast`,
   * resampled (`resampleArrivals`) from `stream.history`, the
   * same weeks of an earlier half-year; never from the stream itself.
   */
  forecast?: (day: number, arrived: readonly StreamHousehold[]) => StreamHousehold[];
  /**
   * Weight of the current half-year's recent arrivals in the default forecast (0: the earlier
   * half-year alone). Default 0.8: measured on 10,000 arrivals, it strands 3 households of an
   * unforeseen late wave of tie holders where 0.5 strands 34, at a cost of 0.1-0.2 points of
   * the hindsight optimum on streams like the earlier half-year. See `blendedForecast`.
   */
  recentWeight?: number;
  /** Days of recent arrivals the default forecast draws from. Default 14. */
  recentDays?: number;
  /** Forecast samples whose prices are averaged at each repricing. Default 1. */
  samples?: number;
  seed?: number;
  /** Options of the hindsight solve; default: solvePlacement's defaults. */
  hindsight?: PlacementOptions;
  clock?: () => number;
}

export interface PolicyRun {
  policy: OnlinePolicy | 'hindsight';
  /** Per household of the stream (its index there), the municipality index chosen, -1 if none. */
  choice: Int32Array;
  /** Households with an allowed municipality but none with room at their turn. */
  stranded: Int32Array;
  repricings: number;
  runtimeMs: number;
}

export interface SimulationResult {
  hindsight: { objective: number; upperBound: number; gap: number; method: string; runtimeMs: number; notes: string[] };
  runs: PolicyRun[];
  metrics: PolicyMetrics[];
  /**
   * Persons against places overall and for the tie holders within their reach (R11, R12), and
   * the hindsight plan's outcome by household size: the same report as a plan's (read it first).
   */
  shortage: ShortageReport;
  persons: number;
  capacity: number;
  runtimeMs: number;
}

const HISTORY_START = '2025-01-01';
const CURRENT_START = '2026-01-01';
const DAY = 86_400_000;
const isoPlus = (start: string, days: number): string => new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const dayOf = (start: string, iso: string): number => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY);

/**
 * The default forecast: the earlier half-year's households resampled into the remaining weeks
 * (same weeks of the half-year, `resampleArrivals`), mapped onto the current half-year's days.
 */
export function historyForecast(history: readonly StreamHousehold[], seed: number, periodDays = 181): (day: number, arrived?: readonly StreamHousehold[]) => StreamHousehold[] {
  const dated = history.map((h) => ({ h, arrivalDate: isoPlus(HISTORY_START, h.day) }));
  let call = 0;
  return (day) => {
    if (day >= periodDays) return [];
    const drawn = resampleArrivals(dated, { from: isoPlus(CURRENT_START, day), to: isoPlus(CURRENT_START, periodDays), seed: seed + 7919 * call++ });
    return drawn.map((d) => ({ ...d.household.h, id: `${d.household.h.id}~${d.copy}`, day: dayOf(CURRENT_START, d.arrivalDate) }));
  };
}

/**
 * A forecast that also learns from the current half-year: a share `weight` of the expected
 * arrivals is drawn from the households that arrived in the last `days` days (already decided,
 * so known), at their observed rate, the rest from `base` (thinned to 1 - weight). A wave the
 * earlier half-year did not have (a sudden group of tie holders near one city) is then priced
 * within days of its start. Before a week of the half-year has passed, `base` alone.
 */
export function blendedForecast(
  base: (day: number, arrived: readonly StreamHousehold[]) => StreamHousehold[],
  o: { seed: number; weight: number; days: number; periodDays?: number },
): (day: number, arrived: readonly StreamHousehold[]) => StreamHousehold[] {
  const periodDays = o.periodDays ?? 181;
  let call = 0;
  return (day, arrived) => {
    const rand = mulberry32(o.seed * 31 + 17 * ++call);
    const from = Math.max(0, day - o.days);
    const recent = arrived.filter((h) => h.day >= from && h.day < day);
    const window = day - from;
    const fromBase = base(day, arrived);
    if (o.weight <= 0 || window < 7 || recent.length === 0) return fromBase;
    // Without an earlier half-year (a stream given without history), recent arrivals are all there is.
    const weight = fromBase.length === 0 ? 1 : o.weight;
    const out = fromBase.filter(() => rand() >= weight);
    const remaining = Math.max(0, periodDays - day);
    const expected = weight * (recent.length / window) * remaining;
    let n = Math.floor(expected);
    if (rand() < expected - n) n++;
    for (let j = 0; j < n; j++) {
      const h = recent[Math.floor(rand() * recent.length)];
      out.push({ ...h, id: `${h.id}~r${j}`, day: day + Math.floor(rand() * remaining) });
    }
    return out;
  };
}

/**
 * Replays an arrival stream over a half-year under each online policy and compares each with
 * the hindsight optimum: `solvePlacement` over the whole stream with every arrival known, and
 * its upper bound (LP or Lagrangian). Pure apart from the clock; deterministic for a seed.
 */
export async function simulate(stream: ArrivalStream, options: SimulateOptions = {}): Promise<SimulationResult> {
  checkStream(stream);
  const clock = options.clock ?? (() => performance.now());
  const t0 = clock();
  const policies = options.policies ?? ['today', 'myopic', 'dynamic'];
  const cap0 = stream.municipalities.map((m) => m.capacity);
  const forecast =
    options.forecast ??
    blendedForecast(historyForecast(stream.history ?? [], options.seed ?? 1), { seed: options.seed ?? 1, weight: options.recentWeight ?? 0.8, days: options.recentDays ?? 14 });

  const th = clock();
  const plan = await solvePlacement(problemOf(stream.municipalities, stream.households), { clock, ...options.hindsight });
  const hindsightChoice = new Int32Array(stream.households.length).fill(-1);
  const codeIndex = new Map(stream.municipalities.map((m, i) => [m.code, i]));
  const idIndex = new Map(stream.households.map((h, i) => [h.id, i]));
  for (const a of plan.assignments) hindsightChoice[idIndex.get(a.householdId)!] = codeIndex.get(a.municipalityCode)!;
  const hindsightRun: PolicyRun = { policy: 'hindsight', choice: hindsightChoice, stranded: new Int32Array(0), repricings: 0, runtimeMs: clock() - th };

  const runs: PolicyRun[] = [];
  for (const policy of policies) runs.push(await runPolicy(stream, policy, cap0, forecast, options, clock));
  const metrics = [hindsightRun, ...runs].map((r) => simulationMetrics(stream, r, plan.objective, hindsightChoice));
  return {
    hindsight: { objective: plan.objective, upperBound: plan.upperBound, gap: plan.gap, method: plan.method, runtimeMs: hindsightRun.runtimeMs, notes: plan.notes },
    runs: [hindsightRun, ...runs],
    metrics,
    shortage: plan.shortage,
    persons: stream.households.reduce((s, h) => s + h.persons, 0),
    capacity: cap0.reduce((s, c) => s + c, 0),
    runtimeMs: clock() - t0,
  };
}

async function runPolicy(
  stream: ArrivalStream,
  policy: OnlinePolicy,
  cap0: number[],
  forecast: NonNullable<SimulateOptions['forecast']>,
  options: SimulateOptions,
  clock: () => number,
): Promise<PolicyRun> {
  const t0 = clock();
  const { households, municipalities } = stream;
  const M = municipalities.length;
  const room = Float64Array.from(cap0);
  // Ties between equal values go to the lower municipality code, as in greedy.ts.
  const codeRank = new Int32Array(M);
  municipalities
    .map((m, i) => [m.code, i] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .forEach(([, i], r) => (codeRank[i] = r));
  const choice = new Int32Array(households.length).fill(-1);
  const stranded: number[] = [];
  const order = arrivalOrder(households);
  let price = new Float64Array(M);
  let repricings = 0;
  let lastDay = -Infinity;
  let sinceReprice = 0;
  const repriceDays = options.repriceDays ?? 3;
  const repriceArrivals = options.repriceArrivals ?? 0;
  const samples = Math.max(1, options.samples ?? 1);

  const reprice = async (day: number, pos: number): Promise<void> => {
    // Known by then: the households decided before this day.
    const arrived: StreamHousehold[] = [];
    for (let q = 0; q < pos && households[order[q]].day < day; q++) arrived.push(households[order[q]]);
    // Priced on the forecast of today and the rest of the half-year only: nothing of the stream
    // is read, and the household being decided does not bid up the price of its own best place.
    const sum = new Float64Array(M);
    for (let s = 0; s < samples; s++) {
      const pr = await placePrices(problemOf(municipalities, forecast(day, arrived), room));
      municipalities.forEach((m, i) => (sum[i] += room[i] <= 0 ? 0 : pr.prices.get(m.code) ?? 0));
    }
    price = Float64Array.from(sum, (v) => v / samples);
    repricings++;
    sinceReprice = 0;
  };

  for (let pos = 0; pos < order.length; pos++) {
    const i = order[pos];
    const h = households[i];
    if (policy === 'dynamic') {
      const newPeriod = Math.floor(h.day / repriceDays) !== Math.floor(lastDay / repriceDays);
      if (newPeriod || (repriceArrivals > 0 && sinceReprice >= repriceArrivals)) await reprice(h.day, pos);
    }
    lastDay = h.day;
    const p = h.persons;
    let best = -1;
    let bestV = -Infinity;
    let bestS = -Infinity;
    for (let j = 0; j < h.mun.length; j++) {
      const m = h.mun[j];
      if (room[m] < p) continue;
      const s = h.score[j];
      const v = policy === 'myopic' ? s : policy === 'today' ? room[m] / Math.max(1, cap0[m]) : s - p * price[m];
      if (v > bestV || (v === bestV && (s > bestS || (s === bestS && codeRank[m] < codeRank[best])))) {
        best = m;
        bestV = v;
        bestS = s;
      }
    }
    if (best >= 0) {
      choice[i] = best;
      room[best] -= p;
    } else if (h.mun.length > 0) stranded.push(i);
    sinceReprice++;
  }
  return { policy, choice, stranded: Int32Array.from(stranded), repricings, runtimeMs: clock() - t0 };
}
