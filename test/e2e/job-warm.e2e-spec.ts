import { Role } from '../../apps/api/src/common/auth/role';
import { JobQueue } from '../../apps/api/src/modules/jobs/job-queue';
import { JobRunner } from '../../apps/api/src/modules/jobs/job-runner';
import { WorkerIndex } from '../../apps/api/src/modules/jobs/worker/worker-index';
import { ownDatabase } from '../browser/own-database';
import { uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * JOB_WORKER_WARM: once the API serves, the first job slot's worker reads the open vacancies as a
 * first job would, so the first what-if after a start finds them read. On a database of this
 * file's own, so that the counts are exactly this file's vacancies.
 */
describe('the job worker reads the open vacancies before the first job', () => {
  let db: Awaited<ReturnType<typeof ownDatabase>>;
  let t: TestApp;
  let key: string;
  let employerId: string;
  beforeAll(async () => {
    db = await ownDatabase();
    t = await startTestApp({ DATABASE_URL: db.url, JOB_CONCURRENCY: '1' });
    key = await t.key(Role.PLATFORM, uniq('warm'));
    const e = await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Warm BV" }) { id } }`, {}, key);
    employerId = e.data!.createEmployer.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.stop();
  });

  const addVacancy = async (): Promise<string> => {
    const v = await t.gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employerId) }, key);
    expect(v.errors).toBeUndefined();
    return v.data!.createVacancy.id;
  };
  const openVacancies = async (): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM vacancy WHERE status = 'OPEN'`))[0].n;

  it('reads them in the worker, then follows the change feed: a vacancy opened or closed later is counted', async () => {
    await addVacancy();
    const closing = await addVacancy();
    const runner = t.app.get(JobRunner);
    const first = await runner.warm();
    expect(first).toEqual({ vacancies: await openVacancies(), seconds: expect.any(Number) });
    expect(first!.vacancies).toBe(2);
    // The warm worker applies the feed's changes (as at the start of a job), it does not read every vacancy again.
    await addVacancy();
    await t.gql(`mutation($id: ID!) { closeVacancy(id: $id) { status } }`, { id: closing }, key);
    await addVacancy();
    expect((await runner.warm())!.vacancies).toBe(3);
    expect(await openVacancies()).toBe(3);
  }, 60_000);

  it('reads them again after a cancel: the cancelled job\'s worker is stopped, and the slot\'s new one warms up for the next run', async () => {
    const runner = t.app.get(JobRunner);
    const queue = t.app.get(JobQueue);
    const statusOf = async (id: string): Promise<string> => (await t.dataSource.query('SELECT status FROM job WHERE id = $1', [id]))[0].status;
    const until = async (id: string, status: string): Promise<void> => {
      const deadline = Date.now() + 30_000;
      while ((await statusOf(id)) !== status) {
        if (Date.now() > deadline) throw new Error(`job ${id} is ${await statusOf(id)}, not ${status}`);
        await new Promise((res) => setTimeout(res, 100));
      }
    };
    const long = await queue.enqueue({ kind: 'selftest', input: { spinMs: 60_000 }, createdBy: null });
    runner.kick();
    await until(long, 'RUNNING');
    const before = runner.warming;
    await runner.cancelLocal(long);
    expect(await statusOf(long)).toBe('CANCELLED');
    // A new warm-up, of the slot whose worker the cancel stopped, reading every open vacancy.
    expect(runner.warming).not.toBe(before);
    expect(await runner.warming).toEqual({ vacancies: await openVacancies(), seconds: expect.any(Number) });
    const next = await queue.enqueue({ kind: 'selftest', input: { spinMs: 10 }, createdBy: null });
    runner.kick();
    await until(next, 'DONE');
  }, 60_000);

  it('reads every open vacancy once when a job asks while the warm-up still reads them', async () => {
    const index = new WorkerIndex(t.dataSource);
    // The warm-up's refresh and a job's, at once: the job's waits, then only catches up.
    await Promise.all([index.refresh(() => undefined, Date.now()), index.refresh(() => undefined, Date.now())]);
    expect(index.builds).toBe(1);
    expect(index.vacancies).toBe(await openVacancies());
  });

  it('warms nothing with JOB_WORKER_WARM=false, or in a process that runs no jobs', async () => {
    const offs: Record<string, string>[] = [{ JOB_WORKER_WARM: 'false' }, { JOBS_ENABLED: 'false' }];
    for (const env of offs) {
      const other = await startTestApp({ DATABASE_URL: db.url, JOB_CONCURRENCY: '1', ...env });
      try {
        expect(await other.app.get(JobRunner).warm()).toBeNull();
      } finally {
        await other.close();
      }
    }
  }, 60_000);
});
