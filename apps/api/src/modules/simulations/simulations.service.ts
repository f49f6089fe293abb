import { Injectable, OnModuleInit } from '@nestjs/common';
import { Principal, Role } from '../../common/auth/role';
import { AuditService } from '../audit/audit.service';
import { JobEntity } from '../jobs/job.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobRunner } from '../jobs/job-runner';
import { Simulation, SimulationInput, SimulationPolicyResult } from './simulation.models';
import type { SimulationJobInput } from './simulation.task';

/**
 * Arrival simulations (runSimulation): a job like a what-if scenario; the result (metrics per
 * policy, no per-household data) stays in the job's row. Seen by the key that started it and by admins.
 */
@Injectable()
export class SimulationsService implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.runner.register('simulation', { keepResult: true });
  }

  async run(principal: Principal, input: SimulationInput): Promise<Simulation> {
    const job: SimulationJobInput = {
      name: input.name,
      streamJsonl: input.streamJsonl ?? null,
      households: input.households,
      seed: input.seed,
      tightness: input.tightness,
      tieShare: input.tieShare,
      wave: input.wave ?? null,
      repriceDays: input.repriceDays ?? null,
      recentWeight: input.recentWeight ?? null,
    };
    const id = await this.queue.enqueue({ kind: 'simulation', input: job as unknown as Record<string, unknown>, createdBy: principal.keyId });
    const { streamJsonl, ...shown } = job;
    await this.audit.record(principal, { action: 'simulation.run', subjectType: 'job', subjectRefs: [id], details: { ...shown, source: streamJsonl ? `JSONL (${streamJsonl.length} characters)` : 'SYNTHETIC' } });
    this.runner.kick();
    if (input.wait) await this.runner.waitFor(id);
    return (await this.get(principal, id))!;
  }

  async get(principal: Principal, id: string): Promise<Simulation | null> {
    const job = await this.queue.get(id);
    if (!job || job.kind !== 'simulation' || !(principal.role === Role.ADMIN || job.createdBy === principal.keyId)) return null;
    return toSimulation(job);
  }
}

function toSimulation(job: JobEntity): Simulation {
  const input = job.input as unknown as SimulationJobInput;
  const r = job.status === 'DONE' ? (job.result as { households: number; persons: number; capacity: number; upperBound: number; policies: SimulationPolicyResult[] }) : null;
  return {
    id: job.id,
    name: input.name,
    status: job.status,
    progress: job.progress,
    phase: job.phase,
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    source: input.streamJsonl ? 'JSONL' : 'SYNTHETIC',
    households: r?.households ?? null,
    persons: r?.persons ?? null,
    capacity: r?.capacity ?? null,
    upperBound: r?.upperBound ?? null,
    policies: r?.policies ?? [],
  };
}
