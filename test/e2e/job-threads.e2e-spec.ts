import { DataSource } from 'typeorm';
import { Role } from '../../apps/api/src/common/auth/role';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { ensureLabourDemand } from '../../apps/api/src/modules/labour-demand/labour-demand.service';
import { PARTS_FROM_HOUSEHOLDS } from '../../apps/api/src/modules/placement/cohort.service';
import { seedDemo } from '../../apps/cli/src/seed-demo';
import { ownDatabase } from '../browser/own-database';
import { startTestApp, TestApp } from '../helpers/test-app';

const METRICS = 'households householdsPlaced personsPlaced meanLinkScore objective greedyObjective reachableVacanciesPerAdult meanDistanceToWorkTieKm';
const RUN = `mutation($i: ScenarioInput!) { runScenario(input: $i) { id status error changedHouseholds baseline { ${METRICS} } variant { ${METRICS} } } }`;
type Run = { runScenario: { id: string; status: string; error: string | null; changedHouseholds: number; baseline: Record<string, number>; variant: Record<string, number> } };

/**
 * A what-if over a cohort large enough to be scored in parts: the job worker scores one part and
 * a helper thread the other, then the baseline's plan is solved on a helper while the variant's
 * is solved on the worker; the result is the same as with one thread doing all of it in turn
 * (JOB_THREADS=1). Seeded demo data, real job workers, a database of this file's own (the demo
 * seed's thousand households never meet another file's cohorts).
 */
describe('a large what-if on the job worker and its helper thread', () => {
  let db: Awaited<ReturnType<typeof ownDatabase>>;
  let t: TestApp | null = null;
  beforeAll(async () => {
    db = await ownDatabase();
    const seeding = new DataSource(dataSourceOptions({ url: db.url, poolMax: 2 }));
    await seeding.initialize();
    try {
      await ensureLabourDemand(seeding.manager);
      // About 1,100 households, most of status holders (R2), and a few thousand vacancies.
      await seedDemo(seeding, { candidates: 3_300, vacancies: 3_000, seed: 17, today: new Date().toISOString().slice(0, 10), quiet: true });
    } finally {
      await seeding.destroy();
    }
  }, 240_000);
  afterEach(async () => {
    await t?.close();
    t = null;
  });
  afterAll(() => db?.stop());

  const run = async (threads: string) => {
    t = await startTestApp({ DATABASE_URL: db.url, JOB_CONCURRENCY: '1', JOB_THREADS: threads });
    const key = await t.key(Role.EVALUATOR);
    const res = await t.gql<Run>(RUN, { i: { name: `threads ${threads}`, cohort: { syntheticOnly: true, limit: PARTS_FROM_HOUSEHOLDS }, policy: { tieRadiusKm: 30 }, wait: true } }, key);
    expect(res.errors).toBeUndefined();
    const [{ results }] = await t.dataSource.query('SELECT results FROM scenario WHERE id = $1', [res.data!.runScenario.id]);
    const out = { run: res.data!.runScenario, scoredIn: results.scoredIn, passes: results.work.adultPasses };
    await t.close();
    t = null;
    return out;
  };

  it('gives the same plans and metrics on two threads as on one', async () => {
    const two = await run('2');
    const one = await run('1');
    expect(two.run.status).toBe('DONE');
    expect(two.run.baseline.households).toBe(PARTS_FROM_HOUSEHOLDS);
    // Where the scoring's wall time went on two threads (the helper's index and part); none on one.
    expect(two.scoredIn).toEqual({ parts: 2, threads: 2, seconds: { handOver: expect.any(Number), own: expect.any(Number), waited: expect.any(Number), helpers: [{ index: expect.any(Number), scoring: expect.any(Number), all: expect.any(Number) }] } });
    expect(two.scoredIn.seconds.helpers[0].scoring).toBeGreaterThan(0);
    expect(one.scoredIn).toEqual({ parts: 2, threads: 1, seconds: null });
    expect(two.passes).toBeGreaterThan(0);
    // Everything the evaluator reads, to the last digit.
    const { id: _a, ...twoRun } = two.run;
    const { id: _b, ...oneRun } = one.run;
    expect(twoRun).toEqual(oneRun);
    expect(two.passes).toBe(one.passes);
  }, 240_000);
});
