/**
 * The what-if's computation alone, in this process, for profiling (`node --cpu-prof`): the same
 * cohort, policies and data as `npm run bench -- whatif` (its database, seeded once), without the
 * API, the job queue or the load. Prints where the time and the work go: the vacancy index, the
 * scoring of both sides and the plans, with the adult passes over the vacancies, the best-score
 * completions and the bound reads each step made; then each plan's objective, gap and greedy baseline.
 * Figures only: nothing here fails on time.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { WorkerIndex } from '../../api/src/modules/jobs/worker/worker-index';
import { CapacityService } from '../../api/src/modules/linking/capacity.service';
import { CohortService, WHAT_IF_LAZY, solveCohort, solveCohorts } from '../../api/src/modules/placement/cohort.service';
import { ReferenceIndex } from '../../api/src/modules/reference/reference-index.service';
import { periodOf } from '../../api/src/modules/housing/housing-task';
import { PolicyService } from '../../api/src/modules/suggestions/policy.service';
import { whatifDatabase } from './whatif.bench';

const HOUSEHOLDS = Number(process.env.WHATIF_HOUSEHOLDS ?? 10_000);
const POLICY = JSON.parse(process.env.WHATIF_POLICY ?? '{"tieRadiusKm": 30}') as Record<string, unknown>;
/** WHATIF_APART=1: each plan on its own, one after the other, instead of together as the scenario task plans them. */
const APART = process.env.WHATIF_APART === '1';
/** WHATIF_PARTS_FROM=n: scored in parts (one after the other here) from n households on (default PARTS_FROM_HOUSEHOLDS); a large n scores in one. */
const PARTS_FROM = process.env.WHATIF_PARTS_FROM ? Number(process.env.WHATIF_PARTS_FROM) : undefined;

export async function whatifInprocBench(): Promise<void> {
  const url = await whatifDatabase();
  const ds = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
  await ds.initialize();
  try {
    const reference = new ReferenceIndex(ds);
    const index = new WorkerIndex(ds);
    const cohorts = new CohortService(ds, reference, new CapacityService(ds, reference), index);
    const policies = new PolicyService();
    let wall = performance.now();
    let cpu = process.cpuUsage();
    const lap = (label: string): string => {
      const now = performance.now();
      const used = process.cpuUsage(cpu);
      const out = `${label}: ${((now - wall) / 1000).toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`;
      wall = now;
      cpu = process.cpuUsage();
      return out;
    };
    await index.refresh(() => undefined, Date.now());
    console.log(lap('vacancy index'));
    // The cohort the scenario service picks for { syntheticOnly: true, limit } (R2: status holders' households).
    const rows: { id: string }[] = await ds.query(
      `SELECT h.id FROM household h
        WHERE h.synthetic AND EXISTS (SELECT 1 FROM household_member m JOIN candidate x ON x.id = m.candidate_id WHERE m.household_id = h.id AND x.legal_status = 'STATUS_HOLDER')
        ORDER BY h.arrival_date NULLS LAST, h.id LIMIT $1`,
      [HOUSEHOLDS],
    );
    const { found } = await cohorts.households(rows.map((r) => r.id));
    console.log(lap(`read ${found.length.toLocaleString('en')} households`));
    const onDate = new Date().toISOString().slice(0, 10);
    const baseline = policies.inForce(onDate);
    const variant = policies.resolve(POLICY as never, 'input.policy', onDate);
    const { sides, stats } = await cohorts.buildSides({ households: found, period: periodOf(new Date()), policies: [baseline, variant], onDate, partsFrom: PARTS_FROM });
    const work = () => ({ ...stats });
    let before = { adultPasses: 0, completions: 0, sharedCompletions: 0, fromWider: 0, boundReads: 0 };
    const delta = () => {
      const now = work();
      const d = `${(now.adultPasses - before.adultPasses).toLocaleString('en')} adult passes, ${(now.completions - before.completions).toLocaleString('en')} completions, ${(now.boundReads - before.boundReads).toLocaleString('en')} bound reads, ${(now.fromWider - before.fromWider).toLocaleString('en')} of either taken from the wider radius`;
      before = now;
      return d;
    };
    console.log(`${lap('scoring both sides')}; ${delta()}`);
    const labels = ['baseline', `variant ${JSON.stringify(POLICY)}`];
    const summary = (s: number, plan: Awaited<ReturnType<typeof solveCohort>>) => {
      const c = sides[s];
      return `  ${labels[s]}: ${c.exact.length.toLocaleString('en')} pairs; ${plan.assignments.length.toLocaleString('en')} households placed, objective ${plan.objective.toFixed(2)}, gap ${(100 * plan.gap).toFixed(3)}%, greedy ${plan.greedy.objective.toFixed(2)} (${plan.greedy.placed.toLocaleString('en')} placed)`;
    };
    if (APART) {
      // Each plan on its own, one after the other (as before the plans shared their refining).
      for (let s = 0; s < sides.length; s++) {
        const plan = await solveCohort(sides[s], { timeLimitMs: 120_000 }, WHAT_IF_LAZY);
        console.log(`${lap(`${labels[s]} plan`)}; ${delta()}`);
        console.log(summary(s, plan));
      }
    } else {
      // As the scenario task plans them: together, a household both need refined passed once for both.
      const plans = await solveCohorts(sides, { timeLimitMs: 120_000 }, WHAT_IF_LAZY);
      console.log(`${lap('both plans, together')}; ${delta()}`);
      plans.forEach((plan, s) => console.log(summary(s, plan)));
    }
  } finally {
    await ds.destroy();
  }
}
