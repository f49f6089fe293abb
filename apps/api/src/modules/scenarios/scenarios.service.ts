import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { Page } from '../../common/pagination';
import { AuditService } from '../audit/audit.service';
import { periodOf } from '../housing/housing-task';
import { JobEntity, jobState } from '../jobs/job.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobRunner } from '../jobs/job-runner';
import { today } from '../matching/matching.service';
import { MAX_COHORT } from '../placement/cohort.service';
import { OutcomeModelService } from '../outcome/outcome-model.service';
import { PolicyService } from '../suggestions/policy.service';
import { CohortSelector, ExportFormat, Scenario, ScenarioInput } from './models/scenario.models';
import { Metrics } from './scenario-metrics';
import { ScenarioEntity } from './scenario.entity';

const toScenario = (e: ScenarioEntity, job: JobEntity): Scenario => {
  const r = e.results as {
    baseline: Metrics;
    variant: Metrics;
    difference: Metrics;
    changedHouseholds: number;
    outcomeModelVersions?: { baseline: string | null; variant: string | null };
  } | null;
  return {
    id: e.id,
    name: e.name,
    ...jobState(job),
    period: e.period,
    onDate: e.onDate,
    cohortSize: e.cohort.householdIds.length,
    cohortLeftOut: e.cohort.notStatusHolders ?? 0,
    policyOverride: JSON.stringify(e.policyOverride),
    baselinePolicyVersion: e.baselinePolicyVersion,
    variantPolicyVersion: e.variantPolicyVersion,
    baselineOutcomeModelVersion: r?.outcomeModelVersions?.baseline ?? null,
    variantOutcomeModelVersion: r?.outcomeModelVersions?.variant ?? null,
    baseline: r?.baseline ?? null,
    variant: r?.variant ?? null,
    difference: r?.difference ?? null,
    changedHouseholds: r?.changedHouseholds ?? null,
  };
};

/**
 * What-if scenarios: the cohort is planned twice, under the default policy and under the
 * variant, each with its own scores, hard ties and housing totals, and the outcomes are
 * compared, including disparities by gender, age band and origin from the monitoring attributes
 * (R17: read for this report only, never scored). A run is a job (scenario.task.ts runs it in a
 * worker thread): this service queues it, shows its progress and keeps its results.
 */
@Injectable()
export class ScenariosService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    private readonly outcome: OutcomeModelService,
  ) {}

  onModuleInit(): void {
    this.runner.register('scenario', {
      persist: async (job, result, tx) => {
        await tx.query('UPDATE scenario SET results = $2 WHERE id = $1', [job.id, JSON.stringify(result)]);
      },
    });
  }

  /** Queues a run (checked first: a bad policy or an empty cohort is refused now, not later). */
  async run(principal: Principal, input: ScenarioInput): Promise<Scenario> {
    const onDate = today();
    const variant = this.policies.resolve(input.policy, 'input.policy', onDate);
    const baseline = this.policies.inForce(onDate);
    const { householdIds, notStatusHolders } = await this.select(input.cohort);
    const id = randomUUID();
    const entity = this.ds.manager.create(ScenarioEntity, {
      id,
      name: input.name,
      createdBy: principal.keyId,
      period: input.period ?? periodOf(new Date()),
      onDate,
      cohort: { selector: JSON.parse(JSON.stringify(input.cohort)), householdIds, notStatusHolders },
      policyOverride: JSON.parse(JSON.stringify(input.policy)),
      balanceTolerance: input.balanceTolerance ?? null,
      baselinePolicyVersion: baseline.version,
      variantPolicyVersion: variant.version,
      results: null,
    });
    await this.ds.transaction(async (tx) => {
      // The outcome model in use now goes with the job (R14): the run reports with the model the evaluator saw.
      const model = this.outcome.current()?.model.file ?? null;
      await this.queue.enqueue({ id, kind: 'scenario', input: { scenarioId: id, ...(model ? { outcomeModel: model } : {}) }, createdBy: principal.keyId }, tx);
      await tx.save(entity);
      await this.audit.record(principal, { action: 'scenario.run', subjectType: 'scenario', subjectRefs: [id], details: { name: input.name, households: householdIds.length, notStatusHolders, variantPolicyVersion: variant.version } }, tx);
    });
    this.runner.kick();
    if (input.wait) await this.runner.waitFor(id);
    return this.get(id);
  }

  /** Stops a queued or running run (within a second); a finished one is left as it is. */
  async cancel(principal: Principal, id: string): Promise<Scenario> {
    const job = await this.queue.requestCancel(id, 'scenario');
    await this.runner.cancelLocal(id);
    await this.audit.record(principal, { action: 'scenario.cancelled', subjectType: 'scenario', subjectRefs: [id], details: { statusWhenAsked: job.status } });
    return this.get(id);
  }

  async get(id: string): Promise<Scenario> {
    const [e, job] = await Promise.all([this.ds.manager.findOne(ScenarioEntity, { where: { id } }), this.queue.get(id)]);
    if (!e || !job) throw new NotFoundError('scenario', id);
    return toScenario(e, job);
  }

  async list(skip: number, take: number): Promise<Page<Scenario>> {
    const [rows, total] = await this.ds.manager.findAndCount(ScenarioEntity, { relations: { job: true }, order: { job: { createdAt: 'DESC' }, id: 'ASC' }, skip, take });
    // A queued run's phase in the list is the one scenario(id) shows: what it waits behind.
    await this.queue.describeWaits(rows.map((e) => e.job!));
    return { items: rows.map((e) => toScenario(e, e.job!)), total };
  }

  /** The scenario as JSON, or as CSV rows `section,dimension,group,metric,baseline,variant,difference`. */
  async export(id: string, format: ExportFormat): Promise<string> {
    const s = await this.get(id);
    if (format === ExportFormat.JSON) return JSON.stringify(s, null, 2);
    return scenarioCsv(s);
  }

  /**
   * The cohort's households. R2: only status holders' households are linked, so a range leaves out
   * a household without a status holder (and the run says how many), and a list naming one is
   * refused with the rule.
   */
  private async select(c: CohortSelector): Promise<{ householdIds: string[]; notStatusHolders: number }> {
    const byRange = c.arrivedFrom !== undefined || c.arrivedTo !== undefined || c.syntheticOnly !== undefined;
    if (!!c.householdIds === byRange) {
      throw BadUserInputError.of('input.cohort', 'oneOf', 'give householdIds, or a range (arrivedFrom, arrivedTo, syntheticOnly), not both and not neither');
    }
    if (c.householdIds) {
      const others: { id: string }[] = await this.ds.query(
        `SELECT h.id FROM household h WHERE h.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM household_member m JOIN candidate x ON x.id = m.candidate_id WHERE m.household_id = h.id AND ${STATUS_HOLDER})`,
        [c.householdIds],
      );
      const bad = new Set(others.map((o) => o.id));
      if (bad.size) {
        throw new BadUserInputError(
          c.householdIds.flatMap((id, i) => (bad.has(id) ? [{ field: `input.cohort.householdIds[${i}]`, rule: 'R2', message: `household ${id} has no status holder: only status holders' households are linked (R2)` }] : [])),
        );
      }
      return { householdIds: c.householdIds, notStatusHolders: 0 };
    }
    const rows: { id: string; linkable: boolean }[] = await this.ds.query(
      `SELECT h.id, EXISTS (SELECT 1 FROM household_member m JOIN candidate x ON x.id = m.candidate_id WHERE m.household_id = h.id AND ${STATUS_HOLDER}) AS linkable
         FROM household h
        WHERE ($1::date IS NULL OR h.arrival_date >= $1::date) AND ($2::date IS NULL OR h.arrival_date <= $2::date)
          AND ($3::boolean IS NOT TRUE OR h.synthetic)
          AND EXISTS (SELECT 1 FROM household_member m WHERE m.household_id = h.id)
        ORDER BY h.arrival_date NULLS LAST, h.id LIMIT $4`,
      [c.arrivedFrom ?? null, c.arrivedTo ?? null, c.syntheticOnly ?? null, c.limit ?? MAX_COHORT],
    );
    const linkable = rows.filter((r) => r.linkable);
    if (linkable.length === 0) {
      throw BadUserInputError.of('input.cohort', 'notEmpty', rows.length ? `the cohort selects no status holders' household (${rows.length} left out under R2)` : 'the cohort selects no household');
    }
    return { householdIds: linkable.map((r) => r.id), notStatusHolders: rows.length - linkable.length };
  }
}

/** A member who is a status holder (R2), for `candidate x`. */
const STATUS_HOLDER = `x.legal_status = 'STATUS_HOLDER'`;

const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(Math.round(x * 1e6) / 1e6));
const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV of a finished scenario: one row per metric, region and group, baseline / variant / difference. */
export function scenarioCsv(s: Scenario): string {
  const rows: string[][] = [['section', 'dimension', 'group', 'metric', 'baseline', 'variant', 'difference']];
  if (!s.baseline || !s.variant || !s.difference) return `${rows[0].join(',')}\n`;
  const [b, v, d] = [s.baseline, s.variant, s.difference];
  const scalar: (keyof Metrics)[] = [
    'households', 'householdsPlaced', 'personsPlaced', 'meanLinkScore', 'objective', 'upperBound', 'gap', 'greedyObjective', 'greedyPlaced',
    'hardTiesHonouredShare', 'hardTies', 'meanDistanceToWorkTieKm', 'reachableVacanciesPerAdult',
  ];
  for (const m of scalar) rows.push(['summary', '', '', m, num(b[m] as number), num(v[m] as number), num(d[m] as number)]);
  rows.push(['summary', '', '', 'changedHouseholds', '', '', num(s.changedHouseholds)]);
  const [be, ve, de] = [b.expectedEmployment, v.expectedEmployment, d.expectedEmployment];
  if (be && ve && de) for (const k of ['expected', 'low', 'high'] as const) rows.push(['summary', '', be.modelVersion, `expectedEmployed24.${k}`, num(be[k]), num(ve[k]), num(de[k])]);
  // R11, R12: the shortage of each side, and the unplaced by household size (runs stored before it have none).
  const [bs, vs] = [b.shortage, v.shortage];
  if (bs && vs) {
    const diff = (x: number | null, y: number | null) => (x === null || y === null ? null : y - x);
    rows.push(['shortage', '', '', 'places', num(bs.places), num(vs.places), num(diff(bs.places, vs.places))]);
    rows.push(['shortage', '', '', 'shortfall', num(bs.shortfall), num(vs.shortfall), num(diff(bs.shortfall, vs.shortfall))]);
    rows.push(['shortage', '', '', 'tieHolderPlaces', num(bs.tieHolders.places), num(vs.tieHolders.places), num(diff(bs.tieHolders.places, vs.tieHolders.places))]);
    for (const size of [...new Set([...bs.bySize, ...vs.bySize].map((c) => c.persons))].sort((x, y) => x - y)) {
      const bu = bs.bySize.find((c) => c.persons === size)?.unplaced ?? 0;
      const vu = vs.bySize.find((c) => c.persons === size)?.unplaced ?? 0;
      rows.push(['shortage', 'householdSize', String(size), 'unplaced', num(bu), num(vu), num(vu - bu)]);
    }
  }
  for (const r of b.regions) {
    const vr = v.regions.find((x) => x.regionCode === r.regionCode)!;
    const dr = d.regions.find((x) => x.regionCode === r.regionCode)!;
    rows.push(['region', 'labourMarketRegion', r.regionCode, 'personsPlaced', num(r.persons), num(vr.persons), num(dr.persons)]);
    rows.push(['region', 'labourMarketRegion', r.regionCode, 'capacity', num(r.capacity), num(vr.capacity), num(dr.capacity)]);
  }
  for (const g of d.disparities) {
    const bg = b.disparities.find((x) => x.dimension === g.dimension && x.group === g.group);
    const vg = v.disparities.find((x) => x.dimension === g.dimension && x.group === g.group);
    for (const m of ['people', 'placedShare', 'meanLinkScore', 'meanReachableVacancies'] as const) {
      rows.push(['fairness', g.dimension, g.group, m, num(bg?.[m]), num(vg?.[m]), num(g[m])]);
    }
  }
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
