import { randomUUID } from 'crypto';
import { mulberry32 } from '@kansrijk/outcome';
import { resampleArrivals } from '@kansrijk/matching';
import { JobInputError, type JobTask, type WorkerDeps } from '../jobs/worker/task';
import { MAX_COHORT, solveCohort, type CohortHousehold } from '../placement/cohort.service';
import { forecastWindows } from './forecast-window';
import type { PlacePriceForecast, StoredPlacePrice } from './place-price-set.entity';

/** What a price job is asked to do (plain JSON in the job row). */
export interface PlacePricesJobInput {
  period: string;
  onDate: string;
  trigger: 'MANUAL' | 'SCHEDULE' | 'DECISIONS';
  forecast: {
    method: 'RESAMPLE' | 'COHORT';
    seed: number;
    /** Forecast households to draw; null = as many as arrived in the same weeks of an earlier period, on average (RESAMPLE) or the cohort's size (COHORT). */
    size: number | null;
    /** RESAMPLE: earlier periods to draw from. */
    historyPeriods: number;
    /** COHORT: the households, or an arrival range. */
    cohort?: { householdIds?: string[]; arrivedFrom?: string; arrivedTo?: string };
  };
}

/** What the job hands back to be stored (see PlacePricesService's persist). */
export interface PlacePricesJobResult {
  period: string;
  onDate: string;
  trigger: string;
  policyVersion: string;
  forecast: PlacePriceForecast;
  waitingHouseholds: number;
  decisionsAt: number;
  prices: StoredPlacePrice[];
  summary: { objective: number; upperBound: number; placed: number; households: number; persons: number; capacity: number; notes: string[]; runtimeMs: number };
}

/** R2: a member holds a residence permit (for `candidate c`). */
const STATUS_HOLDER = `c.legal_status = 'STATUS_HOLDER'`;

/**
 * The prices of places of a period, in a worker thread: the households waiting for a link now
 * and a forecast of the rest of the period's arrivals form one cohort problem under the remaining
 * housing tasks (R11), the hard ties (R12) and whole households (R16); the Lagrangian capacity
 * prices of its plan are each municipality's shadow price per person: what a place there is
 * expected to be worth to the households still to come. Zero where a municipality's room is not
 * all wanted; positive where it binds.
 */
export const runPlacePricesTask: JobTask = async (raw, deps, progress) => {
  const input = raw as unknown as PlacePricesJobInput;
  const { period, onDate } = input;
  const windows = forecastWindows(period, onDate, input.forecast.historyPeriods);
  if (!windows) throw new JobInputError(`period: ${period} ended before ${onDate}; its places have no price left to compute`);
  progress(0, 'reading the open vacancies');
  await deps.index.refresh((p, phase) => progress(0.1 * p, phase), Date.now());
  const policy = deps.policies.inForce(onDate);
  const capacity = await deps.capacity.forPeriod(period, policy);
  if (capacity.nationalTotal === null) {
    throw new JobInputError(`period: R11: no national housing total is set for ${period}, so no municipality's room is limited and places have no price; set it with setHousingNationalTotal`);
  }
  progress(0.1, 'reading the waiting households and the forecast');
  const waitingIds = await waiting(deps);
  const { pool, source, draws } = await forecastPool(deps, input, windows);
  const room = Math.max(0, MAX_COHORT - waitingIds.length);
  const notes: string[] = [];
  if (pool.length === 0) notes.push(`no household to forecast from (${source})`);
  // A size the admin gives: that many draws (with replacement, seeded) from the default forecast,
  // so the weeks keep their weight; from the pool itself when the default drew nobody.
  let drawn = draws;
  const wanted = input.forecast.size ?? draws.length;
  if (wanted !== draws.length && pool.length > 0) {
    const from = draws.length > 0 ? draws : pool;
    const next = mulberry32(input.forecast.seed ^ 0x5bd1e995);
    drawn = Array.from({ length: wanted }, () => from[Math.floor(next() * from.length)]);
  }
  if (drawn.length > room) {
    notes.push(`the forecast was cut from ${drawn.length} to ${room} households (a cohort holds at most ${MAX_COHORT})`);
    drawn = drawn.slice(0, room);
  }
  const { found } = await deps.cohorts.households([...new Set([...waitingIds, ...drawn])]);
  const byId = new Map(found.map((h) => [h.id, h]));
  // Each draw is a household of its own (fresh id), so a household drawn twice takes room twice
  // and a forecast copy never counts as a household that has a decision.
  const forecast: CohortHousehold[] = drawn.flatMap((id) => (byId.has(id) ? [{ ...byId.get(id)!, id: randomUUID() }] : []));
  const households = [...waitingIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])), ...forecast];
  const [{ n: decisionsAt }] = await deps.ds.query(`SELECT count(*)::int AS n FROM link_decision WHERE period = $1`, [period]);
  const codes = [...(await deps.reference.snapshot()).municipalities.values()].map((m) => m.code).sort();
  const left = (code: string) => Math.max(0, capacity.left(code) ?? 0);
  const result: PlacePricesJobResult = {
    period,
    onDate,
    trigger: input.trigger,
    policyVersion: policy.version,
    forecast: { method: input.forecast.method, source, seed: input.forecast.seed, size: forecast.length, poolSize: pool.length, from: windows.from, to: windows.to },
    waitingHouseholds: households.length - forecast.length,
    decisionsAt,
    prices: codes.map((code) => ({ code, price: left(code) > 0 ? 0 : null, capacityLeft: left(code), plannedPersons: 0, plannedHouseholds: 0, tieHolders: 0 })),
    summary: { objective: 0, upperBound: 0, placed: 0, households: households.length, persons: households.reduce((s, h) => s + h.persons, 0), capacity: codes.reduce((s, c) => s + left(c), 0), notes, runtimeMs: 0 },
  };
  if (households.length === 0) {
    notes.push('no household is waiting and none is forecast: no place is wanted, so every price is zero');
    return result as unknown as Record<string, unknown>;
  }
  const cohort = await deps.cohorts.build({
    households,
    period,
    policy,
    onDate,
    parts: deps.threads,
    onProgress: (p) => progress(0.15 + 0.6 * p, `scoring ${households.length} households against every municipality (${Math.round(100 * p)}%)`),
  });
  progress(0.75, 'pricing the places (Lagrangian capacity prices)');
  const plan = await solveCohort(cohort, { method: 'lagrangian', timeLimitMs: 240_000 });
  const priceOf = new Map(plan.municipalities.map((m, i) => [m.code, plan.capacityPrices?.[i] ?? 0]));
  const tied = new Set(cohort.households.filter((h) => h.tiePoints.length > 0).map((h) => h.id));
  const planned = new Map<string, { persons: number; households: number; tieHolders: number }>();
  for (const a of plan.assignments) {
    const p = planned.get(a.municipalityCode) ?? { persons: 0, households: 0, tieHolders: 0 };
    p.persons += a.persons;
    p.households++;
    if (tied.has(a.householdId)) p.tieHolders++;
    planned.set(a.municipalityCode, p);
  }
  for (const row of result.prices) {
    const price = priceOf.get(row.code) ?? 0;
    // No room (a price of Infinity): stored as null, said so where it is shown.
    row.price = row.capacityLeft > 0 && Number.isFinite(price) ? Math.max(0, round(price)) : null;
    Object.assign(row, { plannedPersons: 0, plannedHouseholds: 0, tieHolders: 0 }, renameCounts(planned.get(row.code)));
  }
  notes.push(...plan.notes);
  Object.assign(result.summary, { objective: plan.objective, upperBound: plan.upperBound, placed: plan.placed, runtimeMs: Math.round(plan.runtimeMs) });
  progress(1, 'done');
  return result as unknown as Record<string, unknown>;
};

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const renameCounts = (p?: { persons: number; households: number; tieHolders: number }) =>
  p ? { plannedPersons: p.persons, plannedHouseholds: p.households, tieHolders: p.tieHolders } : {};

/** The linking queue (domain §1): status holders' households without a decision in force, the earliest permit first. */
async function waiting(deps: WorkerDeps): Promise<string[]> {
  const rows: { id: string }[] = await deps.ds.query(
    `SELECT h.id FROM household h JOIN household_member m ON m.household_id = h.id JOIN candidate c ON c.id = m.candidate_id
      WHERE ${STATUS_HOLDER} AND c.permit_date IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM link_decision d WHERE d.household_id = h.id AND d.superseded_at IS NULL)
      GROUP BY h.id ORDER BY min(c.permit_date), h.id LIMIT $1`,
    [MAX_COHORT],
  );
  return rows.map((r) => r.id);
}

/**
 * The households a forecast is drawn from, and the default draw. RESAMPLE: the status holders'
 * households (R2) of the earlier periods, resampled week by week for the rest of the period by
 * `resampleArrivals` (libs/matching: as many per week as arrived in that week of an earlier period
 * on average, over the periods with any arrival, drawn with the seed). COHORT: the households the
 * admin named, or those that arrived in the range, each once.
 */
async function forecastPool(
  deps: WorkerDeps,
  input: PlacePricesJobInput,
  windows: NonNullable<ReturnType<typeof forecastWindows>>,
): Promise<{ pool: string[]; source: string; draws: string[] }> {
  const linkable = `EXISTS (SELECT 1 FROM household_member m JOIN candidate c ON c.id = m.candidate_id WHERE m.household_id = h.id AND ${STATUS_HOLDER})`;
  if (input.forecast.method === 'COHORT') {
    const c = input.forecast.cohort ?? {};
    const rows: { id: string }[] = c.householdIds
      ? await deps.ds.query(`SELECT h.id FROM household h WHERE h.id = ANY($1::uuid[]) AND ${linkable} ORDER BY h.id`, [c.householdIds])
      : await deps.ds.query(
          `SELECT h.id FROM household h WHERE ($1::date IS NULL OR h.arrival_date >= $1::date) AND ($2::date IS NULL OR h.arrival_date <= $2::date) AND ${linkable}
            ORDER BY h.arrival_date, h.id LIMIT $3`,
          [c.arrivedFrom ?? null, c.arrivedTo ?? null, MAX_COHORT],
        );
    const source = c.householdIds ? `a named cohort of ${c.householdIds.length} households` : `the households that arrived from ${c.arrivedFrom ?? 'the start'} to ${c.arrivedTo ?? 'now'}`;
    const pool = rows.map((r) => r.id);
    return { pool, source, draws: pool };
  }
  const earliest = windows.earlier[windows.earlier.length - 1];
  const latest = windows.earlier[0];
  const first = `${earliest.period.slice(0, 4)}-${earliest.period.endsWith('H1') ? '01' : '07'}-01`;
  const past: { id: string; arrivalDate: string }[] = await deps.ds.query(
    `SELECT h.id, to_char(h.arrival_date, 'YYYY-MM-DD') AS "arrivalDate" FROM household h
      WHERE h.arrival_date BETWEEN $1::date AND $2::date AND ${linkable} ORDER BY h.arrival_date, h.id`,
    [first, latest.to],
  );
  const to = new Date(Date.parse(`${windows.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const draws = resampleArrivals(past, { from: windows.exactFrom, to, seed: input.forecast.seed }).map((a) => a.household.id);
  // What the draw can pick from (reported as the pool): the households of those weeks.
  const inWindow = new Set(past.filter((h) => windows.earlier.some((w) => h.arrivalDate >= w.from && h.arrivalDate <= w.to)).map((h) => h.id));
  const source = `the households that arrived in the same weeks of ${windows.earlier.map((w) => w.period).join(', ')} (${earliest.from}…${latest.to})`;
  return { pool: [...inWindow], source, draws };
}
