import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

interface Running {
  proc: ChildProcess;
  url: string;
  log: () => string;
}

/** Starts `npm start`'s entry point as a user would, on the embedded database in dataDir. */
function start(dataDir: string): Promise<Running> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development', LOG_LEVEL: 'log' };
  delete env.DATABASE_URL;
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: ROOT, env });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /GraphQL API at (http:\/\/\S+\/graphql)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], log: () => out });
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
}

function stop(r: Running, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    r.proc.removeAllListeners('exit');
    r.proc.on('exit', (code) => resolve(code));
    r.proc.kill(signal);
  });
}

async function gql(url: string, query: string, key?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/**
 * Issue 2: `npm start` without DATABASE_URL runs on PGlite with its data on disk;
 * SIGTERM closes server, pool and database in order, and a restart finds the data
 * and does not reload the reference data.
 */
describe('embedded database across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansrijk-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps what was written after SIGTERM, and a second boot does not reload', async () => {
    const first = await start(dataDir);
    expect(first.log()).toMatch(/database: embedded PostgreSQL \(PGlite\)/);
    expect(first.log()).toMatch(/reference data loaded into the embedded database in \d+ ms/);
    // The log is JSON lines when not on a terminal: the message's line breaks are escaped there.
    const key = /No API key existed.*?(kr_[a-z0-9]{12}_[A-Za-z0-9_-]{43})/s.exec(first.log())?.[1];
    expect(key).toBeDefined();
    const set = await gql(first.url, 'mutation { setHousingNationalTotal(period: "2040-H2", total: 12345) { total } }', key);
    expect(set).toEqual({ data: { setHousingNationalTotal: { total: 12345 } } });
    expect(await stop(first, 'SIGTERM')).toBe(0);
    expect(first.log()).toMatch(/closed cleanly/);

    const second = await start(dataDir);
    try {
      expect(second.log()).toMatch(/reference data already loaded/);
      expect(second.log()).not.toMatch(/No API key existed/);
      const totals = await gql(second.url, '{ housingNationalTotals { period total } }');
      expect(totals.data?.housingNationalTotals).toEqual([{ period: '2040-H2', total: 12345 }]);
      // The first admin key still works after the restart.
      const again = await gql(second.url, 'mutation { setHousingNationalTotal(period: "2040-H2", total: 12346) { total } }', key);
      expect(again.errors).toBeUndefined();
    } finally {
      expect(await stop(second, 'SIGINT')).toBe(0);
    }
  }, 120_000);
});
