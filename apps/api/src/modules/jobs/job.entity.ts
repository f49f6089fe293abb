import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type JobStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';
/** `selftest`: CPU only, for the queue's own tests (see worker/selftest.task.ts). */
export type JobKind = 'scenario' | 'placement' | 'place-prices' | 'simulation' | 'selftest';

/**
 * A unit of heavy work (a what-if run, a large cohort plan) in the durable queue: QUEUED until a
 * process with a free worker claims it (oldest first), RUNNING with progress, phase and a
 * heartbeat while a worker thread computes it, then DONE, FAILED (with the reason) or CANCELLED.
 */
@Entity({ name: 'job' })
@Check('chk_job_status', `"status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED')`)
@Check('chk_job_progress', `"progress" >= 0 AND "progress" <= 1`)
@Index('idx_job_created_by', ['createdBy'])
@Index('idx_job_queue', ['createdAt', 'id'], { where: `"status" = 'QUEUED'` })
@Index('idx_job_running', ['heartbeatAt'], { where: `"status" = 'RUNNING'` })
export class JobEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_job' })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: JobKind;

  @Column({ type: 'varchar', length: 10 })
  status: JobStatus;

  @Column({ type: 'double precision', default: 0 })
  progress: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  phase: string | null;

  /** What the worker needs to run it (plain JSON). */
  @Column({ type: 'jsonb' })
  input: Record<string, unknown>;

  /** The outcome when DONE, for kinds that keep it here (a placement plan). */
  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Renewed every half second by the process running it; an old one means that process is gone. */
  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  /** The process running it. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  worker: string | null;

  /** Times a process started it (a run interrupted by a crash is started once more). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'cancel_requested_at', type: 'timestamptz', nullable: true })
  cancelRequestedAt: Date | null;
}

/** The `phase` field's description on every model backed by a job (a queued job's phase is filled in by `JobQueue.get`). */
export const JOB_PHASE_WHILE_QUEUED = 'while QUEUED, what it waits behind (the jobs running, with their progress, and how many were queued before it).';
export const JOB_PHASE_DESCRIPTION = `What the job is doing now; ${JOB_PHASE_WHILE_QUEUED}`;

/** What every model backed by a job (scenario, plan, place prices, simulation) shows of it: its state and times. */
export function jobState(job: JobEntity): Pick<JobEntity, 'status' | 'progress' | 'phase' | 'error' | 'createdAt' | 'startedAt' | 'finishedAt'> {
  return { status: job.status, progress: job.progress, phase: job.phase, error: job.error, createdAt: job.createdAt, startedAt: job.startedAt, finishedAt: job.finishedAt };
}
