import type { Worker } from 'worker_threads';
import {
  scoreCohortPart,
  solvePlacement,
  type CohortScorerArgs,
  type CohortScoringStats,
  type CohortSide,
  type MatchingIndex,
  type PlacementOptions,
  type PlacementPlan,
  type PlacementProblem,
  type RefinedPairs,
  type RefineRequest,
  type SolvePlacement,
} from '@kansrijk/matching';
import type { OutcomeModelFile } from '@kansrijk/outcome';
import type { JobMatchContext, MunicipalityProfile, VacancyProfile } from '@kansrijk/scoring';
import type { CohortPartScorer, CohortPartScores, PartRefiner, ScoredParts, ScoringSeconds } from '../../placement/cohort.service';
import { startWorker } from './start-worker';
import type { VacancyChange } from './worker-index';

/** To the partner: build a copy of the worker's index from these vacancies and the context it was built with. */
export interface MirrorIndex {
  kind: 'index';
  vacancies: VacancyProfile[];
  context: JobMatchContext;
}

/** To the partner: the changes the worker's index took since the copy was made (or last brought up to date), in order. */
export interface MirrorChanges {
  kind: 'changes';
  changes: VacancyChange[];
}

/**
 * To the partner: one part of a cohort to score with its copy of the index. A side whose
 * catalogue or labour demand is the one the copy was built with (`mirrored`) is sent without it
 * and gets the copy's own, so that both threads score under the same index layer.
 */
export interface ScorePart {
  kind: 'score';
  id: number;
  /** When it was sent (ms since the epoch): the time it then waits behind the copy's building is reported. */
  sentAt: number;
  part: number;
  parts: number;
  sides: readonly CohortSide[];
  mirrored: { catalogue: boolean; labourDemand: boolean }[];
  municipalities: readonly MunicipalityProfile[];
  households: CohortScorerArgs['households'];
  onDate: string;
  outcome: OutcomeModelFile | null;
  capacity?: readonly Int32Array[];
  topK?: number;
}

/**
 * To the partner: refine pairs of the part it scored with `scoreId` (numbered as that part's scores
 * number them), after taking `known`: pairs of its households the worker made exact meanwhile.
 */
export interface RefinePart {
  kind: 'refine';
  id: number;
  scoreId: number;
  requests: RefineRequest[];
  known: RefinedPairs[];
}

/** To the partner: the job is done with the part it scored (its scorer and scores are dropped). */
export interface ReleasePart {
  kind: 'release';
}

/** To the partner: one placement problem to solve (`solvePlacement`). */
export interface SolvePlan {
  kind: 'solve';
  id: number;
  problem: PlacementProblem;
  options: PlacementOptions;
}

export type ToHelper = MirrorIndex | MirrorChanges | ScorePart | RefinePart | ReleasePart | SolvePlan;

export type FromHelper =
  | { type: 'progress'; id: number; share: number }
  | { type: 'scored'; id: number; part: CohortPartScores; seconds: { index: number; scoring: number } }
  | { type: 'refined'; id: number; refined: RefinedPairs[]; stats: CohortScoringStats }
  | { type: 'solved'; id: number; plan: PlacementPlan }
  | { type: 'failed'; id: number | null; message: string };

/** What the partner's copy of the index is a copy of: which index, how far along its changes, with which context objects. */
interface MirrorState {
  index: MatchingIndex;
  changes: number;
  catalogue: unknown;
  labourDemand: unknown;
  /** How much of the source's change log the copy has taken; null when the copy was made from the index alone (see `score`). */
  logTaken: number | null;
}

interface Partner {
  worker: Worker;
  state: MirrorState | null;
  pending: Map<number, { resolve: (m: FromHelper) => void; reject: (e: Error) => void; onShare: (share: number) => void; what: string }>;
}

/** A copy of the worker's index as WorkerIndex offers it (`mirrorSource`). */
export interface MirrorSource {
  index: MatchingIndex;
  context: JobMatchContext;
  log: readonly VacancyChange[];
}

/**
 * A job worker's helper threads, for the two steps of a what-if that split cleanly (Node's
 * `worker_threads` directly, as for the job worker itself):
 * - a cohort's scoring in parts (CohortService, `cohortParts`): part 0 on the job worker's own
 *   thread, part 1 on the partner, a helper that lives as long as the job worker and keeps a copy
 *   of its matching index: built once from the vacancies the worker holds, then brought up to
 *   date with the same changes at every refresh (`mirror`), so a job hands it only its cohort and
 *   both threads score against the same vacancies. The partner keeps its part's scorer, so the
 *   plans refine part 1's households there (`ScoredParts.refiner`) while the worker refines part
 *   0's, until the job `release`s it;
 * - the plans of problems solved together (`solveCohorts`: a what-if's baseline and variant):
 *   the first on the partner, the next here, at once. The same plans as one after the other.
 *
 * More than two parts (or threads) would add nothing yet: COHORT_PARTS is 2, so one partner.
 * The helpers run at the same low priority as the worker: on an idle machine a what-if uses every
 * core it is given, under request load the API's thread still goes first. Cancelling the job
 * (which terminates the job worker) ends its helpers with it.
 */
export class HelperThreads implements CohortPartScorer {
  /** Helpers at work now (solving). */
  private busy = 0;
  private partner: Partner | null = null;
  private nextId = 1;

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
      // On the partner: between a job's scoring and its refining it has nothing else to do.
      const p = this.partnerThread();
      const id = this.nextId++;
      return await this.ask(p, { kind: 'solve', id, problem, options }, 'solving a plan', (m) => (m.type === 'solved' ? m.plan : undefined));
    } finally {
      this.busy--;
    }
  };

  /**
   * Brings the partner's copy of the index up to date with `source` (the job worker's, after each
   * refresh): the changes since the last time when the copy follows the same index, else the whole
   * index again (a rebuilt index, new labour demand, a copy made some other way). Returns at once:
   * the partner works through it while the worker goes on, and a part it is asked to score waits
   * behind it. `trim`, when given, is told how much of the log the copy has now taken, and drops
   * it from the log (WorkerIndex.trimLog): the log then holds only what the copy has not seen.
   */
  mirror(source: MirrorSource, trim?: (n: number) => void): void {
    if (this.threads < 2) return;
    const p = this.partnerThread();
    const st = p.state;
    const { context, log } = source;
    const follows = st !== null && st.index === source.index && st.logTaken !== null && st.logTaken <= log.length && st.catalogue === context.catalogue && st.labourDemand === context.labourDemand;
    const fresh = follows ? log.slice(st.logTaken!) : [];
    if (follows && !fresh.some((c) => 'context' in c)) {
      if (fresh.length > 0) p.worker.postMessage({ kind: 'changes', changes: fresh } satisfies MirrorChanges);
    } else this.sendIndex(p, source.index, context);
    let logTaken = log.length;
    if (trim) {
      trim(log.length);
      logTaken = 0;
    }
    p.state = { index: source.index, changes: source.index.vacancyChanges, catalogue: context.catalogue, labourDemand: context.labourDemand, logTaken };
  }

  async score(args: CohortScorerArgs, parts: number, onProgress?: (share: number) => void): Promise<ScoredParts> {
    // One partner scores part 1; any further parts are scored on this thread, after its own.
    const helped = this.threads >= 2 && parts >= 2;
    const shares = new Float64Array(parts);
    let reported = 0;
    const report = () => {
      if (!onProgress) return;
      // While this thread scores, the partner's messages wait: take its share to be as far as this one's.
      reported = Math.max(reported, shares.reduce((a, b) => a + b, 0) / parts);
      onProgress(reported);
    };
    const t0 = performance.now();
    const secondsSince = (t: number) => Math.round(performance.now() - t) / 1000;
    let helperTimes: ScoringSeconds['helpers'] = [];
    let refiner: PartRefiner | undefined;
    const started = helped
      ? this.scoreOnPartner(args, 1, parts, (share) => {
          shares[1] = share;
          report();
        }).then(({ part, seconds, refine }) => {
          helperTimes = [{ ...seconds, all: secondsSince(t0) }];
          refiner = { part: 1, refine };
          return part;
        })
      : null;
    const handOver = secondsSince(t0);
    const t1 = performance.now();
    // Keep the partner's failure observed, whichever is awaited first.
    started?.catch(() => undefined);
    const own: CohortPartScores[] = [];
    for (let q = 0; q < parts; q++) {
      if (helped && q === 1) continue;
      own.push(
        scoreCohortPart(args, q, parts, (share) => {
          // Until the partner is heard from, it is taken to be as far as this thread.
          shares[q] = share;
          if (helped) shares[1] = Math.max(shares[1], share);
          report();
        }),
      );
    }
    const ownSeconds = secondsSince(t1);
    const t2 = performance.now();
    if (!started) return { parts: own, seconds: null };
    const fromPartner = await started;
    return { parts: [own[0], fromPartner, ...own.slice(1)], seconds: { handOver, own: ownSeconds, helpers: helperTimes, waited: secondsSince(t2) }, refiner };
  }

  /** The job is done with the part the partner scored: it drops that part's scorer (and its memory). */
  release(): void {
    this.partner?.worker.postMessage({ kind: 'release' } satisfies ReleasePart);
  }

  /** Ends the partner (its copy of the index goes with it); the next `mirror` or `score` starts another. */
  async close(): Promise<void> {
    const p = this.partner;
    this.partner = null;
    await p?.worker.terminate();
  }

  /** Part q on the partner, with its copy of `args.index` (made now from the index itself when it holds no copy of it as it is). */
  private scoreOnPartner(
    args: CohortScorerArgs,
    q: number,
    parts: number,
    onShare: (share: number) => void,
  ): Promise<{ part: CohortPartScores; seconds: { index: number; scoring: number }; refine: PartRefiner['refine'] }> {
    const p = this.partnerThread();
    if (!p.state || p.state.index !== args.index || p.state.changes !== args.index.vacancyChanges) {
      const context = args.sides[0].context;
      this.sendIndex(p, args.index, context);
      p.state = { index: args.index, changes: args.index.vacancyChanges, catalogue: context.catalogue, labourDemand: context.labourDemand, logTaken: null };
    }
    const st = p.state;
    const id = this.nextId++;
    const what = `scoring part ${q + 1} of ${parts}`;
    const mirrored = args.sides.map((s) => ({ catalogue: s.context.catalogue === st.catalogue, labourDemand: s.context.labourDemand === st.labourDemand }));
    // What the partner has of its own is not sent again (the catalogue alone is megabytes).
    const sides = args.sides.map((s, i) => ({ policy: s.policy, context: { ...s.context, catalogue: mirrored[i].catalogue ? undefined : s.context.catalogue, labourDemand: mirrored[i].labourDemand ? null : s.context.labourDemand } as JobMatchContext }));
    const outcome = (args.outcome?.file as OutcomeModelFile | undefined) ?? null;
    const message: ScorePart = { kind: 'score', id, sentAt: performance.timeOrigin + performance.now(), part: q, parts, sides, mirrored, municipalities: args.municipalities, households: args.households, onDate: args.onDate, outcome, capacity: args.capacity, topK: args.topK };
    // The part's own scorer stays on the partner: the plans refine its households there.
    const refine: PartRefiner['refine'] = (requests, known = []) => {
      if (this.partner !== p) return Promise.reject(new Error(`helper thread, refining part ${q + 1} of ${parts}: the partner that scored it has stopped`));
      const rid = this.nextId++;
      return this.ask(p, { kind: 'refine', id: rid, scoreId: id, requests, known }, `refining part ${q + 1} of ${parts}`, (m) => (m.type === 'refined' ? { refined: m.refined, stats: m.stats } : undefined));
    };
    return this.ask(p, message, what, (m) => (m.type === 'scored' ? { part: m.part, seconds: m.seconds, refine } : undefined), onShare);
  }

  /** Sends the partner a message that asks for an answer (by its id), and resolves with what `answer` reads off the answer. */
  private ask<T>(p: Partner, message: ScorePart | RefinePart | SolvePlan, what: string, answer: (m: FromHelper) => T | undefined, onShare: (share: number) => void = () => undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      p.pending.set(message.id, {
        resolve: (m) => {
          const value = answer(m);
          if (value !== undefined) resolve(value);
        },
        reject,
        onShare,
        what,
      });
      p.worker.postMessage(message);
    });
  }

  /** Has the partner build its copy of `index` from every vacancy it holds. */
  private sendIndex(p: Partner, index: MatchingIndex, context: JobMatchContext): void {
    p.worker.postMessage({ kind: 'index', vacancies: index.vacancyProfiles(), context } satisfies MirrorIndex);
  }

  /** The partner thread, started when there is none. A partner that fails or stops takes its jobs' parts with it (they reject) and is started afresh next time. */
  private partnerThread(): Partner {
    if (this.partner) return this.partner;
    const worker = startWorker(require.resolve('./helper-thread'));
    // A job worker ends when it is idle or cancelled; its partner must not keep it (or a test) alive.
    worker.unref();
    const p: Partner = { worker, state: null, pending: new Map() };
    const lost = (reason: string) => {
      if (this.partner === p) this.partner = null;
      for (const { reject, what } of p.pending.values()) reject(new Error(`helper thread, ${what}, ${reason}`));
      p.pending.clear();
      void worker.terminate();
    };
    worker.on('message', (m: FromHelper) => {
      if (m.type === 'progress') p.pending.get(m.id)?.onShare(m.share);
      else if (m.type === 'scored' || m.type === 'refined' || m.type === 'solved') {
        p.pending.get(m.id)?.resolve(m);
        p.pending.delete(m.id);
      } else if (m.type === 'failed' && m.id !== null && p.pending.has(m.id)) {
        const { reject, what } = p.pending.get(m.id)!;
        p.pending.delete(m.id);
        reject(new Error(`helper thread, ${what}: ${m.message}`));
      } else if (m.type === 'failed') lost(`lost its copy of the index: ${m.message}`);
    });
    worker.on('error', (err) => lost(`stopped: ${err.message}`));
    worker.on('exit', (code) => lost(`exited with code ${code} before it answered`));
    this.partner = p;
    return p;
  }
}
