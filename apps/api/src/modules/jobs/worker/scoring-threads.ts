import { Worker } from 'worker_threads';
import { cohortParts, scoreCohortPart, type CohortScorerArgs, type CohortSide } from '@kansrijk/matching';
import type { OutcomeModelFile } from '@kansrijk/outcome';
import type { MunicipalityProfile, VacancyProfile } from '@kansrijk/scoring';
import type { CohortPartScorer, CohortPartScores } from '../../placement/cohort.service';

/** To a scoring thread: part `part` of `parts` of a cohort, with everything it is scored with. */
export interface ToScoringThread {
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

export type FromScoringThread = { type: 'progress'; share: number } | { type: 'done'; part: CohortPartScores } | { type: 'failed'; message: string };

/**
 * A job worker's helper threads for scoring a cohort in parts (CohortService, `cohortParts`): part
 * 0 on the job worker's own thread, the others each on a helper with its own copy of the matching
 * index, built from the vacancies the worker's index holds at that moment (so every part scores
 * against the same vacancies). Node's `worker_threads` directly, as for the job worker itself: a
 * helper runs one part of one job and ends with it, so a pool's queue would add nothing.
 *
 * The helpers run at the same low priority as the worker: on an idle machine a what-if uses every
 * core it is given, under request load the API's thread still goes first. A helper is spawned for
 * a job and ended after it; cancelling the job (which terminates the job worker) ends its helpers
 * with it.
 */
export class ScoringThreads implements CohortPartScorer {
  /** `threads`: the threads a cohort's scoring may use, the job worker's own included (JOB_SCORING_THREADS). */
  constructor(readonly threads: number) {}

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
    const vacancies = helpers > 0 ? args.index.vacancyProfiles() : [];
    const outcome = (args.outcome?.file as OutcomeModelFile | undefined) ?? null;
    const started = Array.from({ length: helpers }, (_, h) => this.run({ part: h + 1, parts, vacancies, sides: [...args.sides], municipalities: args.municipalities, households: args.households, onDate: args.onDate, outcome, capacity: args.capacity, topK: args.topK }, (share) => {
      shares[h + 1] = share;
      report();
    }));
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
    const fromHelpers = await Promise.all(started);
    const all = [own[0], ...fromHelpers, ...own.slice(1)];
    const expected = cohortParts(args.households.length, parts);
    all.forEach((p, q) => {
      if (p.households.length !== expected[q].length) throw new Error(`scoring threads: part ${q} came back with ${p.households.length} households, not ${expected[q].length}`);
    });
    return all;
  }

  private run(message: ToScoringThread, onShare: (share: number) => void): Promise<CohortPartScores> {
    const file = require.resolve('./scoring-thread');
    // Under ts-node-like registration (npm start, tests) the helper loads TypeScript the same way.
    const execArgv = file.endsWith('.ts') ? ['-r', '@swc-node/register'] : [];
    const worker = new Worker(file, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    return new Promise<CohortPartScores>((resolve, reject) => {
      let settled = false;
      const end = (err: Error | null, part?: CohortPartScores) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        if (err) reject(err);
        else resolve(part!);
      };
      worker.on('message', (m: FromScoringThread) => {
        if (m.type === 'progress') onShare(m.share);
        else if (m.type === 'done') end(null, m.part);
        else end(new Error(`scoring thread, part ${message.part} of ${message.parts}: ${m.message}`));
      });
      worker.on('error', (err) => end(new Error(`scoring thread, part ${message.part} of ${message.parts}, stopped: ${err.message}`)));
      worker.on('exit', (code) => end(new Error(`scoring thread, part ${message.part} of ${message.parts}, exited with code ${code} before it answered`)));
      worker.postMessage(message);
    });
  }
}
