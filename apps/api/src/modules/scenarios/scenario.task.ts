import { solvePlacement } from '@kansrijk/matching';
import type { Policy } from '@kansrijk/scoring';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { JobInputError, type JobTask } from '../jobs/worker/task';
import type { CohortHousehold } from '../placement/cohort.service';
import { changedHouseholds, computeMetrics, difference, Monitoring } from './scenario-metrics';
import { ScenarioEntity } from './scenario.entity';

/**
 * A what-if run, in a worker thread: the cohort planned under the default policy and under the
 * variant, and the metrics of both with their difference, including outcomes by gender, age band
 * and origin (R17: monitoring attributes are read for this report only, never scored).
 */
export const runScenarioTask: JobTask = async (input, deps, progress) => {
  const id = String(input.scenarioId);
  const e = await deps.ds.manager.findOne(ScenarioEntity, { where: { id } });
  if (!e) throw new JobInputError(`scenario ${id} no longer exists`);
  const baseline = deps.policies.base;
  const variant = resolve(deps, e);
  progress(0, 'reading the open vacancies');
  await deps.index.refresh((p, phase) => progress(0.1 * p, phase), Date.now());
  progress(0.1, 'reading the cohort');
  const { found, missing } = await deps.cohorts.households(e.cohort.householdIds);
  if (missing.length) throw new JobInputError(`input.cohort.householdIds: ${missing.length} household(s) not found or without members, e.g. ${missing[0]}`);
  const balance = e.balanceTolerance === null ? undefined : { tolerance: e.balanceTolerance };
  const solve = async (policy: Policy, from: number, label: string) => {
    const cohort = await deps.cohorts.build({
      households: found as CohortHousehold[],
      period: e.period,
      policy,
      onDate: e.onDate,
      onProgress: (p) => progress(from + 0.35 * p, `${label}: scoring households and municipalities (${Math.round(100 * p)}%)`),
    });
    progress(from + 0.35, `${label}: planning the cohort`);
    const plan = await solvePlacement({ ...cohort.problem, balance }, { timeLimitMs: 120_000 });
    progress(from + 0.4, `${label}: planned`);
    return { cohort, plan };
  };
  const base = await solve(baseline, 0.1, 'baseline');
  const vari = await solve(variant, 0.5, 'variant');
  progress(0.9, 'comparing outcomes');
  const adults = base.cohort.households.flatMap((h) => h.adultIds);
  const monitoringRows: { id: string; gender: string | null; country: string | null }[] = await deps.ds.query(
    'SELECT candidate_id AS id, gender, country_of_birth AS country FROM candidate_monitoring WHERE candidate_id = ANY($1::uuid[])',
    [adults],
  );
  const monitoring = new Map<string, Monitoring>(monitoringRows.map((r) => [r.id, { gender: r.gender, countryOfBirth: r.country }]));
  const baselineTies = new Map(base.cohort.households.map((h) => [h.id, h.tiePoints]));
  const common = { baselineTies, baselineRadiusKm: baseline.params.tieRadiusKm, monitoring, onDate: e.onDate };
  const bm = computeMetrics({ ...common, cohort: base.cohort, plan: base.plan });
  const vm = computeMetrics({ ...common, cohort: vari.cohort, plan: vari.plan });
  return { baseline: bm, variant: vm, difference: difference(bm, vm), changedHouseholds: changedHouseholds(base.plan, vari.plan) };
};

function resolve(deps: Parameters<JobTask>[1], e: ScenarioEntity): Policy {
  try {
    return deps.policies.resolve(e.policyOverride as never, 'input.policy');
  } catch (err) {
    if (err instanceof BadUserInputError) throw new JobInputError(err.message);
    throw err;
  }
}
