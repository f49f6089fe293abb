import { ChildProcess, execFile, spawn } from 'child_process';
import * as http from 'http';
import { join } from 'path';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { testDatabaseKind, testDatabaseUrl } from '../helpers/test-database';

const ROOT = join(__dirname, '..', '..');
const MAIN = ['-r', '@swc-node/register', 'apps/api/src/main.ts'];

/** One POST on a connection of its own, so that consecutive calls land on the workers in turn. */
function gqlOnNewConnection<T>(port: number, key: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: unknown[] }> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** API_WORKERS: several API processes on one port (issue 5, item 7). */
describe('API workers', () => {
  it('refuses more than one worker on the embedded database, naming the variable, before starting any', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, MAIN, { cwd: ROOT, env: { PATH: process.env.PATH, API_WORKERS: '2', PORT: '0' }, timeout: 60_000 }, (err, _stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/API_WORKERS="2": more than one API process needs DATABASE_URL/);
  });

  // Workers need a PostgreSQL server: the embedded database belongs to one process.
  (testDatabaseKind() === 'server' ? describe : describe.skip)('on a server database', () => {
    let t: TestApp;
    let server: ChildProcess;
    let port: number;
    let log = '';
    beforeAll(async () => {
      t = await startTestApp(); // for keys only
      server = spawn(process.execPath, MAIN, {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: testDatabaseUrl(), API_WORKERS: '2', PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'log', RATE_LIMIT_PER_MINUTE: '0' },
      });
      server.stdout!.on('data', (d: Buffer) => (log += d.toString()));
      server.stderr!.on('data', (d: Buffer) => (log += d.toString()));
      const deadline = Date.now() + 60_000;
      while ((log.match(/GraphQL API at http:\/\/127\.0\.0\.1:(\d+)/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      port = Number(/GraphQL API at http:\/\/127\.0\.0\.1:(\d+)/.exec(log)?.[1]);
    }, 90_000);
    afterAll(async () => {
      if (server.exitCode === null) server.kill('SIGTERM');
      await t.close();
    });

    it('serves from two processes on one port, each change in the very next list whichever worker answers', async () => {
      // One JSON log line per worker when it serves, with its pid.
      const pids = [...log.matchAll(/"pid":(\d+),[^\n]*GraphQL API at/g)].map((m) => m[1]);
      expect(new Set(pids).size).toBe(2);
      const key = await t.key(Role.PLATFORM, uniq('workers'));
      const e = await gqlOnNewConnection<{ createEmployer: { id: string } }>(port, key, `mutation { createEmployer(input: { name: "Workers BV" }) { id } }`);
      const person = await gqlOnNewConnection<{ createCandidate: { id: string } }>(port, key, `mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, {
        i: candidateInput({ location: { postcode: '7411' }, maxTravelKm: 10 }), // Deventer
      });
      const listed = async () => {
        const r = await gqlOnNewConnection<{ jobSuggestions: { items: { vacancyId: string }[] } }>(port, key, `query($c: ID!) { jobSuggestions(candidateId: $c, take: 100) { items { vacancyId } } }`, {
          c: person.data!.createCandidate.id,
        });
        expect(r.errors).toBeUndefined();
        return r.data!.jobSuggestions.items.map((i) => i.vacancyId);
      };
      for (let round = 0; round < 3; round++) {
        const v = await gqlOnNewConnection<{ createVacancy: { id: string } }>(port, key, `mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, {
          i: vacancyInput(e.data!.createEmployer.id, { location: { postcode: '7412' } }),
        });
        const id = v.data!.createVacancy.id;
        for (const seen of [await listed(), await listed()]) expect(seen).toContain(id);
        await gqlOnNewConnection(port, key, `mutation($id: ID!) { closeVacancy(id: $id) { status } }`, { id });
        for (const seen of [await listed(), await listed()]) expect(seen).not.toContain(id);
      }
    });

    it('closes every worker and exits cleanly on SIGTERM', async () => {
      const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log.match(/closed cleanly/g)).toHaveLength(2);
    }, 60_000);
  });
});
