import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { solvePlacement } from '@kansrijk/matching';
import type { Policy } from '@kansrijk/scoring';
import { Principal } from '../../common/auth/role';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { Page } from '../../common/pagination';
import { AuditService } from '../audit/audit.service';
import { periodOf } from '../housing/housing-task';
import { today } from '../matching/matching.service';
import { CohortHousehold, CohortService } from '../placement/cohort.service';
import { LabourDemandService } from '../labour-demand/labour-demand.service';
import { OutcomeModelService } from '../outcome/outcome-model.service';
import { PolicyService } from '../suggestions/policy.service';
import { CohortSelector, ExportFormat, Scenario, ScenarioInput } from './models/scenario.models';
import { changedHouseholds, computeMetrics, difference, Metrics, Monitoring } from './scenario-metrics';
import { ScenarioEntity } from './scenario.entity';

const toScenario = (e: ScenarioEntity): Scenario => {
  const r = e.results as { baseline: Metrics; variant: Metrics; difference: Metrics; changedHouseholds: number } | null;
  return {
    id: e.id,
    name: e.name,
    status: e.status,
    progress: e.progress,
    error: e.error,
    createdAt: e.createdAt,
    finishedAt: e.finishedAt,
    period: e.period,
    onDate: e.onDate,
    cohortSize: e.cohort.householdIds.length,
    policyOverride: JSON.stringify(e.policyOverride),
    baselinePolicyVersion: e.baselinePolicyVersion,
    variantPolicyVersion: e.variantPolicyVersion,
    baseline: r?.baseline ?? null,
    variant: r?.variant ?? null,
    difference: r?.difference ?? null,
    changedHouseholds: r?.changedHouseholds ?? null,
  };
};

/**
 * What-if scenarios (issue 6): the cohort is planned twice, under the default policy and
 * under the variant, each with its own scores, hard ties and housing totals, and the
 * outcomes are compared, including disparities by gender, age band and origin from the
 * monitoring attributes (R17: read for this report only, never scored).
 */
@Injectable()
export class ScenariosService {
  private readonly logger = new Logger('Scenarios');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cohorts: CohortService,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly outcome: OutcomeModelService,
    private readonly labourDemand: LabourDemandService,
  ) {}

  async run(principal: Principal, input: ScenarioInput): Promise<Scenario> {
    const variant = this.policies.resolve(input.policy, 'input.policy');
    const baseline = this.policies.base;
    const householdIds = await this.select(input.cohort);
    const onDate = today();
    const entity = this.ds.manager.create(ScenarioEntity, {
      id: randomUUID(),
      name: input.name,
      status: 'RUNNING',
      progress: 0,
      error: null,
      createdBy: principal.keyId,
      period: input.period ?? periodOf(new Date()),
      onDate,
      cohort: { selector: JSON.parse(JSON.stringify(input.cohort)), householdIds },
      policyOverride: JSON.parse(JSON.stringify(input.policy)),
      balanceTolerance: input.balanceTolerance ?? null,
      baselinePolicyVersion: baseline.version,
      variantPolicyVersion: variant.version,
      finishedAt: null,
      results: null,
    });
    await this.ds.transaction(async (tx) => {
      await tx.save(entity);
      await this.audit.record(principal, { action: 'scenario.run', subjectType: 'scenario', subjectRefs: [entity.id], details: { name: input.name, households: householdIds.length, variantPolicyVersion: variant.version } }, tx);
    });
    const task = this.compute(entity, baseline, variant).catch(async (err) => {
      this.logger.error(`scenario ${entity.id} failed: ${(err as Error).stack}`);
      const message = err instanceof BadUserInputError ? err.message : 'the run failed; see the server log';
      await this.ds.query(`UPDATE scenario SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1`, [entity.id, message]);
    });
    if (input.wait) await task;
    return this.get(entity.id);
  }

  async get(id: string): Promise<Scenario> {
    const e = await this.ds.manager.findOne(ScenarioEntity, { where: { id } });
    if (!e) throw new NotFoundError('scenario', id);
    return toScenario(e);
  }

  async list(skip: number, take: number): Promise<Page<Scenario>> {
    const [rows, total] = await this.ds.manager.findAndCount(ScenarioEntity, { order: { createdAt: 'DESC', id: 'ASC' }, skip, take });
    return { items: rows.map(toScenario), total };
  }

  /** The scenario as JSON, or as CSV rows `section,dimension,group,metric,baseline,variant,difference`. */
  async export(id: string, format: ExportFormat): Promise<string> {
    const s = await this.get(id);
    if (format === ExportFormat.JSON) return JSON.stringify(s, null, 2);
    return scenarioCsv(s);
  }

  private async select(c: CohortSelector): Promise<string[]> {
    const byRange = c.arrivedFrom !== undefined || c.arrivedTo !== undefined || c.syntheticOnly !== undefined;
    if (!!c.householdIds === byRange) {
      throw BadUserInputError.of('input.cohort', 'oneOf', 'give householdIds, or a range (arrivedFrom, arrivedTo, syntheticOnly), not both and not neither');
    }
    if (c.householdIds) return c.householdIds;
    const rows: { id: string }[] = await this.ds.query(
      `SELECT h.id FROM household h
        WHERE ($1::date IS NULL OR h.arrival_date >= $1::date) AND ($2::date IS NULL OR h.arrival_date <= $2::date)
          AND ($3::boolean IS NOT TRUE OR h.synthetic)
          AND EXISTS (SELECT 1 FROM household_member m WHERE m.household_id = h.id)
        ORDER BY h.arrival_date NULLS LAST, h.id LIMIT $4`,
      [c.arrivedFrom ?? null, c.arrivedTo ?? null, c.syntheticOnly ?? null, c.limit ?? 10000],
    );
    if (rows.length === 0) throw BadUserInputError.of('input.cohort', 'notEmpty', 'the cohort selects no household');
    return rows.map((r) => r.id);
  }

  private async compute(e: ScenarioEntity, baseline: Policy, variant: Policy): Promise<void> {
    let last = 0;
    const progress = async (p: number) => {
      if (p - last < 0.05 && p < 1) return;
      last = p;
      await this.ds.query('UPDATE scenario SET progress = $2 WHERE id = $1', [e.id, Math.min(1, p)]);
    };
    const { found, missing } = await this.cohorts.households(e.cohort.householdIds);
    if (missing.length) throw BadUserInputError.of('input.cohort.householdIds', 'exists', `${missing.length} household(s) not found or without members, e.g. ${missing[0]}`);
    const balance = e.balanceTolerance === null ? undefined : { tolerance: e.balanceTolerance };
    const solve = async (policy: Policy, from: number) => {
      const cohort = await this.cohorts.build({ households: found as CohortHousehold[], period: e.period, policy, onDate: e.onDate, onProgress: (p) => void progress(from + 0.4 * p) });
      const plan = await solvePlacement({ ...cohort.problem, balance }, { timeLimitMs: 120_000 });
      await progress(from + 0.5);
      return { cohort, plan };
    };
    const base = await solve(baseline, 0);
    const vari = await solve(variant, 0.5);
    const adults = base.cohort.households.flatMap((h) => h.adultIds);
    const monitoringRows: { id: string; gender: string | null; country: string | null }[] = await this.ds.query(
      'SELECT candidate_id AS id, gender, country_of_birth AS country FROM candidate_monitoring WHERE candidate_id = ANY($1::uuid[])',
      [adults],
    );
    const monitoring = new Map<string, Monitoring>(monitoringRows.map((r) => [r.id, { gender: r.gender, countryOfBirth: r.country }]));
    const baselineTies = new Map(base.cohort.households.map((h) => [h.id, h.tiePoints]));
    const model = this.outcome.current()?.model ?? null;
    const outcome = model ? { model, labourDemand: await this.labourDemand.demand() } : null;
    const common = { baselineTies, baselineRadiusKm: baseline.params.tieRadiusKm, monitoring, onDate: e.onDate, outcome };
    const bm = computeMetrics({ ...common, cohort: base.cohort, plan: base.plan });
    const vm = computeMetrics({ ...common, cohort: vari.cohort, plan: vari.plan });
    const results = { baseline: bm, variant: vm, difference: difference(bm, vm), changedHouseholds: changedHouseholds(base.plan, vari.plan) };
    await this.ds.query(`UPDATE scenario SET status = 'DONE', progress = 1, results = $2, finished_at = now() WHERE id = $1`, [e.id, JSON.stringify(results)]);
  }
}

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
