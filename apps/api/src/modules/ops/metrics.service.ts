import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DATABASE_TARGET } from '../../config/config.module';
import { DatabaseTarget } from '../../database/database-target';
import { ApiKeyService } from '../auth/api-key.service';
import { JobQueue } from '../jobs/job-queue';
import { JobRunner } from '../jobs/job-runner';
import { MatchingService } from '../matching/matching.service';

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (prom-client's defaults: CPU, resident memory, V8 heap and its
 * spaces, external memory, event-loop lag, GC, handles), once per process however many apps
 * it creates (tests, benchmarks), plus the memory held in ArrayBuffers, which prom-client
 * leaves out and where PGlite's WebAssembly memory and network buffers live.
 */
function processMetrics(): Registry {
  if (processRegistry) return processRegistry;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'kansrijk_process_array_buffers_bytes',
    help: 'Memory held in ArrayBuffers and SharedArrayBuffers (part of nodejs_external_memory_bytes), as process.memoryUsage() reports it.',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage().arrayBuffers);
    },
  });
  processRegistry = registry;
  return registry;
}

/** Kinds of jobs whose queue depth is shown from the start (0 until a queue sets it). */
export const JOB_KINDS = ['scenario', 'placement'] as const;

/**
 * Prometheus metrics of this API process, served at /metrics (see ops-endpoints.ts):
 *
 * - `kansrijk_requests_total{operation,outcome}` and `kansrijk_request_duration_seconds{operation,outcome}`:
 *   GraphQL requests by the schema field asked for (`jobSuggestions`, `multiple`, `none` when
 *   refused before GraphQL) and outcome (`ok` or the error code the client got);
 * - `kansrijk_matching_index_records{kind}` (vacancies, candidates) and `kansrijk_matching_index_ready`;
 * - `kansrijk_job_queue_depth{kind}`: jobs waiting in the queue (read when scraped), `kansrijk_jobs_running{kind}`: this process's;
 * - `kansrijk_verified_key_cache_entries`;
 * - on the embedded database: `kansrijk_embedded_db_connections`, `kansrijk_embedded_db_waiting_connections`
 *   (connections queued behind the one holding PGlite's single session) and
 *   `kansrijk_embedded_db_wasm_memory_bytes`;
 * - the process's own (processMetrics above).
 *
 * Labels are schema names and error codes only, never values from a request.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'outcome'>;
  private readonly jobQueue: Gauge<'kind'>;

  constructor(matching: MatchingService, keys: ApiKeyService, queue: JobQueue, runner: JobRunner, @Inject(DATABASE_TARGET) target: DatabaseTarget) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'kansrijk_requests_total', help: 'GraphQL requests answered, by operation (schema field) and outcome (ok or error code).', labelNames: ['operation', 'outcome'], registers });
    this.duration = new Histogram({
      name: 'kansrijk_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to the end of its answer, by operation and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    new Gauge({
      name: 'kansrijk_matching_index_records',
      help: 'Records held by the in-memory matching index (open vacancies, candidates).',
      labelNames: ['kind'],
      registers,
      collect() {
        const s = matching.status();
        this.set({ kind: 'vacancies' }, s.vacancies ?? 0);
        this.set({ kind: 'candidates' }, s.candidates ?? 0);
      },
    });
    new Gauge({
      name: 'kansrijk_matching_index_ready',
      help: '1 once the matching index is built, else 0.',
      registers,
      collect() {
        this.set(matching.status().state === 'built' ? 1 : 0);
      },
    });
    this.jobQueue = new Gauge({
      name: 'kansrijk_job_queue_depth',
      help: 'Jobs queued in the database and not yet started, by kind (all processes).',
      labelNames: ['kind'],
      registers,
      // Read from the queue's table when scraped (one small statement).
      async collect() {
        const depth = await queue.depth().catch(() => ({}) as Record<string, number>);
        for (const kind of JOB_KINDS) this.set({ kind }, depth[kind] ?? 0);
      },
    });
    new Gauge({
      name: 'kansrijk_jobs_running',
      help: 'Jobs this process runs now in its worker threads, by kind.',
      labelNames: ['kind'],
      registers,
      collect() {
        const running = runner.running();
        for (const kind of JOB_KINDS) this.set({ kind }, running.filter((r) => r.kind === kind).length);
      },
    });
    new Gauge({
      name: 'kansrijk_verified_key_cache_entries',
      help: 'API keys whose verification this process holds (bounded).',
      registers,
      collect() {
        this.set(keys.cachedCount);
      },
    });
    if (target.stats) {
      const stats = () => target.stats!();
      new Gauge({
        name: 'kansrijk_embedded_db_connections',
        help: 'Open connections to the embedded database.',
        registers,
        collect() {
          this.set(stats().connections);
        },
      });
      new Gauge({
        name: 'kansrijk_embedded_db_waiting_connections',
        help: "Connections waiting for the embedded database's single session while another holds it.",
        registers,
        collect() {
          this.set(stats().waiting);
        },
      });
      new Gauge({
        name: 'kansrijk_embedded_db_wasm_memory_bytes',
        help: "The embedded database's WebAssembly memory (it never shrinks).",
        registers,
        collect() {
          this.set(stats().wasmMemoryBytes);
        },
      });
    }
  }

  /** Counts one answered GraphQL request. */
  observeRequest(operation: string, outcome: string, seconds: number): void {
    this.requests.inc({ operation, outcome });
    this.duration.observe({ operation, outcome }, seconds);
  }

  /** The text exposition (Prometheus format 0.0.4) of this app's metrics and the process's. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    const [own, proc] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { contentType: this.registry.contentType, body: `${own}\n${proc}` };
  }
}
