/**
 * The entry point of a job worker thread (see JobRunner): takes one job at a time from the API
 * thread, runs it with its own database connection and matching index, and reports progress and
 * the result. Nothing here runs on the thread that answers requests.
 */
import 'reflect-metadata';
import { Logger, LogLevel } from '@nestjs/common';
import { parentPort, workerData } from 'worker_threads';
import { DataSource } from 'typeorm';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { dataSourceOptions } from '../../../database/data-source-options';
import { CapacityService } from '../../linking/capacity.service';
import { CohortService } from '../../placement/cohort.service';
import { runPlacePricesTask } from '../../place-prices/place-prices.task';
import { runPlacementTask } from '../../placement/placement.task';
import { ReferenceIndex } from '../../reference/reference-index.service';
import { runScenarioTask } from '../../scenarios/scenario.task';
import { runSimulationTask } from '../../simulations/simulation.task';
import { PolicyService } from '../../suggestions/policy.service';
import type { JobKind } from '../job.entity';
import { FromWorker, JobInputError, JobTask, ToWorker, WorkerDeps } from './task';
import { runSelftestTask } from './selftest.task';
import { HelperThreads } from './helper-threads';
import { lowerThreadPriority } from './thread-priority';
import { WorkerIndex } from './worker-index';

export interface JobWorkerData {
  databaseUrl: string;
  logLevel: LogLevel;
  /** Threads a job may use, this worker's own included (JOB_THREADS). */
  threads: number;
}

const TASKS: Record<JobKind, JobTask> = { scenario: runScenarioTask, placement: runPlacementTask, 'place-prices': runPlacePricesTask, simulation: runSimulationTask, selftest: runSelftestTask };
const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

const data = workerData as JobWorkerData;
Logger.overrideLogger(LEVELS.slice(0, LEVELS.indexOf(data.logLevel) + 1));
const logger = new Logger('JobWorker');
lowerThreadPriority();

let deps: Promise<WorkerDeps> | undefined;

function makeDeps(): Promise<WorkerDeps> {
  deps ??= (async () => {
    // Its own small pool: the worker reads its cohort and the vacancies itself and writes nothing.
    const ds = new DataSource(dataSourceOptions({ url: data.databaseUrl, poolMax: 2 }));
    await ds.initialize();
    const reference = new ReferenceIndex(ds);
    const capacity = new CapacityService(ds, reference);
    const index = new WorkerIndex(ds);
    const cohorts = new CohortService(ds, reference, capacity, index);
    const threads = new HelperThreads(data.threads);
    // The partner's copy of the index follows this one: built at the first refresh (the warm-up's,
    // JOB_WORKER_WARM, or the first job's), then brought up to date at every refresh after.
    index.onRefreshed = () => {
      const source = index.mirrorSource;
      if (source) threads.mirror(source, (n) => index.trimLog(n));
    };
    return { ds, reference, capacity, cohorts, policies: new PolicyService(), index, threads };
  })();
  return deps;
}

const post = (m: FromWorker) => parentPort!.postMessage(m);

parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'warm') void warm();
  else if (m.type === 'run') void run(m);
});

/** Reads the open vacancies before any job asks (JOB_WORKER_WARM): a job that starts meanwhile waits for this read (WorkerIndex.refresh). */
async function warm(): Promise<void> {
  const t0 = performance.now();
  try {
    const d = await makeDeps();
    await d.index.refresh(() => undefined, Date.now());
    post({ type: 'warmed', vacancies: d.index.vacancies, seconds: Math.round(performance.now() - t0) / 1000 });
  } catch (err) {
    post({ type: 'warm-failed', message: err instanceof Error ? err.message : String(err) });
  }
}

async function run(m: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  let last = 0;
  const progress = (share: number, phase: string) => {
    const now = performance.now();
    if (now - last < 100 && share < 1) return; // the API thread writes it every half second anyway
    last = now;
    post({ type: 'progress', jobId: m.jobId, progress: Math.max(0, Math.min(1, share)), phase });
  };
  let d: WorkerDeps | null = null;
  try {
    d = await makeDeps();
    const result = await TASKS[m.kind](m.input, d, progress);
    post({ type: 'done', jobId: m.jobId, result });
  } catch (err) {
    const userError = err instanceof JobInputError || err instanceof BadUserInputError;
    if (!userError) logger.error(`job ${m.jobId} (${m.kind}) failed: ${err instanceof Error ? err.stack : String(err)}`);
    post({ type: 'failed', jobId: m.jobId, message: userError ? (err as Error).message : 'the run failed; see the server log', userError });
  } finally {
    // The part the partner kept for this job's plans is not needed any more.
    d?.threads.release();
  }
}
