import { parseStreamJsonl, simulate, syntheticStream, type ArrivalStream } from '@kansrijk/matching';
import { loadMunicipalities } from '@kansrijk/reference-data';
import { JobInputError, type JobTask } from '../jobs/worker/task';
import { toShortage } from '../placement/plan-report';
import { cohortStream } from './cohort-stream';

/** What a simulation job is asked to do (plain JSON in the job row). */
export interface SimulationJobInput {
  name: string;
  streamJsonl: string | null;
  /** Households in the database (checked on the request: R2, R11, size); absent in runs stored before it. */
  cohort?: { householdIds: string[]; period: string; onDate: string; leftOut: number } | null;
  households: number;
  seed: number;
  tightness: number;
  tieShare: number;
  wave: string | null;
  repriceDays: number | null;
  recentWeight: number | null;
}

/**
 * An arrival simulation, in a worker thread: the stream (given as JSON Lines, built from
 * households in the database and scored here, or a seeded synthetic one over the real
 * municipalities) is replayed with each household decided on its day
 * by today's practice, the top static suggestion and the dynamic suggestion, and each is compared
 * with the hindsight optimum (libs/matching `simulate`, pure). The result keeps the metrics only:
 * no per-household choice leaves the worker.
 */
export const runSimulationTask: JobTask = async (raw, deps, progress) => {
  const input = raw as unknown as SimulationJobInput;
  progress(0.05, input.streamJsonl ? 'reading the stream' : input.cohort ? `reading ${input.cohort.householdIds.length} households` : `drawing a synthetic stream of ${input.households} households`);
  // The R12 radius, for the shortage report's words: the policy's for a cohort, the synthetic stream's 50 km, unknown for a given stream.
  let tieRadiusKm: number | undefined;
  let stream: ArrivalStream;
  const notes: string[] = [];
  if (input.cohort) {
    const { householdIds, period, onDate } = input.cohort;
    await deps.index.refresh((p, phase) => progress(0.05 * p, phase), Date.now());
    const policy = deps.policies.inForce(onDate);
    tieRadiusKm = policy.params.tieRadiusKm;
    const built = await cohortStream(deps, { householdIds, period, onDate, policy }, progress);
    stream = built.stream;
    notes.push(...built.notes);
  } else {
    stream = givenStream(input);
    if (!input.streamJsonl) tieRadiusKm = 50;
  }
  progress(input.cohort ? 0.5 : 0.1, `replaying ${stream.households.length} arrivals under every policy and planning the hindsight optimum`);
  const r = await simulate(stream, { seed: input.seed, ...(input.repriceDays !== null ? { repriceDays: input.repriceDays } : {}), ...(input.recentWeight !== null ? { recentWeight: input.recentWeight } : {}) });
  return {
    households: stream.households.length,
    persons: r.persons,
    capacity: r.capacity,
    upperBound: r.hindsight.upperBound,
    runtimeMs: Math.round(r.runtimeMs),
    notes: [...notes, ...r.hindsight.notes],
    // Every stream's capacities are given (a cohort's: the period's national total is set, R11).
    shortage: toShortage(r.shortage, { capacityKnown: true, tieRadiusKm }),
    policies: r.metrics.map((m) => ({
      policy: m.policy,
      objective: m.objective,
      ofHindsight: m.ofHindsight,
      placed: m.placed,
      personsPlaced: m.personsPlaced,
      stranded: m.stranded,
      strandedHindsightPlaces: m.strandedHindsightPlaces,
      tieHolders: m.tieHolders,
      tieHoldersPlaced: m.tieHoldersPlaced,
      maxRegionDeviation: m.maxRegionDeviation,
      placedGap: m.placedGap,
      scoreGap: m.scoreGap,
      repricings: m.repricings,
      runtimeMs: Math.round(m.runtimeMs),
    })),
  };
};

/** A stream given as JSON Lines, or a seeded synthetic one over the real municipalities (R12 radius 50 km). */
function givenStream(input: SimulationJobInput): ArrivalStream {
  try {
    if (input.streamJsonl) return parseStreamJsonl(input.streamJsonl);
    const [nearCode, fromDay, share, flag] = input.wave ? input.wave.split(':') : [];
    const munis = loadMunicipalities().map((m) => ({ code: m.code, regionCode: m.regionCode, population: m.population, centroid: m.centroid }));
    if (nearCode && !munis.some((m) => m.code === nearCode)) throw new JobInputError(`input.wave: ${nearCode} is not a municipality`);
    return syntheticStream(munis, {
      seed: input.seed,
      households: input.households,
      tightness: input.tightness,
      tieShare: input.tieShare,
      ...(nearCode ? { wave: { nearCode, fromDay: Number(fromDay), share: Number(share), foreseen: flag !== 'unforeseen' } } : {}),
    });
  } catch (err) {
    if (err instanceof JobInputError) throw err;
    throw new JobInputError(`input.${input.streamJsonl ? 'streamJsonl' : 'households'}: ${(err as Error).message}`);
  }
}
