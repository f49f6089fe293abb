import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutcomeModelFile } from '@kansrijk/outcome';
import { Environment } from '../../config/environment';
import { Principal, Role } from '../../common/auth/role';
import { DomainError, NotFoundError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { JobEntity, jobState } from '../jobs/job.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobRunner } from '../jobs/job-runner';
import { OutcomeModelService } from '../outcome/outcome-model.service';
import { PlacementInput, PlacementJob, PlacementPlan } from './models/placement.models';
import { PlacementService, plannedEntry, planRequest, PlanRequest } from './placement.service';

export interface PlacementJobInput {
  request: PlanRequest;
  principal: Principal;
  /** The outcome model in use when the plan was asked for (plain data: the worker compiles it). */
  outcomeModel?: OutcomeModelFile;
}

/**
 * Cohort plans as jobs: a large cohort's plan is computed in a worker thread (the request thread
 * would stall every other caller for its whole solve). planPlacement waits for the job; clients
 * that prefer to poll start one and read placementJob(id). A job is visible to the key that
 * started it and to admins.
 */
@Injectable()
export class PlacementJobs implements OnModuleInit {
  constructor(
    private readonly placement: PlacementService,
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    private readonly audit: AuditService,
    private readonly env: Environment,
    private readonly outcome: OutcomeModelService,
  ) {}

  onModuleInit(): void {
    this.runner.register('placement', {
      keepResult: true,
      persist: async (job, result, tx) => {
        const input = job.input as unknown as PlacementJobInput;
        await this.audit.record(input.principal, plannedEntry(input.request, result as unknown as PlacementPlan), tx);
      },
    });
  }

  async plan(principal: Principal, input: PlacementInput): Promise<PlacementPlan> {
    if (input.householdIds.length <= this.env.PLACEMENT_SYNC_MAX_HOUSEHOLDS) return this.placement.plan(principal, input);
    const job = await this.start(principal, input);
    await this.runner.waitFor(job.id);
    const done = await this.queue.mustGet(job.id, 'placement');
    if (done.status === 'DONE') return done.result as unknown as PlacementPlan;
    // The worker reports a caller's mistake as the same sentence a synchronous plan would give.
    if (done.status === 'FAILED' && done.error?.startsWith('Invalid input:')) throw new DomainError('BAD_USER_INPUT', done.error);
    throw new DomainError('CONFLICT', `the plan did not finish (${done.status.toLowerCase()}${done.error ? `: ${done.error}` : ''}); placementJob(id: "${job.id}") has the details`);
  }

  async start(principal: Principal, input: PlacementInput): Promise<PlacementJob> {
    const request = planRequest(input);
    // The model in use now goes with the job, as the policy does: the worker scores with what the caller saw.
    const model = this.outcome.current()?.model.file ?? null;
    const payload: PlacementJobInput = { request, principal, ...(model ? { outcomeModel: model } : {}) };
    const id = await this.queue.enqueue({ kind: 'placement', input: payload as unknown as Record<string, unknown>, createdBy: principal.keyId });
    await this.audit.record(principal, { action: 'placement.queued', subjectType: 'job', subjectRefs: [id], details: { households: request.householdIds.length, period: request.period } });
    this.runner.kick();
    return toJob((await this.queue.get(id))!);
  }

  async get(principal: Principal, id: string): Promise<PlacementJob | null> {
    const job = await this.queue.get(id);
    if (!job || job.kind !== 'placement' || !this.maySee(principal, job)) return null;
    return toJob(job);
  }

  async cancel(principal: Principal, id: string): Promise<PlacementJob> {
    const seen = await this.queue.get(id);
    if (!seen || seen.kind !== 'placement' || !this.maySee(principal, seen)) throw new NotFoundError('placement job', id);
    await this.queue.requestCancel(id, 'placement');
    await this.runner.cancelLocal(id);
    await this.audit.record(principal, { action: 'placement.cancelled', subjectType: 'job', subjectRefs: [id], details: { statusWhenAsked: seen.status } });
    return toJob((await this.queue.get(id))!);
  }

  /** Whose job it is: the key that started it, or any admin. */
  private maySee(principal: Principal, job: JobEntity): boolean {
    return principal.role === Role.ADMIN || job.createdBy === principal.keyId;
  }
}

function toJob(job: JobEntity): PlacementJob {
  const input = job.input as unknown as PlacementJobInput;
  return {
    id: job.id,
    ...jobState(job),
    households: input.request.householdIds.length,
    period: input.request.period,
    plan: job.status === 'DONE' ? (job.result as unknown as PlacementPlan) : null,
  };
}
