import { Worker } from 'worker_threads';
import { cohortParts, scoreCohortPart, solvePlacement, type CohortScorerArgs, type CohortSide, type PlacementOptions, type PlacementPlan, type PlacementProblem, type SolvePlacement } from '@kansrijk/matching';
import type { OutcomeModelFile } from '@kansrijk/outcome';
import type { MunicipalityProfile, VacancyProfile } from '@kansrijk/scoring';
import type { CohortPartScorer, CohortPartScores } from '../../placement/cohort.service';

/** To a helper thread: one part of a cohort to score, with everything it is scored with. */
export interface ScorePart {
  kind: 'score';
  part: number;
  parts: number;
  vacancies: VacancyProfile[];
  sides: CohortSide[];
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

  /**
   * Where the wall time of the last `score` went, seconds: handing the helpers their data (a copy
   * of the vacancies, on this thread), this thread's own parts, each helper's index and part, and
   * how long this thread then waited for them.
   */
  lastScoring: { handOver: number; own: number; helpers: { index: number; scoring: number; all: number }[]; waited: number } | null = null;

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

  async score(args: CohortScorerArgs, parts: number, onProgress?: (share: number) => void): Promise<CohortPartScores[]> {
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
    const helperTimes: { index: number; scoring: number; all: number }[] = [];
    const outcome = (args.outcome?.file as OutcomeModelFile | undefined) ?? null;
    const started = Array.from({ length: helpers }, (_, h) => this.run<{ part: CohortPartScores; seconds: { index: number; scoring: number } }>({ kind: 'score', part: h + 1, parts, vacancies, sides: [...args.sides], municipalities: args.municipalities, households: args.households, onDate: args.onDate, outcome, capacity: args.capacity, topK: args.topK }, `scoring part ${h + 2} of ${parts}`, (share) => {
      shares[h + 1] = share;
      report();
    }).then(({ part, seconds }) => {
      helperTimes[h] = { ...seconds, all: secondsSince(t0) };
      return part;
    }));
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
    const own0 = secondsSince(t1);
    const t2 = performance.now();
    const fromHelpers = await Promise.all(started);
    this.lastScoring = { handOver, own: own0, helpers: helperTimes, waited: secondsSince(t2) };
    const all = [own[0], ...fromHelpers, ...own.slice(1)];
    const expected = cohortParts(args.households.length, parts);
    all.forEach((p, q) => {
      if (p.households.length !== expected[q].length) throw new Error(`scoring threads: part ${q} came back with ${p.households.length} households, not ${expected[q].length}`);
    });
    return all;
  }

  private run<T>(message: ToHelper, what: string, onShare: (share: number) => void): Promise<T> {
    const file = require.resolve('./helper-thread');
    // Under ts-node-like registration (npm start, tests) the helper loads TypeScript the same way.
    const execArgv = file.endsWith('.ts') ? ['-r', '@swc-node/register'] : [];
    const worker = new Worker(file, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
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
