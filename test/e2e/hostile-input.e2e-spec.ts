import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { problemsOf } from '../helpers/gql-fragments';
import { startTestApp, TestApp } from '../helpers/test-app';
import { INTERNALS, post } from './access-helpers';

/** Strings that attack SQL, HTML, templates or display; every one is legal text. */
const HOSTILE = [
  `'; DROP TABLE candidate; --`,
  `<script>alert(1)</script>`,
  `Robert'); DELETE FROM audit_event; --`,
  `" OR "1"="1`,
  `\\'; SELECT pg_sleep(5); --`,
  `{{7*7}} \${7*7} %s %n $1`,
  `Zoë Ñandú 🚀 \u202eevil\u200b`,
];

const CANDIDATE = `mutation($input: CandidateInput!) { createCandidate(input: $input) { id name notes diplomas { regulatedProfession } } }`;
const EMPLOYER = `mutation($input: EmployerInput!) { createEmployer(input: $input) { id name sector } }`;
const VACANCY = `mutation($input: VacancyInput!) { createVacancy(input: $input) { id title description sector diplomaRequirement { regulatedProfession } employer { name sector } } }`;

/** Issue 7 item 5: hostile strings in every text field are stored verbatim and returned harmlessly; NUL is refused cleanly. */
describe('hostile input', () => {
  let t: TestApp;
  let platform: string;
  const tenant = uniq('hostile').toLowerCase();
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE tenant = $1`, [tenant]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    platform = await t.key(Role.PLATFORM, tenant);
  });
  afterAll(() => t.close());

  describe.each(HOSTILE)('%j', (s) => {
    it('is stored verbatim in every free-text field of a candidate, and read back unchanged as JSON', async () => {
      const input = candidateInput({ externalId: uniq('h'), name: s, notes: s, diplomas: [{ level: 'MBO', status: 'RECOGNISED', regulatedProfession: s }] });
      const res = await post(t.url, JSON.stringify({ query: CANDIDATE, variables: { input } }), { authorization: `Bearer ${platform}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const created = JSON.parse(res.text).data.createCandidate;
      expect(created).toMatchObject({ name: s, notes: s, diplomas: [{ regulatedProfession: s }] });
      const [row] = await t.dataSource.query(`SELECT name, notes, diplomas->0->>'regulatedProfession' AS rp FROM candidate WHERE id = $1`, [created.id]);
      expect(row).toEqual({ name: s, notes: s, rp: s });
      const read = await t.gql<{ candidate: { name: string; notes: string } }>(`query($id: ID!) { candidate(id: $id) { name notes } }`, { id: created.id }, platform);
      expect(read.data!.candidate).toEqual({ name: s, notes: s });
    });

    it('is stored verbatim in every free-text field of an employer and a vacancy', async () => {
      const e = await t.gql<{ createEmployer: { id: string; name: string; sector: string } }>(EMPLOYER, { input: { name: s, sector: s } }, platform);
      expect(e.data!.createEmployer).toMatchObject({ name: s, sector: s });
      const input = vacancyInput(e.data!.createEmployer.id, { title: s, description: s, sector: s, diplomaRequirement: { level: 'MBO', regulatedProfession: s } });
      const v = await t.gql<{ createVacancy: Record<string, unknown> & { id: string } }>(VACANCY, { input }, platform);
      expect(v.errors).toBeUndefined();
      expect(v.data!.createVacancy).toMatchObject({ title: s, description: s, sector: s, diplomaRequirement: { regulatedProfession: s }, employer: { name: s, sector: s } });
      const [row] = await t.dataSource.query('SELECT title, description, sector, regulated_profession FROM vacancy WHERE id = $1', [v.data!.createVacancy.id]);
      expect(row).toEqual({ title: s, description: s, sector: s, regulated_profession: s });
    });

    it('is only a search term in searches and filters', async () => {
      const res = await t.gql<{ occupations: unknown[]; skills: unknown[]; candidates: { total: number } }>(
        `query($s: String!) { occupations(search: $s) { id } skills(search: $s) { id } }`,
        { s },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.occupations).toEqual(expect.any(Array));
    });
  });

  it.each([
    ['candidate', 'externalId', 'input.externalId'],
    ['candidate', 'email', 'input.email'],
    ['candidate', 'phone', 'input.phone'],
    ['vacancy', 'externalId', 'input.externalId'],
    ['employer', 'externalId', 'input.externalId'],
    ['employer', 'kvkNumber', 'input.kvkNumber'],
  ])('refuses hostile text in the formatted field %s.%s with BAD_USER_INPUT naming it', async (kind, field, path) => {
    for (const s of HOSTILE.slice(0, 3)) {
      const res =
        kind === 'candidate'
          ? await t.gql(CANDIDATE, { input: candidateInput({ [field]: s }) }, platform)
          : kind === 'employer'
            ? await t.gql(EMPLOYER, { input: { name: 'ok', [field]: s } }, platform)
            : await t.gql(VACANCY, { input: vacancyInput('', { employerId: undefined, employer: { name: 'ok' }, [field]: s }) }, platform);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(problemsOf(res).map((p) => p.field)).toContain(path);
    }
  });

  it('leaves every table in place', async () => {
    const tables: { t: string | null }[] = await t.dataSource.query(
      `SELECT to_regclass(x) AS t FROM unnest(ARRAY['candidate', 'vacancy', 'employer', 'audit_event', 'api_key']) AS x`,
    );
    expect(tables.every((r) => r.t !== null)).toBe(true);
    expect(await count('candidate')).toBe(HOSTILE.length);
  });

  describe('a NUL character (PostgreSQL cannot store it)', () => {
    const nul = 'a\u0000b';

    it.each([
      ['name', 'input.name'],
      ['notes', 'input.notes'],
      ['email', 'input.email'],
      ['phone', 'input.phone'],
      ['externalId', 'input.externalId'],
    ])('in candidate %s is refused with BAD_USER_INPUT naming %s, saving nothing', async (field, path) => {
      const before = await count('candidate');
      const res = await t.gql(CANDIDATE, { input: candidateInput({ [field]: nul }) }, platform);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(problemsOf(res)).toEqual([{ field: path, rule: 'noNulCharacter', message: `${field} must not contain a NUL character (\\u0000)` }]);
      expect(await count('candidate')).toBe(before);
    });

    it('in nested fields, vacancies, employers, updates, imports and search arguments alike', async () => {
      const e = await t.gql<{ createEmployer: { id: string } }>(EMPLOYER, { input: { name: 'NUL BV' } }, platform);
      const employerId = e.data!.createEmployer.id;
      const cases: [string, Record<string, unknown>, string[]][] = [
        [CANDIDATE, { input: candidateInput({ diplomas: [{ level: 'MBO', status: 'RECOGNISED', regulatedProfession: nul }] }) }, ['input.diplomas[0].regulatedProfession']],
        [VACANCY, { input: vacancyInput(employerId, { title: nul, description: nul }) }, ['input.title', 'input.description']],
        [VACANCY, { input: vacancyInput('', { employerId: undefined, employer: { name: nul, sector: 'x' } }) }, ['input.employer.name']],
        [EMPLOYER, { input: { name: 'ok', sector: nul } }, ['input.sector']],
        [`mutation($id: ID!) { updateCandidate(id: $id, input: { notes: "x\\u0000y" }) { id } }`, { id: '00000000-0000-4000-8000-000000000000' }, ['input.notes']],
        [
          `mutation($rows: [VacancyInput!]!) { importVacancies(input: $rows) { saved } }`,
          { rows: [vacancyInput(employerId), vacancyInput(employerId), vacancyInput(employerId, { sector: nul })] },
          ['input[2].sector'],
        ],
        [`query($s: String!) { occupations(search: $s) { id } }`, { s: nul }, ['search']],
      ];
      const before = [await count('candidate'), await count('vacancy'), await count('employer')];
      for (const [query, variables, fields] of cases) {
        const res = await post(t.url, JSON.stringify({ query, variables }), { authorization: `Bearer ${platform}` });
        expect(res.text).not.toMatch(INTERNALS);
        const body = JSON.parse(res.text);
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(problemsOf(body).map((p) => `${p.field} ${p.rule}`).sort()).toEqual(fields.map((f) => `${f} noNulCharacter`).sort());
      }
      expect([await count('candidate'), await count('vacancy'), await count('employer')]).toEqual(before);
    });
  });
});
