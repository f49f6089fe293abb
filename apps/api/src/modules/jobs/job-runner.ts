import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { hostname } from 'os';
import { Worker } from 'worker_threads';
import type { EntityManager } from 'typeorm';
import { DATABASE_TARGET } from '../../config/config.module';
import { Environment } from '../../config/environment';
import { DatabaseTarget } from '../../database/database-target';
import { JobKind } from './job.entity';
import { ClaimedJob, FINAL, JobQueue } from './job-queue';
import type { FromWorker, ToWorker } from './worker/task';
import type { JobWorkerData } from './worker/job-worker';
import { startWorker } from './worker/start-worker';

/** What the API thread does with a finished job of one kind (save its results, audit it). */
export interface JobHandler {
  /** Runs in the transaction that marks the job DONE. */
  persist?(job: ClaimedJob, result: Record<string, unknown>, tx: EntityManager): Promise<void>;
  /** Keep the result in the job's own row (e.g. a placement plan); default false. */
  keepResult?: boolean;
}

interface Slot {
  worker: Worker | null;
  job: ClaimedJob | null;
  progress: number;
  phase: string;
  /**
   * Its last job's outcome is being saved: the slot takes no new job until that is committed, so
   * a job never starts (by the periodic poll) before the one ahead of it is marked finished.
   */
  ending: boolean;
  idleTimer?: NodeJS.Timeout;
}

const HEARTBEAT_MS = 500;
const POLL_MS = 1000;
const RECOVER_MS = 5000;

/**
 * Runs queued jobs in worker threads, at most JOB_CONCURRENCY at once in this process (default
 * one per core less one, at least one), oldest first; the request thread only claims, relays
 * progress and saves results. Every half second it renews the heartbeat of its running jobs and
 * learns of cancellations (any process may ask): a cancelled job's worker is terminated at once,
 * so it stops within a second. Jobs whose process stopped renewing their heartbeat are queued
 * again (or failed after MAX_ATTEMPTS) by whichever process notices first.
 *
 * Worker threads rather than piscina: each worker keeps a matching index between jobs and is
 * terminated to cancel one, so a pool's task queue and thread recycling would add nothing; the
 * queue is the database's.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  /** This process in the queue's `worker` column. */
  readonly name = `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly slots: Slot[];
  private readonly handlers = new Map<JobKind, JobHandler>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private timers: NodeJS.Timeout[] = [];
  private claiming = false;
  private stopped = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly env: Environment,
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
  ) {
    this.slots = Array.from({ length: env.jobConcurrency }, () => ({ worker: null, job: null, progress: 0, phase: '', ending: false }));
    this.register('selftest', { keepResult: true });
  }

  register(kind: JobKind, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.JOBS_ENABLED) return;
    // The embedded database belongs to this process alone: whatever it left RUNNING was interrupted.
    const recovered = await this.queue.recoverStale(this.target.kind === 'embedded');
    this.report(recovered);
    this.timers.push(setInterval(() => void this.beat(), HEARTBEAT_MS));
    this.timers.push(setInterval(() => this.kick(), POLL_MS));
    this.timers.push(setInterval(() => void this.queue.recoverStale().then((r) => this.report(r)).catch(() => undefined), RECOVER_MS));
    for (const t of this.timers) t.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    // A job cut short by a shutdown is queued again by the next process to start (or to notice).
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }

  /**
   * Starts the first job slot's worker and has it read the open vacancies now, as a first job
   * would (JOB_WORKER_WARM): called once the API serves, so that the first what-if after a start
   * finds them read. A job claimed meanwhile runs on that worker and waits for the read (then
   * catches up from the change feed). Resolves with what was read, or null when nothing was warmed
   * (jobs or warming off, every slot busy, the worker failed); never rejects.
   */
  async warm(): Promise<{ vacancies: number; seconds: number } | null> {
    return (this.warming = this.warmSlot(this.slots[0]));
  }

  /**
   * The latest warm-up (`warm`, or the one after a cancel: see `stop`), as `warm` resolves; null
   * before any. For tests, which wait for it rather than for the log line.
   */
  warming: Promise<{ vacancies: number; seconds: number } | null> | null = null;

  /** `warm` for one slot. */
  private async warmSlot(slot: Slot | undefined): Promise<{ vacancies: number; seconds: number } | null> {
    if (!this.env.JOBS_ENABLED || !this.env.JOB_WORKER_WARM || this.stopped) return null;
    // A job already holds the slot: its worker reads the vacancies for it.
    if (!slot || slot.job || slot.ending) return null;
    const worker = (slot.worker ??= this.spawn(slot));
    const answer = await new Promise<FromWorker | null>((resolve) => {
      const onMessage = (m: FromWorker) => {
        if (m.type !== 'warmed' && m.type !== 'warm-failed') return;
        worker.off('message', onMessage);
        resolve(m);
      };
      worker.on('message', onMessage);
      worker.once('exit', () => resolve(null));
      worker.postMessage({ type: 'warm' } satisfies ToWorker);
    });
    // Idle from now on unless a job came meanwhile: it frees the memory after JOB_WORKER_IDLE_SECONDS, as after a job.
    if (!slot.job && slot.worker === worker) this.idle(slot);
    if (answer?.type === 'warmed') {
      this.logger.log(`job worker ready: ${answer.vacancies.toLocaleString('en')} open vacancies read in ${answer.seconds} s`);
      return { vacancies: answer.vacancies, seconds: answer.seconds };
    }
    if (answer?.type === 'warm-failed' && !this.stopped) this.logger.warn(`job worker warm-up failed (the first job reads the vacancies itself): ${answer.message}`);
    return null;
  }

  /** Looks for queued jobs now (after queueing one, or when a worker frees up). */
  kick(): void {
    if (this.stopped || this.claiming || !this.env.JOBS_ENABLED) return;
    this.claiming = true;
    void this.fill().finally(() => (this.claiming = false));
  }

  /** Resolves when the job reaches a final status (in this process or any other). */
  async waitFor(id: string, timeoutMs = 15 * 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      // The status alone: a waiter polls, and needs no queued job's description of what it waits behind.
      const status = await this.queue.statusOf(id);
      if (!status || FINAL.has(status)) return;
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(id) ?? [];
        list.push(resolve);
        this.waiters.set(id, list);
        setTimeout(resolve, 500).unref();
      });
    }
  }

  /** Cancels a job this process runs, at once (other processes' jobs stop at their next heartbeat). */
  async cancelLocal(id: string): Promise<void> {
    const slot = this.slots.find((s) => s.job?.id === id);
    if (slot) await this.stop(slot, 'CANCELLED', 'cancelled');
  }

  /** Running jobs of this process, for tests and metrics. */
  running(): { id: string; kind: JobKind; progress: number; phase: string }[] {
    return this.slots.filter((s) => s.job).map((s) => ({ id: s.job!.id, kind: s.job!.kind, progress: s.progress, phase: s.phase }));
  }

  private async fill(): Promise<void> {
    try {
      for (const slot of this.slots) {
        if (slot.job || slot.ending || this.stopped) continue;
        const job = await this.queue.claim(this.name, [...this.handlers.keys()]);
        if (!job) return;
        this.start(slot, job);
      }
    } catch (err) {
      if (!this.stopped) this.logger.warn(`claiming a job failed: ${(err as Error).message}`);
    }
  }

  private start(slot: Slot, job: ClaimedJob): void {
    clearTimeout(slot.idleTimer);
    slot.job = job;
    slot.progress = 0;
    slot.phase = 'starting';
    const worker = (slot.worker ??= this.spawn(slot));
    const message: ToWorker = { type: 'run', jobId: job.id, kind: job.kind, input: job.input };
    worker.postMessage(message);
    this.logger.log(`job ${job.id} (${job.kind}) started, attempt ${job.attempts}`);
  }

  private spawn(slot: Slot): Worker {
    const file = require.resolve('./worker/job-worker');
    const workerData: JobWorkerData = { databaseUrl: this.target.url, logLevel: this.env.LOG_LEVEL, threads: this.env.jobThreads };
    const worker = startWorker(file, workerData);
    worker.on('message', (m: FromWorker) => void this.onMessage(slot, worker, m));
    // A worker ended by a shutdown (onModuleDestroy) is not a failure: its job stays RUNNING and
    // is queued again by the next process (or the next recovery), as after a crash.
    worker.on('error', (err) => {
      if (this.stopped) return;
      this.logger.error(`a job worker failed: ${err.stack ?? err.message}`);
      if (slot.worker === worker) void this.lost(slot, `the worker thread stopped unexpectedly (${err.message})`);
    });
    worker.on('exit', (code) => {
      if (!this.stopped && slot.worker === worker) void this.lost(slot, `the worker thread exited (code ${code})`);
    });
    return worker;
  }

  private async onMessage(slot: Slot, worker: Worker, m: FromWorker): Promise<void> {
    // The warm-up's answer is `warm`'s own.
    if (m.type === 'warmed' || m.type === 'warm-failed') return;
    if (slot.worker !== worker || slot.job?.id !== m.jobId) return;
    if (m.type === 'progress') {
      slot.progress = m.progress;
      slot.phase = m.phase;
      return;
    }
    const job = slot.job;
    slot.job = null;
    await this.ending(slot, async () => {
      try {
        if (m.type === 'done') {
          const handler = this.handlers.get(job.kind);
          const ok = await this.queue.finish(job.id, this.name, { status: 'DONE', result: handler?.keepResult ? m.result : null }, (tx) => handler?.persist?.(job, m.result, tx) ?? Promise.resolve());
          this.logger.log(`job ${job.id} (${job.kind}) ${ok ? 'done' : 'finished after it was taken from this process; result dropped'}`);
        } else {
          await this.queue.finish(job.id, this.name, { status: 'FAILED', error: m.message });
          this.logger.warn(`job ${job.id} (${job.kind}) failed: ${m.message}`);
        }
      } catch (err) {
        this.logger.error(`saving the outcome of job ${job.id} failed: ${(err as Error).message}`);
      }
    });
    this.settled(job.id);
    this.idle(slot);
    this.kick();
  }

  /** Renews heartbeats, writes progress, and stops the jobs someone cancelled. */
  private async beat(): Promise<void> {
    const running = this.slots.filter((s) => s.job);
    if (running.length === 0) return;
    try {
      const cancelled = await this.queue.heartbeat(
        this.name,
        running.map((s) => ({ id: s.job!.id, progress: s.progress, phase: s.phase })),
      );
      for (const id of cancelled) {
        const slot = this.slots.find((s) => s.job?.id === id);
        if (slot) await this.stop(slot, 'CANCELLED', 'cancelled');
      }
    } catch (err) {
      if (!this.stopped) this.logger.warn(`job heartbeat failed: ${(err as Error).message}`);
    }
  }

  /** Terminates a slot's worker and ends its job with `status`. */
  private async stop(slot: Slot, status: 'CANCELLED' | 'FAILED', error: string): Promise<void> {
    const job = slot.job;
    const worker = slot.worker;
    slot.job = null;
    slot.worker = null;
    await this.ending(slot, async () => {
      await worker?.terminate();
      if (job) {
        await this.queue.finish(job.id, this.name, { status, error }).catch((err) => this.logger.error(`ending job ${job.id} failed: ${(err as Error).message}`));
        this.logger.log(`job ${job.id} (${job.kind}) ${status.toLowerCase()}`);
        this.settled(job.id);
      }
    });
    this.kick();
    // Cancelling terminates the worker, and its index with it: the slot's new worker reads the
    // vacancies now (JOB_WORKER_WARM), so an evaluator who stops a run to change it and runs it
    // again does not wait for that read. A job the kick claims meanwhile takes the same worker
    // and waits for the read, as at a start.
    if (!this.stopped) this.warming = this.warmSlot(slot);
  }

  /** The slot's worker died: its job fails with the reason, and the next job gets a new worker. */
  private async lost(slot: Slot, reason: string): Promise<void> {
    slot.worker = null;
    const job = slot.job;
    slot.job = null;
    if (job) {
      await this.ending(slot, () => this.queue.finish(job.id, this.name, { status: 'FAILED', error: reason }).then(() => undefined, () => undefined));
      this.settled(job.id);
    }
    this.kick();
  }

  /** Runs `save` (a job's outcome being written) with the slot closed to new jobs until it ends (see `Slot.ending`). */
  private async ending(slot: Slot, save: () => Promise<void>): Promise<void> {
    slot.ending = true;
    try {
      await save();
    } finally {
      slot.ending = false;
    }
  }

  /** An idle worker keeps its index for the next job a while, then gives its memory back. */
  private idle(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (slot.job || !slot.worker) return;
      const w = slot.worker;
      slot.worker = null;
      void w.terminate();
    }, this.env.JOB_WORKER_IDLE_SECONDS * 1000);
    slot.idleTimer.unref();
  }

  private settled(id: string): void {
    for (const resolve of this.waiters.get(id) ?? []) resolve();
    this.waiters.delete(id);
  }

  private report(rows: { id: string; status: string }[]): void {
    for (const r of rows) this.logger.warn(`job ${r.id} was interrupted (its process stopped): ${r.status === 'QUEUED' ? 'queued to run again' : r.status.toLowerCase()}`);
    if (rows.some((r) => r.status === 'QUEUED')) this.kick();
  }
}
