import { execFile } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { ApiProcess, startApiProcess } from '../helpers/api-process';
import { testDatabaseKind } from '../helpers/test-database';

const ROOT = join(__dirname, '..', '..');

/**
 * Records written by another process while the API runs reach it: `npm run seed:demo` from a
 * separate process into the database a running API uses (the embedded one through the URL it
 * serves, or a server) goes through the change feed, so the API suggests the seeded vacancies
 * within seconds, answers for seeded people and households, and plans them in a scenario; none
 * of it a NOT_FOUND or an internal error.
 */
describe('seeding beside a running API', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansrijk-seed-'));
  let api: ApiProcess;
  let dbUrl: string;
  let key: string;
  const serverDb = `kansrijk_seed_${process.pid}`;

  beforeAll(async () => {
    if (testDatabaseKind() === 'server') {
      const base = process.env.DATABASE_URL!;
      const admin = new Client({ connectionString: base });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${serverDb} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${serverDb}`);
      await admin.end();
      const u = new URL(base);
      u.pathname = `/${serverDb}`;
      dbUrl = u.toString();
      api = await startApiProcess({ databaseUrl: dbUrl });
      key = /\b(kr_[A-Za-z0-9]+_[A-Za-z0-9_-]+)/.exec((await run('keys.ts', ['create', '--role', 'ADMIN', '--label', 'seed test'])).stdout)![1];
    } else {
      api = await startApiProcess({ dataDir });
      dbUrl = /served at (postgres:\/\/[^\s"\\]+)/.exec(api.log())![1];
      key = api.adminKey()!;
    }
  }, 240_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) =>
      execFile(process.execPath, ['-r', '@swc-node/register', `apps/cli/src/${script}`, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: dbUrl }, timeout: 180_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
  }
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  };
  const one = async <T>(sql: string): Promise<T> => {
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    try {
      return (await c.query(sql)).rows[0] as T;
    } finally {
      await c.end();
    }
  };

  it('suggests seeded vacancies for seeded people within seconds, and plans seeded households', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const seeded = await run('seed-demo.ts', ['--candidates', '300', '--vacancies', '1500', '--seed', '7', '--today', today, '--quiet']);
    expect(seeded.code).toBe(0);
    const person = await one<{ id: string }>(`SELECT c.id FROM candidate c JOIN household_member m ON m.candidate_id = c.id WHERE c.external_id LIKE 'demo-7-c%' ORDER BY c.external_id LIMIT 1`);
    const household = await one<{ id: string }>(`SELECT h.id FROM household h WHERE h.external_id LIKE 'demo-7-h%' ORDER BY h.external_id LIMIT 1`);
    // The vacancies arrive through the feed (the person may be loaded on demand): wait for them.
    let total = 0;
    const deadline = Date.now() + 30_000;
    while (total === 0 && Date.now() < deadline) {
      const r = await gql<{ jobSuggestions: { total: number; items: { vacancy: { title: string } }[] } }>(`query($id: ID!) { jobSuggestions(candidateId: $id, take: 3, filter: { includeIneligible: true }) { total items { vacancy { title } } } }`, { id: person.id });
      expect(r.errors).toBeUndefined();
      total = r.data!.jobSuggestions.total;
      if (total === 0) await new Promise((res) => setTimeout(res, 500));
    }
    expect(total).toBeGreaterThan(0);
    const m = await gql<{ municipalitySuggestions: { feasible: boolean; items: unknown[] } }>(`query($id: ID!) { municipalitySuggestions(householdId: $id, take: 3) { feasible items { municipalityCode } } }`, { id: household.id });
    expect(m.errors).toBeUndefined();
    const s = await gql<{ runScenario: { status: string; error: string | null; baseline: { households: number } } }>(
      `mutation($i: ScenarioInput!) { runScenario(input: $i) { status error baseline { households } } }`,
      { i: { name: 'seeded', cohort: { syntheticOnly: true, limit: 50 }, policy: { tieRadiusKm: 40 }, wait: true } },
    );
    expect(s.errors).toBeUndefined();
    expect(s.data!.runScenario).toMatchObject({ status: 'DONE', error: null, baseline: { households: 50 } });
    expect(api.log()).not.toMatch(/in the index|Internal server error|INTERNAL_SERVER_ERROR/);
  }, 300_000);
});
