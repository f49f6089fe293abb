import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { startTestApp, TestApp } from '../helpers/test-app';
import { testDatabaseKind, testDatabaseUrl } from '../helpers/test-database';

const ROOT = join(__dirname, '..', '..');

type Health = { status: string; info?: Record<string, Record<string, unknown>>; error?: Record<string, { status: string; reason?: string }> };

async function probe(base: string, path: string): Promise<{ status: number; body: Health } | null> {
  try {
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: (await res.json()) as Health };
  } catch {
    return null; // busy (a boot step holds the event loop) or not listening yet
  }
}

/** A database on the server for this test alone: a copy of the prepared template, or an empty one. */
async function serverDatabase(suffix: string, copy: boolean): Promise<{ url: string; drop: () => Promise<void> }> {
  const worker = new URL(testDatabaseUrl());
  const base = worker.pathname.slice(1);
  const name = `${base}_${suffix}`;
  const admin = new Client({ connectionString: worker.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  // The template the worker databases were made from (test/setup/test-databases.ts); nobody connects to it.
  await admin.query(`CREATE DATABASE "${name}"${copy ? ` TEMPLATE "${base.replace(/_kt_[^_]+$/, '_kt_tpl')}"` : ''}`);
  const u = new URL(worker.toString());
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** test/helpers/embedded-child.ts: an EmbeddedPostgres in memory in a process of its own. */
async function startEmbeddedChild(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/helpers/embedded-child.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s: ${err}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /URL (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Health endpoints (issue 13 item 7): during start-up the port already answers (live 200,
 * ready 503 with what is under way, GraphQL 503); once ready, ready says 200 with the database
 * and the index; when the database goes away, ready answers 503 with the reason while live
 * stays 200.
 */
describe('health', () => {
  it('answers while starting: live 200, ready 503 with a reason, GraphQL 503; then ready 200', async () => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'log', LOG_FORMAT: 'json' };
    let cleanup = async () => {};
    if (testDatabaseKind() === 'server') {
      const db = await serverDatabase('health_boot', false); // empty: the boot migrates and loads reference data
      env.DATABASE_URL = db.url;
      cleanup = db.drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'kansrijk-health-'));
      env.DATA_DIR = dataDir;
      delete env.DATABASE_URL;
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
    let out = '';
    const proc: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: ROOT, env });
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 270_000; // a boot on a busy machine; alone it takes seconds
      let port: string | undefined;
      while (!(port = /starting; http:\/\/127\.0\.0\.1:(\d+)\/health\/ready/.exec(out)?.[1])) {
        if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`no start-up line:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const base = `http://127.0.0.1:${port}`;
      const reasons = new Set<string>();
      let liveWhileStarting: number | undefined;
      let graphqlWhileStarting: { status: number; code?: string } | undefined;
      let ready: { status: number; body: Health } | null = null;
      while (Date.now() < deadline) {
        const r = await probe(base, '/health/ready');
        if (r?.status === 200) {
          ready = r;
          break;
        }
        if (r) {
          expect(r.status).toBe(503);
          reasons.add(r.body.error!.startup.reason!);
          liveWhileStarting ??= (await probe(base, '/health/live'))?.status;
          if (!graphqlWhileStarting) {
            const g = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ about { version } }"}' }).catch(() => null);
            if (g) graphqlWhileStarting = { status: g.status, code: ((await g.json()) as { errors: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code };
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(reasons.size).toBeGreaterThan(0);
      for (const reason of reasons) expect(reason).toMatch(/^starting: (opening the database|connecting to the database|applying migrations and loading reference data|building the matching index)$/);
      expect(liveWhileStarting).toBe(200);
      expect(graphqlWhileStarting).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(ready?.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, matchingIndex: { status: 'up', vacancies: 0, candidates: 0 } } });
      expect(out).toMatch(/GraphQL API at http:\/\/127\.0\.0\.1:\d+\/graphql/);
      // The same port serves GraphQL once ready.
      const about = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ about { version } }"}' });
      expect(about.status).toBe(200);
    } finally {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      await cleanup();
    }
  }, 300_000);

  describe('when the database goes away', () => {
    let t: TestApp;
    let goAway: () => Promise<void>;
    let cleanup = async () => {};

    beforeAll(async () => {
      if (testDatabaseKind() === 'server') {
        const db = await serverDatabase('health_gone', true);
        t = await startTestApp({}, { target: { url: db.url, kind: 'server', poolMax: 4, stop: async () => {} } });
        goAway = async () => {
          const admin = new Client({ connectionString: testDatabaseUrl() });
          await admin.connect();
          await admin.query(`DROP DATABASE "${new URL(db.url).pathname.slice(1)}" WITH (FORCE)`);
          await admin.end();
        };
        cleanup = db.drop;
      } else {
        // An embedded database of its own (in memory, in a child process), stopped as the API stops it.
        const embedded = await startEmbeddedChild();
        t = await startTestApp({}, { target: { url: embedded.url, kind: 'embedded', poolMax: 4, stop: async () => {} } });
        goAway = embedded.stop;
        cleanup = embedded.stop;
      }
    }, 120_000);
    afterAll(async () => {
      await t.close();
      await cleanup();
    });

    it('ready turns 503 naming the database and why, live stays 200', async () => {
      const base = t.url.replace(/\/graphql$/, '');
      const before = await probe(base, '/health/ready');
      expect(before).toMatchObject({ status: 200, body: { status: 'ok', info: { database: { status: 'up', kind: testDatabaseKind() }, matchingIndex: { status: 'up' } } } });

      await goAway();
      const after = await probe(base, '/health/ready');
      expect(after?.status).toBe(503);
      expect(after?.body.status).toBe('error');
      expect(after?.body.error?.database).toMatchObject({ status: 'down', reason: expect.stringMatching(/\w/) });
      expect(after?.body.error).not.toHaveProperty('matchingIndex');
      expect((await probe(base, '/health/live'))?.status).toBe(200);
      // The metrics still answer (from memory).
      expect((await fetch(`${base}/metrics`)).status).toBe(200);
    });
  });
});
