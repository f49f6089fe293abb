import { readFileSync } from 'fs';
import { compileOutcomeModel, type OutcomeModelFile } from '@kansrijk/outcome';
import type { Policy } from '@kansrijk/scoring';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { JobInputError, type JobTask } from '../jobs/worker/task';
import { loadLabourDemand } from '../labour-demand/labour-demand.service';
import { WHAT_IF_LAZY, solveCohorts, type CohortHousehold, type PlanSeconds } from '../placement/cohort.service';
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
  // The baseline is the version in force on the scenario's day; the variant starts from it (or from a named version).
  const baseline = deps.policies.inForce(e.onDate);
  const variant = resolve(deps, e);
  // Where the time goes, in seconds of wall time and of this thread's CPU, kept with the results
  // (the benchmark prints them; CPU time holds on a busy machine where wall time does not), and
  // in how many parts on how many threads the cohort was scored.
  const timings: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  let lap = performance.now();
  let lapCpu = threadCpuSeconds();
  const mark = (name: string) => {
    const now = performance.now();
    const nowCpu = threadCpuSeconds();
    timings[name] = Math.round(now - lap) / 1000;
    if (nowCpu !== null && lapCpu !== null) cpu[name] = Math.round((nowCpu - lapCpu) * 100) / 100;
    lap = now;
    lapCpu = nowCpu;
  };
  progress(0, 'reading the open vacancies');
  await deps.index.refresh((p, phase) => progress(0.1 * p, phase), Date.now());
  mark('vacancyIndex');
  progress(0.1, 'reading the cohort');
  const { found, missing } = await deps.cohorts.households(e.cohort.householdIds);
  mark('readCohort');
  if (missing.length) throw new JobInputError(`input.cohort.householdIds: ${missing.length} household(s) not found or without members, e.g. ${missing[0]}`);
  // R14: a cohort too small for the asked spread gets the smallest tolerance it can meet (reported), never an empty plan.
  const balance = e.balanceTolerance === null ? undefined : { tolerance: e.balanceTolerance, whenUnmeetable: 'relax' as const };
  // The model that was in use when the run was asked for: it scores a side whose policy weighs
  // expectedEmployment (R14, R16, as the suggestions do) and reports expected employment for both.
  const model = input.outcomeModel ? compileOutcomeModel(input.outcomeModel as OutcomeModelFile) : null;
  // Both policies scored together: what the variant leaves unchanged is computed once.
  const { sides, stats, scoredIn } = await deps.cohorts.buildSides({
    households: found as CohortHousehold[],
    period: e.period,
    policies: [baseline, variant],
    onDate: e.onDate,
    outcome: model,
    parts: deps.threads,
    onProgress: (p) => progress(0.1 + 0.6 * p, `scoring households and municipalities under both policies (${Math.round(100 * p)}%)`),
  });
  mark('scores');
  // Both plans at once: a household both need refined gets one pass over the vacancies for both.
  progress(0.7, 'planning the cohort under both policies');
  for (const c of sides) c.problem.balance = balance;
  // The two plans' solves at once, one on a helper thread (the same plans as one after the other).
  const planSeconds: PlanSeconds = { sweep: 0, solve: 0, refine: 0 };
  const [basePlan, variantPlan] = await solveCohorts(sides, { timeLimitMs: 120_000 }, WHAT_IF_LAZY, deps.threads.solve, planSeconds);
  mark('plans');
  const base = { cohort: sides[0], plan: basePlan };
  const vari = { cohort: sides[1], plan: variantPlan };
  progress(0.9, 'comparing outcomes');
  const adults = base.cohort.households.flatMap((h) => h.adultIds);
  const monitoringRows: { id: string; gender: string | null; country: string | null }[] = await deps.ds.query(
    'SELECT candidate_id AS id, gender, country_of_birth AS country FROM candidate_monitoring WHERE candidate_id = ANY($1::uuid[])',
    [adults],
  );
  const monitoring = new Map<string, Monitoring>(monitoringRows.map((r) => [r.id, { gender: r.gender, countryOfBirth: r.country }]));
  const baselineTies = new Map(base.cohort.households.map((h) => [h.id, h.tiePoints]));
  // Expected employment (R14), with the same model.
  const outcome = model ? { model, labourDemand: await loadLabourDemand(deps.ds) } : null;
  const common = { baselineTies, baselineRadiusKm: baseline.params.tieRadiusKm, monitoring, onDate: e.onDate, outcome };
  const bm = computeMetrics({ ...common, cohort: base.cohort, plan: base.plan });
  const vm = computeMetrics({ ...common, cohort: vari.cohort, plan: vari.plan });
  mark('metrics');
  const outcomeModelVersions = { baseline: base.cohort.outcomeModelVersion, variant: vari.cohort.outcomeModelVersion };
  return { baseline: bm, variant: vm, difference: difference(bm, vm), changedHouseholds: changedHouseholds(base.plan, vari.plan), outcomeModelVersions, timings, cpuSeconds: cpu, work: stats, scoredIn, plannedIn: { seconds: planSeconds } };
};

/** CPU seconds this thread has used (Linux: /proc/thread-self/stat), or null where that cannot be read. */
function threadCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command; in ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function resolve(deps: Parameters<JobTask>[1], e: ScenarioEntity): Policy {
  try {
    return deps.policies.resolve(e.policyOverride as never, 'input.policy', e.onDate);
  } catch (err) {
    if (err instanceof BadUserInputError) throw new JobInputError(err.message);
    throw err;
  }
}
