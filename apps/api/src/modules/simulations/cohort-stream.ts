import { HALF_YEAR_DAYS, type ArrivalStream, type StreamHousehold } from '@kansrijk/matching';
import type { Policy } from '@kansrijk/scoring';
import { JobInputError, type Progress, type WorkerDeps } from '../jobs/worker/task';
import { ageBand } from '../scenarios/scenario-metrics';

const DAY = 86_400_000;

/** The first and the day after the last day of a half-year like 2026-H2. */
export function periodBounds(period: string): { start: string; end: string; days: number } {
  const year = Number(period.slice(0, 4));
  const h1 = period.endsWith('H1');
  const start = `${year}-${h1 ? '01' : '07'}-01`;
  const end = h1 ? `${year}-07-01` : `${year + 1}-01-01`;
  return { start, end, days: Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY) };
}

/**
 * The day of the half-year on which a household is decided: its earliest status holder's
 * residence permit (domain §1: COA links within two weeks of the permit, so the permit is when the
 * household joins the queue), else its arrival date. A permit before the period makes it wait
 * from the first day; one after it, the last day (the stream covers one half-year).
 */
export function arrivalDay(permit: string | null, period: string): number {
  const { start, days } = periodBounds(period);
  if (!permit) return 0;
  const d = Math.round((Date.parse(`${permit}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY);
  return Math.min(Math.max(0, d), Math.min(days, HALF_YEAR_DAYS) - 1);
}

/**
 * An arrival stream from households in the database, built in the job's worker thread: every
 * allowed (household, municipality) pair (R12: within the tie radius of every hard tie) scored by
 * the scoring library with the policy in force, every bound refined to the exact link score (the
 * simulator compares policies pair by pair), and each municipality's remaining housing task of
 * the period (R11, CapacityService.forPeriod, not counting the cohort's own current decisions).
 * The first adult's monitoring attributes go with the household for the disparity report only
 * (R17: no policy sees them).
 */
export async function cohortStream(
  deps: WorkerDeps,
  args: { householdIds: string[]; period: string; onDate: string; policy: Policy },
  progress: Progress,
): Promise<{ stream: ArrivalStream; notes: string[] }> {
  const { period, onDate, policy } = args;
  const { found, missing } = await deps.cohorts.households(args.householdIds);
  const notes = missing.length ? [`${missing.length} of the named households have no members any more and are left out`] : [];
  if (found.length === 0) throw new JobInputError('input.cohort: none of the households has a member left');
  const cohort = await deps.cohorts.build({
    households: found,
    period,
    policy,
    onDate,
    parts: deps.threads,
    onProgress: (p) => progress(0.05 + 0.4 * p, `scoring ${found.length} households against every municipality (${Math.round(100 * p)}%)`),
  });
  const { pairs } = cohort.problem;
  const bounds: number[] = [];
  for (let k = 0; k < cohort.exact.length; k++) if (cohort.exact[k] === 0) bounds.push(k);
  progress(0.45, `scoring the remaining ${bounds.length} pairs exactly`);
  if (bounds.length) await cohort.refine(Int32Array.from(bounds));

  const ids = found.map((h) => h.id);
  const permits: { id: string; permit: string | null }[] = await deps.ds.query(
    `SELECT h.id, to_char(coalesce(min(c.permit_date) FILTER (WHERE c.legal_status = 'STATUS_HOLDER'), h.arrival_date), 'YYYY-MM-DD') AS permit
       FROM household h JOIN household_member m ON m.household_id = h.id JOIN candidate c ON c.id = m.candidate_id
      WHERE h.id = ANY($1::uuid[]) GROUP BY h.id`,
    [ids],
  );
  const permitOf = new Map(permits.map((r) => [r.id, r.permit]));
  const adults = cohort.households.flatMap((h) => h.adultIds.slice(0, 1));
  const monitoringRows: { id: string; gender: string | null; country: string | null }[] = await deps.ds.query(
    'SELECT candidate_id AS id, gender, country_of_birth AS country FROM candidate_monitoring WHERE candidate_id = ANY($1::uuid[])',
    [adults],
  );
  const monitoring = new Map(monitoringRows.map((r) => [r.id, r]));

  const byHousehold: number[][] = cohort.households.map(() => []);
  for (let k = 0; k < pairs.hh.length; k++) byHousehold[pairs.hh[k]].push(k);
  const households: StreamHousehold[] = cohort.households.map((h, i) => {
    const ks = byHousehold[i];
    const first = h.adultIds[0];
    const member = first ? h.members.find((m) => m.id === first) : undefined;
    const mon = first ? monitoring.get(first) : undefined;
    return {
      id: h.id,
      persons: h.persons,
      day: arrivalDay(permitOf.get(h.id) ?? h.arrival, period),
      mun: Int32Array.from(ks, (k) => pairs.mun[k]),
      // Link scores lie in [0, 1]; the clamp only guards against rounding.
      score: Float64Array.from(ks, (k) => Math.min(1, Math.max(0, pairs.score[k]))),
      tieHolder: h.tiePoints.length > 0,
      monitoring: { gender: mon?.gender ?? 'unknown', ageBand: member?.birthDate ? ageBand(member.birthDate, onDate) : 'unknown', origin: mon?.country ?? 'unknown' },
    };
  });
  const municipalities = cohort.problem.municipalities.map((m) => ({ code: m.code, capacity: m.capacity, regionCode: m.regionCode, population: m.population }));
  // No earlier half-year: the dynamic policy's forecast learns from the cohort's own arrivals as they come (blendedForecast).
  return { stream: { municipalities, households }, notes };
}
