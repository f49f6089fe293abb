import { execFile } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { Role } from '../../apps/api/src/common/auth/role';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Issue 5 item 4: labour demand per region and ISCO group. Runs on its own app and, at the
 * end, restores the illustrative sample so other files see the state a fresh install has.
 */
describe('labour demand', () => {
  let t: TestApp;
  let admin: string;
  const dir = mkdtempSync(join(tmpdir(), 'kansrijk-ld-'));
  const info = `{ labourDemandInfo { rows illustrative source } }`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
  });
  afterAll(async () => {
    const { ensureLabourDemand } = await import('../../apps/api/src/modules/labour-demand/labour-demand.service');
    await t.dataSource.transaction(async (tx) => {
      await tx.query('DELETE FROM labour_demand');
      await ensureLabourDemand(tx);
    });
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the shipped sample, clearly marked illustrative', async () => {
    const res = await t.gql<{ labourDemandInfo: { rows: number; illustrative: boolean; source: string } }>(info);
    expect(res.data!.labourDemandInfo).toEqual({ rows: 35 * 43, illustrative: true, source: expect.stringMatching(/illustrative sample \(not UWV data\)/) });
    const figures = await t.gql<{ labourDemand: { iscoGroup: string; tension: number }[] }>(`{ labourDemand(regionCode: "AM18", iscoGroup: "2") { iscoGroup tension label } }`);
    expect(figures.data!.labourDemand.map((f) => f.iscoGroup)).toEqual(['21', '22', '23', '24', '25', '26']);
  });

  it('is replaced whole by an admin import with mode REPLACE, or refused whole naming the bad rows', async () => {
    const mutation = `mutation($input: LabourDemandImportInput!) { importLabourDemand(input: $input) { rows illustrative source } }`;
    const rows = [
      { regionCode: 'AM18', iscoGroup: '5120', tension: 2.4, label: 'zeer krap' },
      { regionCode: 'AM18', iscoGroup: '51', tension: 1.2 },
    ];
    expect((await t.gql(mutation, { input: { mode: 'REPLACE', source: 'test', rows } }, await t.key(Role.PLATFORM, 'ld'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await t.gql(mutation, { input: { mode: 'REPLACE', source: 'test', rows: [...rows, { regionCode: 'AM99', iscoGroup: '0000', tension: 1 }, rows[0]] } }, admin);
    expect((bad.errors?.[0].extensions?.fields as { field: string; rule: string }[]).map((f) => [f.field, f.rule])).toEqual([
      ['input.rows[2].regionCode', 'exists'],
      ['input.rows[2].iscoGroup', 'exists'],
      ['input.rows[3]', 'uniqueInImport'],
    ]);
    expect((await t.gql<{ labourDemandInfo: { illustrative: boolean } }>(info)).data!.labourDemandInfo.illustrative).toBe(true);
    const before: { key: string }[] = await t.dataSource.query(`SELECT region_code || ':' || isco_group AS key FROM labour_demand`);
    const ok = await t.gql(mutation, { input: { mode: 'REPLACE', source: 'UWV test quarter', rows } }, admin);
    expect(ok.data).toEqual({ importLabourDemand: { rows: 2, illustrative: false, source: 'UWV test quarter' } });

    // The trail says which figures the import wrote, by region and ISCO group, and which it removed.
    const log = await t.gql<{ auditLog: { items: { subjectType: string; subjectRefs: string[]; details: string }[] } }>(
      `{ auditLog(filter: { action: "labour-demand.imported", subjectRef: "AM18:5120" }, take: 1) { items { subjectType subjectRefs details } } }`,
      {},
      admin,
    );
    const [entry] = log.data!.auditLog.items;
    expect(entry.subjectType).toBe('labour_demand');
    expect(entry.subjectRefs).toEqual(['AM18:5120', 'AM18:51']);
    const details = JSON.parse(entry.details);
    expect(details).toMatchObject({ rows: 2, source: 'UWV test quarter' });
    expect([...details.removed].sort()).toEqual(before.map((r) => r.key).filter((k) => !entry.subjectRefs.includes(k)).sort());
    expect(details.removed.length).toBeGreaterThan(1000); // the shipped sample, replaced
  });

  it('imports a CSV with the command', async () => {
    const file = join(dir, 'ld.csv');
    writeFileSync(file, 'region_code,isco_group,tension,label\nAM01,22,2.5,zeer krap\nAM01,9112,"0,8",gemiddeld\n');
    const run = promisify(execFile);
    const out = await run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/import.ts', 'labour-demand', file, '--source', 'CSV test', '--replace', '--key', admin, '--url', t.url], {
      cwd: join(__dirname, '..', '..'),
    });
    expect(out.stdout).toMatch(/labour demand replaced: 2 figures from "CSV test": 2 added, 0 replaced, 2 removed/);
    const stored = await t.dataSource.query(`SELECT region_code, isco_group, tension FROM labour_demand ORDER BY isco_group`);
    expect(stored).toEqual([
      { region_code: 'AM01', isco_group: '22', tension: 2.5 },
      { region_code: 'AM01', isco_group: '9112', tension: 0.8 },
    ]);
  });

  it('merges by region and ISCO group by default: other figures stay, and the command prints what it replaced', async () => {
    await t.dataSource.query('DELETE FROM labour_demand');
    const file = join(dir, 'ld-base.csv');
    writeFileSync(file, 'region_code,isco_group,tension\nAM01,22,2.5\nAM01,9112,0.8\nAM18,5120,1.1\n');
    const run = promisify(execFile);
    const cli = (f: string, ...more: string[]) =>
      run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/import.ts', 'labour-demand', f, '--source', 'merge test', ...more, '--key', admin, '--url', t.url], { cwd: join(__dirname, '..', '..') }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    expect((await cli(file)).out).toMatch(/labour demand merged: 3 figures from "merge test": 3 added, 0 replaced; 3 figures in use/);
    const update = join(dir, 'ld-update.csv');
    writeFileSync(update, 'region_code,isco_group,tension\nAM18,5120,1.9\nAM18,51,1.2\n');
    const merged = await cli(update);
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/labour demand merged: 2 figures from "merge test": 1 added, 1 replaced; 4 figures in use/);
    expect(merged.out).toMatch(/replaced \(before → after\):\n {2}AM18:5120 1.1 → 1.9/);
    const stored = await t.dataSource.query(`SELECT region_code || ':' || isco_group AS key, tension FROM labour_demand ORDER BY 1`);
    expect(stored).toEqual([
      { key: 'AM01:22', tension: 2.5 },
      { key: 'AM01:9112', tension: 0.8 },
      { key: 'AM18:51', tension: 1.2 },
      { key: 'AM18:5120', tension: 1.9 },
    ]);
    // The audit entry says how: mode, what it replaced (from → to).
    const [entry] = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'labour-demand.imported' ORDER BY id DESC LIMIT 1`);
    expect(entry.details).toMatchObject({ mode: 'MERGE', rows: 2, replaced: [{ key: 'AM18:5120', from: 1.1, to: 1.9 }], removed: [] });
    // --replace prints every figure it removed.
    const replaced = await cli(update, '--replace');
    expect(replaced.out).toMatch(/labour demand replaced: 2 figures from "merge test": 0 added, 2 replaced, 2 removed; 2 figures in use/);
    expect(replaced.out).toMatch(/removed \(the file has no figure for them\):\n {2}AM01:22 2.5 \(from "merge test"\)\n {2}AM01:9112 0.8/);
    // Every problem of a line, and nothing imported.
    const bad = join(dir, 'ld-bad.csv');
    writeFileSync(bad, 'region_code,isco_group,tension\n,,veel\nAM01,22,1\n');
    const refused = await cli(bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/line 2: region_code is empty\nline 2: isco_group is empty\nline 2: tension "veel" is not a number\nnothing imported: 3 problem\(s\)/);
  });
});
