import { scoreCohortPart, solvePlacement, type CohortScorerArgs, type CohortSide, type PlacementOptions, type PlacementPlan, type PlacementProblem, type SolvePlacement } from '@kansrijk/matching';
import type { OutcomeModelFile } from '@kansrijk/outcome';
import type { MunicipalityProfile, VacancyProfile } from '@kansrijk/scoring';
import type { CohortPartScorer, CohortPartScores, ScoredParts, ScoringSeconds } from '../../placement/cohort.service';
import { startWorker } from './start-worker';

/** To a helper thread: one part of a cohort to score, with everything it is scored with. */
export interface ScorePart {
  kind: 'score';
  part: number;
  parts: number;
  vacancies: VacancyProfile[];
  sides: readonly CohortSide[];
  municipalities: readonly MunicipalityProfile[];
  households: CohortScorerArgs['households'];
  onDate: string;
  outcome: OutcomeModelFile | null;
  capacity?: readonly Int32Array[];
  topK?: number;
}

/** To a helper thread: one placement problem to solve (`solvePlacement`). */
export interface SolvePlan {
  kind: 'solve';
  problem: PlacementProblem;
  options: PlacementOptions;
}

export type ToHelper = ScorePart | SolvePlan;

export type FromHelper = { type: 'progress'; share: number } | { type: 'scored'; part: CohortPartScores; seconds: { index: number; scoring: number } } | { type: 'solved'; plan: PlacementPlan } | { type: 'failed'; message: string };

/**
 * A job worker's helper threads, for the two steps of a what-if that split cleanly (Node's
 * `worker_threads` directly, as for the job worker itself: a helper does one piece of one job and
 * ends with it, so a pool's queue and recycling would add nothing):
 * - a cohort's scoring in parts (CohortService, `cohortParts`): part 0 on the job worker's own
 *   thread, the others each on a helper with its own copy of the matching index, built from the
 *   vacancies the worker's index holds at that moment (so every part scores against the same
 *   vacancies);
 * - the plans of problems solved together (`solveCohorts`: a what-if's baseline and variant):
 *   the first on a helper, the next here, at once. The same plans as one after the other.
 *
 * The helpers run at the same low priority as the worker: on an idle machine a what-if uses every
 * core it is given, under request load the API's thread still goes first. Cancelling the job
 * (which terminates the job worker) ends its helpers with it.
 */
export class HelperThreads implements CohortPartScorer {
  /** Helpers at work now (solving). */
  private busy = 0;

  /** `threads`: the threads a job may use, the job worker's own included (JOB_THREADS). */
  constructor(readonly threads: number) {}

  /**
   * `solvePlacement` on a helper while fewer than `threads - 1` are at work, else here. Options
   * that cannot be copied to another thread (a clock, a HiGHS instance) keep the solve here.
   */
  readonly solve: SolvePlacement = async (problem, options = {}) => {
    if (this.busy >= this.threads - 1 || options.clock || options.highs) return solvePlacement(problem, options);
    this.busy++;
    try {
      return await this.run<PlacementPlan>({ kind: 'solve', problem, options }, 'solving a plan', () => undefined);
    } finally {
      this.busy--;
    }
  };

  async score(args: CohortScorerArgs, parts: number, onProgress?: (share: number) => void): Promise<ScoredParts> {
    // Parts beyond the threads' number are scored on this thread, after its own.
    const helpers = Math.max(0, Math.min(this.threads, parts) - 1);
    const shares = new Float64Array(parts);
    let reported = 0;
    const report = () => {
      if (!onProgress) return;
      // While this thread scores, the helpers' messages wait: take theirs to be as far as its own.
      reported = Math.max(reported, shares.reduce((a, b) => a + b, 0) / parts);
      onProgress(reported);
    };
    const t0 = performance.now();
    const secondsSince = (t: number) => Math.round(performance.now() - t) / 1000;
    const vacancies = helpers > 0 ? args.index.vacancyProfiles() : [];
    const helperTimes: ScoringSeconds['helpers'] = [];
    const outcome = (args.outcome?.file as OutcomeModelFile | undefined) ?? null;
    const message = (part: number): ScorePart => ({ kind: 'score', part, parts, vacancies, sides: args.sides, municipalities: args.municipalities, households: args.households, onDate: args.onDate, outcome, capacity: args.capacity, topK: args.topK });
    const started = Array.from({ length: helpers }, (_, h) =>
      this.run<{ part: CohortPartScores; seconds: { index: number; scoring: number } }>(message(h + 1), `scoring part ${h + 2} of ${parts}`, (share) => {
        shares[h + 1] = share;
        report();
      }).then(({ part, seconds }) => {
        helperTimes[h] = { ...seconds, all: secondsSince(t0) };
        return part;
      }),
    );
    const handOver = secondsSince(t0);
    const t1 = performance.now();
    // Keep every helper's failure observed, whichever is awaited first.
    started.forEach((p) => p.catch(() => undefined));
    const own: CohortPartScores[] = [];
    for (let q = 0; q < parts; q++) {
      if (q >= 1 && q <= helpers) continue;
      own.push(
        scoreCohortPart(args, q, parts, (share) => {
          // Until the helpers are heard from, they are taken to be as far as this thread.
          shares[q] = share;
          for (let h = 1; h <= helpers; h++) shares[h] = Math.max(shares[h], share);
          report();
        }),
      );
    }
    const ownSeconds = secondsSince(t1);
    const t2 = performance.now();
    const fromHelpers = await Promise.all(started);
    return {
      parts: [own[0], ...fromHelpers, ...own.slice(1)],
      seconds: helpers > 0 ? { handOver, own: ownSeconds, helpers: helperTimes, waited: secondsSince(t2) } : null,
    };
  }

  private run<T>(message: ToHelper, what: string, onShare: (share: number) => void): Promise<T> {
    const worker = startWorker(require.resolve('./helper-thread'));
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const end = (err: Error | null, value?: T) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        if (err) reject(err);
        else resolve(value!);
      };
      worker.on('message', (m: FromHelper) => {
        if (m.type === 'progress') onShare(m.share);
        else if (m.type === 'scored') end(null, { part: m.part, seconds: m.seconds } as T);
        else if (m.type === 'solved') end(null, m.plan as T);
        else end(new Error(`helper thread, ${what}: ${m.message}`));
      });
      worker.on('error', (err) => end(new Error(`helper thread, ${what}, stopped: ${err.message}`)));
      worker.on('exit', (code) => end(new Error(`helper thread, ${what}, exited with code ${code} before it answered`)));
      worker.postMessage(message);
    });
  }
}
