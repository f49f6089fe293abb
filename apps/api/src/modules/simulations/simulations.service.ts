import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, Role } from '../../common/auth/role';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { periodOf } from '../housing/housing-task';
import { JobEntity, jobState } from '../jobs/job.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobRunner } from '../jobs/job-runner';
import { today } from '../matching/matching.service';
import type { Shortage } from '../placement/models/placement.models';
import { MAX_SIMULATION_COHORT, Simulation, SimulationCohortInput, SimulationInput, SimulationPolicyResult } from './simulation.models';
import type { SimulationJobInput } from './simulation.task';

/**
 * Arrival simulations (simulateArrivals): a job like a what-if scenario; the result (metrics per
 * policy, no per-household data) stays in the job's row. Seen by the key that started it and by admins.
 */
@Injectable()
export class SimulationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.runner.register('simulation', { keepResult: true });
  }

  /** Queues a run; a cohort is checked first (R2, R11, its size), so a bad one is refused now, not in the job. */
  async run(principal: Principal, input: SimulationInput): Promise<Simulation> {
    if (input.cohort && input.streamJsonl != null) throw BadUserInputError.of('input.cohort', 'oneOf', 'give a cohort or streamJsonl, not both');
    const job: SimulationJobInput = {
      name: input.name,
      streamJsonl: input.streamJsonl ?? null,
      cohort: input.cohort ? await this.select(input.cohort) : null,
      households: input.households,
      seed: input.seed,
      tightness: input.tightness,
      tieShare: input.tieShare,
      wave: input.wave ?? null,
      repriceDays: input.repriceDays ?? null,
      recentWeight: input.recentWeight ?? null,
    };
    const id = await this.queue.enqueue({ kind: 'simulation', input: job as unknown as Record<string, unknown>, createdBy: principal.keyId });
    const { streamJsonl, cohort, ...shown } = job;
    const source = streamJsonl ? `JSONL (${streamJsonl.length} characters)` : cohort ? `COHORT (${cohort.householdIds.length} households, ${cohort.period})` : 'SYNTHETIC';
    await this.audit.record(principal, { action: 'simulation.run', subjectType: 'job', subjectRefs: [id], details: { ...shown, source } });
    this.runner.kick();
    if (input.wait) await this.runner.waitFor(id);
    return (await this.get(principal, id))!;
  }

  async get(principal: Principal, id: string): Promise<Simulation | null> {
    const job = await this.queue.get(id);
    if (!job || job.kind !== 'simulation' || !(principal.role === Role.ADMIN || job.createdBy === principal.keyId)) return null;
    return toSimulation(job);
  }

  /**
   * The cohort's households. R2: only status holders' households are linked, so a permit range
   * leaves out a household without a status holder (counted), and a list naming one is refused
   * with the rule. R11: without a national total no municipality's room is limited, and a
   * simulation of who gets which place would compare nothing: refused.
   */
  private async select(c: SimulationCohortInput): Promise<NonNullable<SimulationJobInput['cohort']>> {
    const period = c.period ?? periodOf(new Date());
    const byRange = c.permitFrom !== undefined || c.permitTo !== undefined;
    if (!!c.householdIds === byRange) throw BadUserInputError.of('input.cohort', 'oneOf', 'give householdIds, or a permit range (permitFrom, permitTo), not both and not neither');
    const [{ total }]: { total: number | null }[] = await this.ds.query('SELECT (SELECT total FROM housing_national_total WHERE period = $1) AS total', [period]);
    if (total === null) {
      throw BadUserInputError.of('input.cohort.period', 'R11', `no national housing total is set for ${period}, so no municipality's room is limited and there is nothing to simulate; set it with setHousingNationalTotal`);
    }
    const onDate = today();
    if (c.householdIds) {
      const rows: { id: string; linkable: boolean }[] = await this.ds.query(
        `SELECT h.id, EXISTS (SELECT 1 FROM household_member m JOIN candidate x ON x.id = m.candidate_id WHERE m.household_id = h.id AND ${STATUS_HOLDER}) AS linkable
           FROM household h WHERE h.id = ANY($1::uuid[])`,
        [c.householdIds],
      );
      const linkable = new Set(rows.filter((r) => r.linkable).map((r) => r.id));
      const known = new Set(rows.map((r) => r.id));
      const problems = c.householdIds.flatMap((id, i) =>
        linkable.has(id)
          ? []
          : [
              known.has(id)
                ? { field: `input.cohort.householdIds[${i}]`, rule: 'R2', message: `household ${id} has no status holder: only status holders' households are linked (R2)` }
                : { field: `input.cohort.householdIds[${i}]`, rule: 'exists', message: `household ${id} not found` },
            ],
      );
      if (problems.length) throw new BadUserInputError(problems);
      return { householdIds: c.householdIds, period, onDate, leftOut: 0 };
    }
    // The earliest permit of a status holder in the household is when it enters the linking queue
    // (domain §1), else its arrival date: the same day the job gives it in the stream.
    const joined = `coalesce(min(x.permit_date) FILTER (WHERE ${STATUS_HOLDER}), min(x.permit_date), h.arrival_date)`;
    const rows: { id: string; linkable: boolean }[] = await this.ds.query(
      `SELECT h.id, bool_or(${STATUS_HOLDER}) AS linkable
         FROM household h JOIN household_member m ON m.household_id = h.id JOIN candidate x ON x.id = m.candidate_id
        GROUP BY h.id
       HAVING ($1::date IS NULL OR ${joined} >= $1::date) AND ($2::date IS NULL OR ${joined} <= $2::date)
        ORDER BY h.id`,
      [c.permitFrom ?? null, c.permitTo ?? null],
    );
    const linkable = rows.filter((r) => r.linkable).map((r) => r.id);
    if (linkable.length === 0) {
      throw BadUserInputError.of('input.cohort', 'notEmpty', rows.length ? `the range selects no status holders' household (${rows.length} left out under R2)` : 'the range selects no household');
    }
    if (linkable.length > MAX_SIMULATION_COHORT) {
      throw BadUserInputError.of('input.cohort.permitTo', 'arrayMaxSize', `the range selects ${linkable.length} status holders' households; a simulated cohort holds at most ${MAX_SIMULATION_COHORT} (every pair is scored exactly): narrow the range`);
    }
    return { householdIds: linkable, period, onDate, leftOut: rows.length - linkable.length };
  }
}

/** A member who is a status holder (R2), for `candidate x`. */
const STATUS_HOLDER = `x.legal_status = 'STATUS_HOLDER'`;

function toSimulation(job: JobEntity): Simulation {
  const input = job.input as unknown as SimulationJobInput;
  const r = job.status === 'DONE' ? (job.result as { households: number; persons: number; capacity: number; upperBound: number; shortage?: Shortage; policies: SimulationPolicyResult[] }) : null;
  return {
    id: job.id,
    name: input.name,
    ...jobState(job),
    source: input.streamJsonl ? 'JSONL' : input.cohort ? 'COHORT' : 'SYNTHETIC',
    cohortLeftOut: input.cohort ? input.cohort.leftOut : null,
    // Runs stored before the report have none.
    shortage: r?.shortage ?? null,
    households: r?.households ?? null,
    persons: r?.persons ?? null,
    capacity: r?.capacity ?? null,
    upperBound: r?.upperBound ?? null,
    policies: r?.policies ?? [],
  };
}
