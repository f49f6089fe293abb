import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { Role } from '../../apps/api/src/common/auth/role';
import { ESCO, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** Issue 4: the operators' importer, run as a command against a running API. */
describe('npm run import', () => {
  let t: TestApp;
  let key: string;
  const tenant = uniq('cli');
  const dir = mkdtempSync(join(tmpdir(), 'kansrijk-import-'));

  beforeAll(async () => {
    t = await startTestApp();
    key = await t.key(Role.PLATFORM, tenant);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importer = (args: string[]) =>
    run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/import.ts', ...args, '--key', key, '--url', t.url], { cwd: ROOT }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );

  it('imports a CSV, reports bad lines by number, and updates on a second run', async () => {
    const prefix = uniq('csv');
    const header = 'external_id,employer_external_id,employer_name,title,occupation_id,min_dutch_level,hours_per_week,monthly_wage,postcode,start_date,work_permit_willingness';
    const lines = [
      `${prefix}-1,emp-1,Bakkerij Jansen,Bakker,,A1,24,2300,3011,2027-02-01,ja`,
      `${prefix}-2,emp-1,Bakkerij Jansen,Kok,${ESCO.cook},A2,32,2500,3012,2027-02-01,nee`,
      `${prefix}-3,emp-1,Bakkerij Jansen,Kok,${ESCO.cook},A2,veel,2500,3012,2027-02-01,nee`, // not a number
      `${prefix}-4,emp-1,Bakkerij Jansen,Kok,${ESCO.cook},A2,32,2500,1000,2027-02-01,nee`, // unknown postcode
      `${prefix}-5,emp-2,"Schoonmaak, Glans & Co",Schoonmaker,${ESCO.buildingCleaner},NONE,20,,5611,2027-03-15,yes`,
    ];
    // Row 1 has no occupation and no ISCO code: refused by the API with its field.
    const file = join(dir, 'vacancies.csv');
    writeFileSync(file, [header, ...lines].join('\n') + '\n');
    const errors = join(dir, 'errors.jsonl');
    const first = await importer(['vacancies', file, '--errors', errors]);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/5 rows, 2 created, 0 updated, 3 failed/);
    expect(first.out).toMatch(/line 2 occupationId: give an occupationId or an iscoCode/);
    expect(first.out).toMatch(/line 4: hours_per_week: "veel" is not a whole number/);
    expect(first.out).toMatch(/line 5 location.postcode: postcode 1000 is not a known/);
    expect(readFileSync(errors, 'utf8').trim().split('\n')).toHaveLength(3);
    const stored = await t.dataSource.query(`SELECT v.title, e.name FROM vacancy v JOIN employer e ON e.id = v.employer_id WHERE v.tenant = $1 ORDER BY v.external_id`, [tenant]);
    expect(stored).toEqual([
      { title: 'Kok', name: 'Bakkerij Jansen' },
      { title: 'Schoonmaker', name: 'Schoonmaak, Glans & Co' },
    ]);
    const again = await importer(['vacancies', file]);
    expect(again.out).toMatch(/5 rows, 0 created, 2 updated, 3 failed/);
  });

  it('imports JSON Lines, setting aside a line GraphQL refuses (a wrong level) without losing the batch', async () => {
    const prefix = uniq('jsonl');
    const employer = { externalId: 'emp-j', name: 'JSON BV' };
    const rows = [0, 1, 2, 3].map((i) => vacancyInput('', { employerId: undefined, employer, externalId: `${prefix}-${i}` }));
    (rows[1] as Record<string, unknown>).minDutchLevel = 'B3';
    const file = join(dir, 'vacancies.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n{not json}\n');
    const res = await importer(['vacancies', file, '--batch', '10']);
    expect(res.out).toMatch(/5 rows, 3 created, 0 updated, 2 failed/);
    expect(res.out).toMatch(/line 2: .*B3/);
    expect(res.out).toMatch(/line 5: not JSON/);
  });

  it('with --atomic saves nothing when a row fails', async () => {
    const prefix = uniq('atomic');
    const rows = [0, 1, 2].map((i) => vacancyInput('', { employerId: undefined, employer: { externalId: 'emp-a', name: 'A' }, externalId: `${prefix}-${i}`, hoursPerWeek: i === 2 ? 70 : 20 }));
    const file = join(dir, 'atomic.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const res = await importer(['vacancies', file, '--atomic']);
    expect(res.out).toMatch(/3 rows, 0 created, 0 updated, 3 failed/);
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM vacancy WHERE external_id LIKE $1 || '%'`, [prefix]))[0].n)).toBe(0);
  });

  it('explains its usage and refuses to run without a key', async () => {
    const noKey = await run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/import.ts', 'vacancies', 'x.csv'], { cwd: ROOT, env: { ...process.env, KANSRIJK_API_KEY: '' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((noKey as { code: number }).code).toBe(2);
    expect((noKey as { stderr: string }).stderr).toMatch(/an API key is needed/);
  });

  it('imports candidates with diplomas, ties, preferences and monitoring from CSV cells, and reports every problem of a row', async () => {
    const prefix = uniq('cand');
    const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const workTie = JSON.stringify([{ kind: 'WORK', municipalityCode: 'GM0772', hoursPerWeek: 24, contractMonths: 12, signedContract: true, payslip: true }]);
    const header =
      'external_id,birth_date,legal_status,permit_date,postcode,dutch_level,hours_available,max_travel_km,occupations,diplomas,ties,preferred_municipalities,preferred_regions,preferred_isco_groups,nationality,country_of_birth,gender';
    const lines = [
      `${prefix}-1,1990-04-12,STATUS_HOLDER,2026-09-01,5611,A2,32,40,5120:4,MBO:EVALUATED:5120|HBO:RECOGNISED:2221:BIG:verpleegkundige,FAMILY:GM0772|MEDICAL:GM0363,GM0772,AM18,5120|51,SY,SY,FEMALE`,
      `${prefix}-2,1985-01-01,STATUS_HOLDER,2026-09-01,3011,B1,24,30,,,${q(workTie)},,,,,,`,
      // Four problems on one row: an unknown level, hours that are not a number, a tie without a municipality, an unknown gender.
      `${prefix}-3,1985-01-01,STATUS_HOLDER,2026-09-01,3011,B3,veel,30,,MBO:GUESSED,FAMILY,,,,,,V`,
    ];
    const file = join(dir, 'candidates.csv');
    writeFileSync(file, [header, ...lines].join('\n') + '\n');
    const res = await importer(['candidates', file]);
    expect(res.out).toMatch(/3 rows, 2 created, 0 updated, 1 failed/);
    expect(res.out).toMatch(
      /line 4: diplomas: "GUESSED" must be one of[^\n]*\n {2}line 4: ties: "FAMILY" must be KIND:GMxxxx\n {2}line 4: gender: "V" must be one of[^\n]*\n {2}line 4: dutch_level: "B3" must be one of[^\n]*\n {2}line 4: hours_available: "veel" is not a whole number\n/,
    );
    const [one] = await t.dataSource.query(`SELECT id, diplomas, ties, preferences FROM candidate WHERE tenant = $1 AND external_id = $2`, [tenant, `${prefix}-1`]);
    expect(one.diplomas).toEqual([
      expect.objectContaining({ level: 'MBO', status: 'EVALUATED', iscoCode: '5120' }),
      expect.objectContaining({ level: 'HBO', status: 'RECOGNISED', iscoCode: '2221', regulatedProfession: 'BIG:verpleegkundige' }),
    ]);
    expect(one.ties.map((x: { kind: string; municipalityCode: string }) => `${x.kind}:${x.municipalityCode}`)).toEqual(['FAMILY:GM0772', 'MEDICAL:GM0363']);
    expect(one.preferences).toMatchObject({ municipalityCodes: ['GM0772'], regionCodes: ['AM18'], iscoGroups: ['5120', '51'] });
    const [monitoring] = await t.dataSource.query(`SELECT nationality, country_of_birth AS "countryOfBirth", gender FROM candidate_monitoring WHERE candidate_id = $1`, [one.id]);
    expect(monitoring).toEqual({ nationality: 'SY', countryOfBirth: 'SY', gender: 'FEMALE' });
    const [two] = await t.dataSource.query(`SELECT ties FROM candidate WHERE tenant = $1 AND external_id = $2`, [tenant, `${prefix}-2`]);
    expect(two.ties).toEqual([expect.objectContaining({ kind: 'WORK', municipalityCode: 'GM0772', hoursPerWeek: 24, contractMonths: 12, signedContract: true, payslip: true })]);
  });
});
