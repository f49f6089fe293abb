import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { startApiProcess } from '../helpers/api-process';

/**
 * A run interrupted by a crash is never left RUNNING: the API process is killed (SIGKILL) while
 * a job runs in its worker thread; after the restart on the same embedded data directory the
 * job is queued again at boot and runs to the end (a second interruption would fail it, with
 * the reason: see the jobs e2e suite).
 */
describe('a job across a crash of the API process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansrijk-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const dbUrl = (log: string) => /served at (postgres:\/\/\S+)/.exec(log)![1];
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
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await job(url, id);
      if (pred(r)) return r;
      if (Date.now() > deadline) throw new Error(`job still ${JSON.stringify(r)}`);
      await new Promise((res) => setTimeout(res, 200));
    }
  };

  it('is queued again after the restart and finishes', async () => {
    const env = { JOB_CONCURRENCY: '1' };
    const first = await startApiProcess({ dataDir, env });
    const id = '00000000-0000-4000-8000-0000000c0a5e';
    const url1 = dbUrl(first.log());
    const c = new Client({ connectionString: url1 });
    await c.connect();
    await c.query(`INSERT INTO job (id, kind, status, input) VALUES ($1, 'selftest', 'QUEUED', '{"spinMs": 4000}')`, [id]);
    await c.end();
    await until(url1, id, (r) => r.status === 'RUNNING');
    first.child.kill('SIGKILL');
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
});
