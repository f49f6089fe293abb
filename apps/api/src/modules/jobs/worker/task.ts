import type { DataSource } from 'typeorm';
import type { CapacityService } from '../../linking/capacity.service';
import type { CohortService } from '../../placement/cohort.service';
import type { HelperThreads } from './helper-threads';
import type { ReferenceIndex } from '../../reference/reference-index.service';
import type { PolicyService } from '../../suggestions/policy.service';
import type { JobKind } from '../job.entity';
import type { WorkerIndex } from './worker-index';

/** What a task gets in its worker thread: its own connection and the services built on it. */
export interface WorkerDeps {
  ds: DataSource;
  reference: ReferenceIndex;
  capacity: CapacityService;
  cohorts: CohortService;
  policies: PolicyService;
  index: WorkerIndex;
  /** The job's helper threads (JOB_THREADS): a large cohort's parts scored, plans solved, at once. */
  threads: HelperThreads;
}

/** Reports how far a task is (0..1) and what it is doing, in words an evaluator reads. */
export type Progress = (share: number, phase: string) => void;

/** One kind of job, run in a worker thread: plain JSON in, plain JSON out. */
export type JobTask = (input: Record<string, unknown>, deps: WorkerDeps, progress: Progress) => Promise<Record<string, unknown>>;

/** A failure the caller caused (bad cohort, unknown household): reported as is, not as an internal error. */
export class JobInputError extends Error {}

/** Messages between the API thread and a job worker thread. */
export type ToWorker = { type: 'run'; jobId: string; kind: JobKind; input: Record<string, unknown> } | { type: 'warm' };
export type FromWorker =
  | { type: 'warmed'; vacancies: number; seconds: number }
  | { type: 'warm-failed'; message: string }
  | { type: 'progress'; jobId: string; progress: number; phase: string }
  | { type: 'done'; jobId: string; result: Record<string, unknown> }
  | { type: 'failed'; jobId: string; message: string; userError: boolean };
