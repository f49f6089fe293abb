import { execFile, spawn } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput } from '../helpers/factories';
import { JobQueue } from '../../apps/api/src/modules/jobs/job-queue';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * A child process that compiles the CLI with swc and boots it takes 10-15 s on a quiet two-core
 * machine and more when the cores are shared; the limit is about a hung process, not speed.
 */
const CLI_TIMEOUT_MS = 120_000;

/** Issue 6 item 4: the evaluators' command line, against a running API. */
describe('npm run whatif', () => {
  let t: TestApp;
  let evaluator: string;
  const dir = mkdtempSync(join(tmpdir(), 'kansrijk-whatif-'));
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ JOB_CONCURRENCY: '1' });
    const admin = await t.key(Role.ADMIN);
    evaluator = await t.key(Role.EVALUATOR);
    for (const tie of ['GM0772', 'GM0363', 'GM0014']) {
      const c = await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ ties: [{ kind: 'FAMILY', municipalityCode: tie }] }) }, admin);
      const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: [c.data!.createCandidate.id], size: 2 } }, admin);
      ids.push(h.data!.createHousehold.id);
    }
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the comparison and writes the scenario as CSV and JSON', async () => {
    const policy = join(dir, 'override.json');
    writeFileSync(policy, JSON.stringify({ name: 'radius-30', tieRadiusKm: 30 }));
    const households = join(dir, 'ids.txt');
    writeFileSync(households, ids.join('\n'));
    const out = join(dir, 'out');
    const run = promisify(execFile);
    const res = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/whatif.ts', '--policy', policy, '--households', households, '--period', '2036-H1', '--out', out, '--key', evaluator, '--url', t.url],
      { cwd: join(__dirname, '..', '..') },
    );
    expect(res.stdout).toMatch(/^scenario [0-9a-f-]{36}: 3 households$/m);
    expect(res.stdout).toMatch(/variant \(radius-30@[0-9a-f]{12}\)/);
    expect(res.stdout).toMatch(/^households placed\s+3\s+3\s+0$/m);
    expect(res.stdout).toMatch(/^households whose municipality changed\s+\d+$/m);
    const files = readdirSync(out).sort();
    expect(files).toEqual([expect.stringMatching(/^scenario-.*\.csv$/), expect.stringMatching(/^scenario-.*\.json$/)]);
    expect(readFileSync(join(out, files[0]), 'utf8')).toMatch(/^section,dimension,group,metric,baseline,variant,difference\n/);
    expect(JSON.parse(readFileSync(join(out, files[1]), 'utf8')).status).toBe('DONE');
  }, CLI_TIMEOUT_MS);

  it.each(['SIGINT', 'SIGTERM'] as const)('cancels its run on the server when stopped with %s, and exits 130', async (signal) => {
    // A job that keeps the one worker busy, so the run is still queued when the signal comes.
    const queue = t.app.get(JobQueue);
    const blocker = await queue.enqueue({ kind: 'selftest', input: { spinMs: 120_000 }, createdBy: null });
    try {
      const policy = join(dir, `stop-${signal}.json`);
      writeFileSync(policy, JSON.stringify({ tieRadiusKm: 30 }));
      const households = join(dir, 'ids.txt');
      writeFileSync(households, ids.join('\n'));
      const name = `stopped with ${signal}`;
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/whatif.ts', '--policy', policy, '--households', households, '--name', name, '--quiet', '--key', evaluator, '--url', t.url], {
        cwd: join(__dirname, '..', '..'),
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Once the CLI has queued its run, stop it.
      const deadline = Date.now() + CLI_TIMEOUT_MS;
      let id: string | undefined;
      while (!id && Date.now() < deadline) {
        id = (await t.dataSource.query(`SELECT id FROM scenario WHERE name = $1`, [name]))[0]?.id;
        if (!id) await new Promise((r) => setTimeout(r, 200));
      }
      expect(id).toBeDefined();
      child.kill(signal);
      expect(await exited).toBe(130);
      expect(stderr).toContain(`interrupted: scenario ${id} cancelled`);
      const [job] = await t.dataSource.query(`SELECT status, started_at FROM job WHERE id = $1`, [id]);
      expect(job).toEqual({ status: 'CANCELLED', started_at: null });
    } finally {
      await queue.requestCancel(blocker, 'selftest');
    }
  }, CLI_TIMEOUT_MS);

  it('refuses a policy file it cannot read', async () => {
    const run = promisify(execFile);
    const err = await run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/whatif.ts', '--policy', join(dir, 'missing.json'), '--key', evaluator], { cwd: join(__dirname, '..', '..') }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toMatch(/--policy .*missing\.json/);
  }, CLI_TIMEOUT_MS);
});
