import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-errors';
import { BACKGROUND_SQL } from '../../database/typeorm-logger';
import { JobEntity, JobKind, JobStatus } from './job.entity';

/** A process that renews no heartbeat for this long is taken to be gone. */
export const STALE_AFTER_SECONDS = 20;
/** A run interrupted this many times is not started again but marked FAILED. */
export const MAX_ATTEMPTS = 2;

export const FINAL: ReadonlySet<JobStatus> = new Set(['DONE', 'FAILED', 'CANCELLED']);

/** A claimed job, as a worker needs it. */
export interface ClaimedJob {
  id: string;
  kind: JobKind;
  input: Record<string, unknown>;
  attempts: number;
}

/**
 * The durable job queue: one table, claimed with `FOR UPDATE SKIP LOCKED`, so any number of API
 * processes on one database share it without two taking the same job, on the embedded database
 * and a server alike. A table rather than pg-boss: a job's status, progress and phase are what
 * `scenario(id)` and `placementJob(id)` show, so they belong in a row the API reads anyway;
 * claiming, heartbeats, cancellation and recovery are a handful of statements; and pg-boss's own
 * schema, maintenance and retry machinery would be one more thing to run on PGlite's single
 * session for features (cron, archiving, retries with back-off) this queue does not need.
 */
@Injectable()
export class JobQueue {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Adds a job, in the caller's transaction when given; it waits behind the ones queued before it. */
  async enqueue(args: { kind: JobKind; input: Record<string, unknown>; createdBy: string | null; id?: string }, tx: EntityManager = this.ds.manager): Promise<string> {
    const id = args.id ?? randomUUID();
    await tx.query(`INSERT INTO job (id, kind, status, progress, phase, input, created_by) VALUES ($1, $2, 'QUEUED', 0, 'waiting for a free worker', $3, $4)`, [
      id,
      args.kind,
      JSON.stringify(args.input),
      args.createdBy,
    ]);
    return id;
  }

  /** The job as its callers show it: a queued one's phase also says what it waits behind (see `waitingBehind`). */
  async get(id: string): Promise<JobEntity | null> {
    const job = await this.ds.manager.findOne(JobEntity, { where: { id } });
    if (job) await this.describeWaits([job]);
    return job;
  }

  /** The job's status alone (null when there is none), for callers that only wait for it to end. */
  async statusOf(id: string): Promise<JobStatus | null> {
    const rows: { status: JobStatus }[] = await this.ds.query('SELECT status FROM job WHERE id = $1', [id]);
    return rows[0]?.status ?? null;
  }

  /** Fills in the phase of the queued ones among `jobs` (read elsewhere, e.g. with a list) as `get` does. */
  async describeWaits(jobs: readonly JobEntity[]): Promise<void> {
    const queued = jobs.filter((j) => j.status === 'QUEUED');
    if (queued.length === 0) return;
    const behind = await this.waitingBehind(queued.map((j) => j.id));
    for (const job of queued) job.phase = `${job.phase ?? 'waiting for a free worker'}: ${behind.get(job.id) ?? 'next in line'}`;
  }

  /**
   * What each of the queued jobs `ids` waits behind: the jobs running now (every kind shares the
   * workers) with their progress, and how many were queued before it. An evaluator whose run waits
   * a minute behind, say, the demo seed's place prices sees why, not only that it waits. Two
   * queries however many jobs a list shows.
   */
  private async waitingBehind(ids: string[]): Promise<Map<string, string>> {
    const running: { kind: string; progress: number }[] = await this.ds.query(`SELECT kind, progress FROM job WHERE status = 'RUNNING' ORDER BY started_at, created_at, id`);
    const places: { id: string; before: number }[] = await this.ds.query(
      `SELECT id, before FROM (SELECT id, (row_number() OVER (ORDER BY created_at, id) - 1)::int AS before FROM job WHERE status = 'QUEUED') q WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const now = running.length > 0 ? `${running.map((r) => `${r.kind} (${Math.floor(100 * r.progress)}%)`).join(', ')} running` : null;
    const out = new Map<string, string>();
    for (const { id, before } of places) {
      const parts: string[] = [];
      if (now) parts.push(now);
      if (before > 0) parts.push(`${before} queued before it`);
      out.set(id, parts.length === 0 ? 'next in line' : `behind ${parts.join(' and ')}`);
    }
    return out;
  }

  async mustGet(id: string, kind: JobKind): Promise<JobEntity> {
    const job = await this.get(id);
    if (!job || job.kind !== kind) throw new NotFoundError(kind === 'scenario' ? 'scenario' : kind === 'place-prices' ? 'place-price job' : kind === 'simulation' ? 'simulation' : 'placement job', id);
    return job;
  }

  /** The oldest queued job of `kinds`, now RUNNING for `worker`; null when none waits. */
  async claim(worker: string, kinds: readonly JobKind[]): Promise<ClaimedJob | null> {
    const rows: { id: string; kind: JobKind; input: Record<string, unknown>; attempts: number }[] = await this.ds.query(
      `${BACKGROUND_SQL} WITH claimed AS (
         UPDATE job SET status = 'RUNNING', worker = $1, started_at = now(), heartbeat_at = now(), attempts = attempts + 1, phase = 'starting', progress = 0
          WHERE id = (SELECT id FROM job WHERE status = 'QUEUED' AND kind = ANY($2::text[]) ORDER BY created_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
          RETURNING id, kind, input, attempts)
       SELECT * FROM claimed`,
      [worker, kinds],
    );
    return rows[0] ?? null;
  }

  /**
   * Renews the heartbeat of this process's running jobs and records their progress; answers
   * the ids among them whose cancellation was asked for (by any process).
   */
  async heartbeat(worker: string, running: { id: string; progress: number; phase: string }[]): Promise<string[]> {
    if (running.length === 0) return [];
    const rows: { id: string; cancel: boolean }[] = await this.ds.query(
      `${BACKGROUND_SQL} WITH beat AS (
         UPDATE job j SET heartbeat_at = now(), progress = r.progress, phase = r.phase
           FROM (SELECT * FROM unnest($2::uuid[], $3::float8[], $4::text[]) AS x(id, progress, phase)) r
          WHERE j.id = r.id AND j.status = 'RUNNING' AND j.worker = $1
          RETURNING j.id, j.cancel_requested_at IS NOT NULL AS cancel)
       SELECT * FROM beat`,
      [worker, running.map((r) => r.id), running.map((r) => Math.max(0, Math.min(1, r.progress))), running.map((r) => r.phase.slice(0, 200))],
    );
    return rows.filter((r) => r.cancel).map((r) => r.id);
  }

  /**
   * Ends a running job of this process. `persist` writes its results in the same transaction
   * (a scenario's metrics), so a job is DONE only with its results saved.
   */
  async finish(
    id: string,
    worker: string,
    outcome: { status: 'DONE'; result?: Record<string, unknown> | null } | { status: 'FAILED' | 'CANCELLED'; error: string },
    persist?: (tx: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.ds.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `${BACKGROUND_SQL} WITH ended AS (
           UPDATE job SET status = $3::text, result = $4::jsonb, error = $5::text, finished_at = now(), heartbeat_at = now(),
                  progress = CASE WHEN $3::text = 'DONE' THEN 1 ELSE progress END,
                  phase = CASE $3::text WHEN 'DONE' THEN 'done' WHEN 'CANCELLED' THEN 'cancelled' ELSE 'failed' END
            WHERE id = $1 AND worker = $2 AND status = 'RUNNING' RETURNING id)
         SELECT * FROM ended`,
        [
          id,
          worker,
          outcome.status,
          outcome.status === 'DONE' && outcome.result ? JSON.stringify(outcome.result) : null,
          outcome.status === 'DONE' ? null : outcome.error,
        ],
      );
      if (rows.length === 0) return false;
      if (outcome.status === 'DONE' && persist) await persist(tx);
      return true;
    });
  }

  /**
   * Asks for a job to stop: a queued one is CANCELLED at once; a running one is flagged, and the
   * process running it stops its worker at its next heartbeat (half a second). Cancelling a
   * finished job changes nothing.
   */
  async requestCancel(id: string, kind: JobKind): Promise<JobEntity> {
    await this.mustGet(id, kind);
    await this.ds.query(
      `UPDATE job SET status = CASE WHEN status = 'QUEUED' THEN 'CANCELLED' ELSE status END,
              finished_at = CASE WHEN status = 'QUEUED' THEN now() ELSE finished_at END,
              phase = CASE WHEN status = 'QUEUED' THEN 'cancelled' ELSE phase END,
              error = CASE WHEN status = 'QUEUED' THEN 'cancelled before it started' ELSE error END,
              cancel_requested_at = CASE WHEN status IN ('QUEUED', 'RUNNING') THEN coalesce(cancel_requested_at, now()) ELSE cancel_requested_at END
        WHERE id = $1`,
      [id],
    );
    return this.mustGet(id, kind);
  }

  /**
   * Jobs whose process stopped renewing their heartbeat (a crash, kill -9, a restart): queued
   * again to be picked up, or FAILED with the reason once interrupted MAX_ATTEMPTS times, so none
   * stays RUNNING for ever. `all`: every RUNNING job regardless of its heartbeat, for a process
   * that knows it is the database's only one (the embedded database, at start).
   */
  async recoverStale(all = false): Promise<{ id: string; status: JobStatus }[]> {
    return this.ds.query(
      `${BACKGROUND_SQL} WITH recovered AS (UPDATE job SET
              status = CASE WHEN cancel_requested_at IS NOT NULL THEN 'CANCELLED' WHEN attempts < $1 THEN 'QUEUED' ELSE 'FAILED' END,
              error = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled'
                           WHEN attempts < $1 THEN NULL
                           ELSE 'interrupted ' || attempts || ' times (the API process running it stopped: a crash or a restart, last at ' || to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC); run it again' END,
              phase = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled' WHEN attempts < $1 THEN 'waiting to be run again after an interruption' ELSE 'failed' END,
              finished_at = CASE WHEN cancel_requested_at IS NOT NULL OR attempts >= $1 THEN now() ELSE NULL END,
              worker = NULL, progress = CASE WHEN attempts < $1 AND cancel_requested_at IS NULL THEN 0 ELSE progress END
        WHERE status = 'RUNNING' AND ($2 OR heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $3))
        RETURNING id, status)
       SELECT * FROM recovered`,
      [MAX_ATTEMPTS, all, STALE_AFTER_SECONDS],
    );
  }

  /** Queued jobs by kind (for the queue-depth metric and tests). */
  async depth(): Promise<Record<string, number>> {
    const rows: { kind: string; n: number }[] = await this.ds.query(`${BACKGROUND_SQL} SELECT kind, count(*)::int AS n FROM job WHERE status = 'QUEUED' GROUP BY kind`);
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }
}
