import { JobQueue } from '../../apps/api/src/modules/jobs/job-queue';
import { JobRunner } from '../../apps/api/src/modules/jobs/job-runner';
import { Role } from '../../apps/api/src/common/auth/role';
import { startTestApp, TestApp } from '../helpers/test-app';

interface JobRow {
  id: string;
  status: string;
  error: string | null;
  attempts: number;
  started_at: Date | null;
  finished_at: Date | null;
  result: Record<string, unknown> | null;
  progress: number;
}

/** The job queue and its worker threads, with the CPU-only `selftest` job (no GraphQL surface). */
describe('jobs: queue and worker threads', () => {
  let t: TestApp;
  let queue: JobQueue;
  let runner: JobRunner;

  beforeAll(async () => {
    t = await startTestApp({ JOB_CONCURRENCY: '1' });
    queue = t.app.get(JobQueue);
    runner = t.app.get(JobRunner);
  });
  afterAll(() => t.close());

  const row = async (id: string): Promise<JobRow> => (await t.dataSource.query('SELECT * FROM job WHERE id = $1', [id]))[0];
  const enqueue = async (input: Record<string, unknown>) => {
    const id = await queue.enqueue({ kind: 'selftest', input, createdBy: null });
    runner.kick();
    return id;
  };
  const until = async (id: string, pred: (r: JobRow) => boolean, timeoutMs = 60_000): Promise<JobRow> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await row(id);
      if (pred(r)) return r;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${r.status} (${JSON.stringify(r)})`);
      await new Promise((res) => setTimeout(res, 100));
    }
  };

  it('answers requests while a CPU-bound job runs in its worker thread', async () => {
    const id = await enqueue({ spinMs: 6000 });
    await until(id, (r) => r.status === 'RUNNING' && r.progress > 0);
    // A request and its answer, all while the job is still running: the request thread is free.
    for (let i = 0; i < 5; i++) {
      const res = await t.gql<{ about: { version: string } }>('{ about { version } }');
      expect(res.data!.about.version).toBeTruthy();
    }
    expect((await row(id)).status).toBe('RUNNING');
    const done = await until(id, (r) => r.status === 'DONE');
    expect(done.result).toEqual({ spunMs: expect.any(Number) });
    expect(done.progress).toBe(1);
  });

  it('runs at most JOB_CONCURRENCY jobs at once, oldest first', async () => {
    const ids = [await enqueue({ spinMs: 1500 }), await enqueue({ spinMs: 200 }), await enqueue({ spinMs: 200 })];
    const rows = [];
    for (const id of ids) rows.push(await until(id, (r) => r.status === 'DONE'));
    for (let i = 1; i < rows.length; i++) {
      // Each started only after the one queued before it had finished (one worker).
      expect(rows[i].started_at!.getTime()).toBeGreaterThanOrEqual(rows[i - 1].finished_at!.getTime());
    }
  });

  it('starts the next job only once the one ahead of it is saved as finished, even when saving is slow', async () => {
    // Saving the first job's outcome takes longer than the runner's poll interval (1 s): a slot
    // freed before the save commits would let the poll start the second job meanwhile.
    let startedDuringSave: string[] | null = null;
    let saves = 0;
    runner.register('selftest', {
      keepResult: true,
      persist: async () => {
        if (saves++ > 0) return;
        await new Promise((res) => setTimeout(res, 1500));
        startedDuringSave = runner.running().map((r) => r.id);
      },
    });
    try {
      const first = await enqueue({ spinMs: 100 });
      // Long enough to be still running when the save ends, had it been started during the save.
      const second = await enqueue({ spinMs: 3000 });
      const a = await until(first, (r) => r.status === 'DONE');
      const b = await until(second, (r) => r.status === 'DONE');
      expect(startedDuringSave).toEqual([]);
      expect(b.started_at!.getTime()).toBeGreaterThanOrEqual(a.finished_at!.getTime());
    } finally {
      runner.register('selftest', { keepResult: true });
    }
  });

  it('cancels a running job (its worker is stopped) and a queued one (never started), from any process', async () => {
    const running = await enqueue({ spinMs: 60_000 });
    const queued = await enqueue({ spinMs: 60_000 });
    await until(running, (r) => r.status === 'RUNNING');
    // As another process would: only the flag in the database; this process sees it at its next heartbeat.
    await queue.requestCancel(queued, 'selftest');
    expect((await row(queued)).status).toBe('CANCELLED');
    await queue.requestCancel(running, 'selftest');
    const stopped = await until(running, (r) => r.status === 'CANCELLED', 10_000);
    expect(stopped.error).toBe('cancelled');
    expect(runner.running()).toEqual([]);
    expect((await row(queued)).started_at).toBeNull();
    // The next job gets a fresh worker.
    const next = await enqueue({ spinMs: 10 });
    expect((await until(next, (r) => r.status === 'DONE')).result).toEqual({ spunMs: expect.any(Number) });
  });

  it('fails a job with the reason: a refused input, an internal error, a worker thread that dies', async () => {
    const input = await enqueue({ spinMs: 10, fail: 'input' });
    expect((await until(input, (r) => r.status === 'FAILED')).error).toBe('input.spinMs: the test asked for a refusal');
    const thrown = await enqueue({ spinMs: 10, fail: 'throw' });
    expect((await until(thrown, (r) => r.status === 'FAILED')).error).toBe('the run failed; see the server log');
    const died = await enqueue({ spinMs: 10, fail: 'exit' });
    expect((await until(died, (r) => r.status === 'FAILED')).error).toBe('the worker thread exited (code 3)');
    const after = await enqueue({ spinMs: 10 });
    expect((await until(after, (r) => r.status === 'DONE')).attempts).toBe(1);
  });

  it("queues again a job whose process stopped renewing its heartbeat, and fails it after the second interruption", async () => {
    // As a process that died mid-run leaves them: RUNNING, another worker's name, an old heartbeat.
    const orphan = (attempts: number) =>
      queue.enqueue({ kind: 'selftest', input: { spinMs: 10 }, createdBy: null }).then(async (id) => {
        await t.dataSource.query(`UPDATE job SET status = 'RUNNING', worker = 'gone:1:x', attempts = $2, started_at = now() - interval '1 minute', heartbeat_at = now() - interval '1 minute' WHERE id = $1`, [id, attempts]);
        return id;
      });
    const once = await orphan(1);
    const twice = await orphan(2);
    const fresh = await queue.enqueue({ kind: 'selftest', input: { spinMs: 10 }, createdBy: null });
    await t.dataSource.query(`UPDATE job SET status = 'RUNNING', worker = 'alive:1:x', attempts = 1, heartbeat_at = now() WHERE id = $1`, [fresh]);
    const recovered = await queue.recoverStale();
    expect(new Map(recovered.map((r) => [r.id, r.status]))).toEqual(new Map([[once, 'QUEUED'], [twice, 'FAILED']]));
    expect((await row(twice)).error).toMatch(/^interrupted 2 times \(the API process running it stopped: a crash or a restart, last at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\); run it again$/);
    expect((await row(fresh)).status).toBe('RUNNING'); // its heartbeat is recent: left alone
    runner.kick();
    const rerun = await until(once, (r) => r.status === 'DONE');
    expect(rerun.attempts).toBe(2);
    await t.dataSource.query(`UPDATE job SET status = 'CANCELLED' WHERE id = $1`, [fresh]);
  });

  it('queues a scenario at once, shows its phase, and cancels it while it waits; advisers may not cancel', async () => {
    const evaluator = await t.key(Role.EVALUATOR);
    const blocker = await enqueue({ spinMs: 60_000 });
    await until(blocker, (r) => r.status === 'RUNNING');
    const ahead = await enqueue({ spinMs: 10 });
    const hh = await t.gql<{ createHousehold: { id: string } }>(
      `mutation($i: CandidateInput!) { c: createCandidate(input: $i) { id } }`,
      { i: { birthDate: '1990-01-01', legalStatus: 'STATUS_HOLDER', applicationDate: '2024-01-01', permitDate: '2024-06-01', location: { postcode: '1011' }, dutchLevel: 'A2', englishLevel: 'B1', hoursAvailable: 32, maxTravelKm: 30 } },
      await t.key(Role.ADMIN),
    );
    const candidateId = (hh.data as unknown as { c: { id: string } }).c.id;
    const created = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: [candidateId] } }, await t.key(Role.ADMIN));
    const run = await t.gql<{ runScenario: { id: string; status: string; phase: string; progress: number } }>(
      `mutation($i: ScenarioInput!) { runScenario(input: $i) { id status phase progress } }`,
      { i: { name: 'queued', cohort: { householdIds: [created.data!.createHousehold.id] }, policy: { tieRadiusKm: 30 } } },
      evaluator,
    );
    // The phase says what it waits behind: the job running (with its progress) and the one queued first.
    expect(run.data!.runScenario).toMatchObject({ status: 'QUEUED', progress: 0 });
    expect(run.data!.runScenario.phase).toMatch(/^waiting for a free worker: behind selftest \(\d+%\) running and 1 queued before it$/);
    // A list describes each queued run's own place in line.
    const second = await t.gql<{ runScenario: { id: string } }>(
      `mutation($i: ScenarioInput!) { runScenario(input: $i) { id } }`,
      { i: { name: 'queued second', cohort: { householdIds: [created.data!.createHousehold.id] }, policy: { tieRadiusKm: 20 } } },
      evaluator,
    );
    const phases = async (): Promise<(string | undefined)[]> => {
      const l = await t.gql<{ scenarios: { items: { id: string; phase: string }[] } }>(`{ scenarios(take: 5) { items { id phase } } }`, {}, evaluator);
      return [run.data!.runScenario.id, second.data!.runScenario.id].map((id) => l.data!.scenarios.items.find((s) => s.id === id)?.phase);
    };
    const [first, next] = await phases();
    expect(first).toMatch(/^waiting for a free worker: behind selftest \(\d+%\) running and 1 queued before it$/);
    expect(next).toMatch(/^waiting for a free worker: behind selftest \(\d+%\) running and 2 queued before it$/);
    await queue.requestCancel(ahead, 'selftest');
    expect((await phases())[1]).toMatch(/^waiting for a free worker: behind selftest \(\d+%\) running and 1 queued before it$/);
    await queue.requestCancel(second.data!.runScenario.id, 'scenario');
    const polled = await t.gql<{ scenario: { phase: string } }>(`query($id: ID!) { scenario(id: $id) { phase } }`, { id: run.data!.runScenario.id }, evaluator);
    expect(polled.data!.scenario.phase).toMatch(/^waiting for a free worker: behind selftest \(\d+%\) running$/);
    const listed = await t.gql<{ scenarios: { items: { id: string; phase: string }[] } }>(`{ scenarios(take: 5) { items { id phase } } }`, {}, evaluator);
    expect(listed.data!.scenarios.items.find((s) => s.id === run.data!.runScenario.id)?.phase).toMatch(/^waiting for a free worker: behind selftest \(\d+%\) running$/);
    const id = run.data!.runScenario.id;
    const refused = await t.gql(`mutation($id: ID!) { cancelScenario(id: $id) { status } }`, { id }, await t.key(Role.ADVISER));
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const cancelled = await t.gql<{ cancelScenario: { status: string; error: string } }>(`mutation($id: ID!) { cancelScenario(id: $id) { status error } }`, { id }, evaluator);
    expect(cancelled.data!.cancelScenario).toEqual({ status: 'CANCELLED', error: 'cancelled before it started' });
    const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE $1 = ANY(subject_refs) ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['scenario.run', 'scenario.cancelled']);
    await queue.requestCancel(blocker, 'selftest');
    await until(blocker, (r) => r.status === 'CANCELLED');
  });
});
