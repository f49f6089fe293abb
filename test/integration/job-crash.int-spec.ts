import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { startApiProcess } from '../helpers/api-process';
import { testDatabaseKind } from '../helpers/test-database';

/**
 * A run interrupted by a crash or a shutdown is never left RUNNING: the API process is killed
 * (SIGKILL) or stopped (SIGTERM) while a job runs in its worker thread; after the restart on the
 * same embedded data directory the job is queued again at boot and runs to the end (a second
 * interruption would fail it, with the reason: see the jobs e2e suite).
 */
describe('a job across a crash of the API process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansrijk-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const dbUrl = (log: string) => /served at (postgres:\/\/[^\s"\\]+)/.exec(log)![1];
  const job = async (url: string, id: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query('SELECT status, attempts, error, phase FROM job WHERE id = $1', [id])).rows[0];
    } finally {
      await c.end();
    }
  };
  const until = async (url: string, id: string, pred: (r: { status: string; attempts: number }) => boolean) => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const r = await job(url, id);
      if (pred(r)) return r;
      if (Date.now() > deadline) throw new Error(`job still ${JSON.stringify(r)}`);
      await new Promise((res) => setTimeout(res, 200));
    }
  };

  it.each([
    ['a crash (SIGKILL)', true],
    ['a shutdown (SIGTERM): the stopping process does not fail it', false],
  ])('after %s, is queued again after the restart and finishes', async (_name, crash) => {
    const env = { JOB_CONCURRENCY: '1' };
    const first = await startApiProcess({ dataDir, env });
    const id = crash ? '00000000-0000-4000-8000-0000000c0a5e' : '00000000-0000-4000-8000-00000005d0e1';
    const url1 = dbUrl(first.log());
    const c = new Client({ connectionString: url1 });
    await c.connect();
    await c.query(`INSERT INTO job (id, kind, status, input) VALUES ($1, 'selftest', 'QUEUED', '{"spinMs": 4000}')`, [id]);
    await c.end();
    await until(url1, id, (r) => r.status === 'RUNNING');
    if (crash) first.child.kill('SIGKILL');
    await first.stop();

    const second = await startApiProcess({ dataDir, env });
    try {
      expect(second.log()).toMatch(new RegExp(`job ${id} was interrupted \\(its process stopped\\): queued to run again`));
      const done = await until(dbUrl(second.log()), id, (r) => r.status === 'DONE');
      expect(done.attempts).toBe(2);
    } finally {
      await second.stop();
    }
  }, 180_000);

  // On a server the stopping process could still write, and used to write FAILED ("the worker
  // thread exited") as its worker was terminated; the job must stay RUNNING for recovery.
  (testDatabaseKind() === 'server' ? it : it.skip)('on a server, a shutdown leaves the job RUNNING, and another process runs it again', async () => {
    const db = `kansrijk_stop_${process.pid}`;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${db}`;
    const url = u.toString();
    const env = { JOB_CONCURRENCY: '1' };
    try {
      const first = await startApiProcess({ databaseUrl: url, env });
      const id = '00000000-0000-4000-8000-00000005e1f0';
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`INSERT INTO job (id, kind, status, input) VALUES ($1, 'selftest', 'QUEUED', '{"spinMs": 4000}')`, [id]);
      await c.end();
      await until(url, id, (r) => r.status === 'RUNNING');
      await first.stop();
      expect((await job(url, id)).status).toBe('RUNNING');
      const second = await startApiProcess({ databaseUrl: url, env });
      try {
        // Queued again once its heartbeat is stale (20 s), then run to the end.
        const done = await until(url, id, (r) => r.status === 'DONE');
        expect(done.attempts).toBe(2);
      } finally {
        await second.stop();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    }
  }, 240_000);
});
