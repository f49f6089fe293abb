import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

type ImportResult = {
  atomic: boolean;
  received: number;
  saved: number;
  created: number;
  updated: number;
  failed: number;
  ids: (string | null)[];
  errors: { index: number; field: string; rule: string; message: string }[];
};
const RESULT = `atomic received saved created updated failed ids errors { index field rule message }`;
const IMPORT_VACANCIES = `mutation($rows: [VacancyInput!]!, $atomic: Boolean) { importVacancies(input: $rows, atomic: $atomic) { ${RESULT} } }`;
const IMPORT_CANDIDATES = `mutation($rows: [CandidateInput!]!, $atomic: Boolean) { importCandidates(input: $rows, atomic: $atomic) { ${RESULT} } }`;

/** Issue 4: bulk import, all-or-nothing and partial, idempotent by externalId, race-safe. */
describe('bulk import', () => {
  let t: TestApp;
  let platform: string;
  let employerId: string;
  const tenant = uniq('imp');
  const vacancyCount = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM vacancy WHERE tenant = $1', [tenant]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    platform = await t.key(Role.PLATFORM, tenant);
    const e = await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Import BV" }) { id } }`, {}, platform);
    employerId = e.data!.createEmployer.id;
  });
  afterAll(() => t.close());

  const rows = (n: number, prefix = uniq('v')) => Array.from({ length: n }, (_, i) => vacancyInput(employerId, { externalId: `${prefix}-${i}` }));

  it('atomic: one bad row saves nothing and every bad row is listed with index, field and rule', async () => {
    const input = rows(10);
    input[3] = { ...input[3], hoursPerWeek: 99 };
    input[7] = { ...input[7], location: { postcode: '1000' }, monthlyWage: -5 };
    const before = await vacancyCount();
    const res = await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: input, atomic: true }, platform);
    const r = res.data!.importVacancies;
    expect(r).toMatchObject({ atomic: true, received: 10, saved: 0, created: 0, failed: 2 });
    expect(r.ids).toEqual(Array(10).fill(null));
    expect(r.errors).toEqual([
      expect.objectContaining({ index: 3, field: 'input[3].hoursPerWeek', rule: 'max' }),
      expect.objectContaining({ index: 7, field: 'input[7].monthlyWage', rule: 'min' }),
    ]);
    expect(await vacancyCount()).toBe(before);
  });

  it('atomic: a row the database itself refuses rolls the whole import back', async () => {
    await t.dataSource.query(`CREATE OR REPLACE FUNCTION test_refuse_vacancy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.title = 'REFUSE ME' THEN RAISE EXCEPTION 'refused by test' USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$`);
    await t.dataSource.query(`CREATE TRIGGER test_refuse_vacancy BEFORE INSERT ON vacancy FOR EACH ROW EXECUTE FUNCTION test_refuse_vacancy()`);
    try {
      const input = rows(6);
      input[4] = { ...input[4], title: 'REFUSE ME' };
      const before = await vacancyCount();
      const atomic = (await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: input, atomic: true }, platform)).data!.importVacancies;
      expect(atomic).toMatchObject({ saved: 0, failed: 1, errors: [expect.objectContaining({ index: 4, rule: 'database' })] });
      expect(atomic.errors[0].message).not.toMatch(/INSERT|SELECT|refused by test/);
      expect(await vacancyCount()).toBe(before);

      const partial = (await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: input, atomic: false }, platform)).data!.importVacancies;
      expect(partial).toMatchObject({ saved: 5, created: 5, failed: 1 });
      expect(partial.ids[4]).toBeNull();
      expect(await vacancyCount()).toBe(before + 5);
    } finally {
      await t.dataSource.query('DROP TRIGGER test_refuse_vacancy ON vacancy');
      await t.dataSource.query('DROP FUNCTION test_refuse_vacancy()');
    }
  });

  it('atomic across chunks: an error in the last chunk rolls back the chunks already written', async () => {
    const input = rows(4500);
    input[4400] = { ...input[4400], hoursPerWeek: 0 };
    const before = await vacancyCount();
    const r = (await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: input, atomic: true }, platform)).data!.importVacancies;
    expect(r).toMatchObject({ saved: 0, failed: 1, errors: [expect.objectContaining({ index: 4400, field: 'input[4400].hoursPerWeek' })] });
    expect(await vacancyCount()).toBe(before);
    input[4400] = { ...input[4400], hoursPerWeek: 20 };
    input[100] = { ...input[100], hoursPerWeek: 0 };
    const partial = (await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: input, atomic: false }, platform)).data!.importVacancies;
    expect(partial).toMatchObject({ saved: 4499, created: 4499, failed: 1 });
    expect(partial.ids.filter((x) => x === null)).toHaveLength(1);
    expect(await vacancyCount()).toBe(before + 4499);
  });

  it('not atomic: saves the valid rows and lists the rest', async () => {
    const input = rows(8);
    input[0] = { ...input[0], occupationId: '00000000-0000-4000-8000-000000000000' };
    input[5] = { ...input[5], startDate: '2026-02-30' };
    const before = await vacancyCount();
    const r = (await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: input, atomic: false }, platform)).data!.importVacancies;
    expect(r).toMatchObject({ atomic: false, received: 8, saved: 6, created: 6, updated: 0, failed: 2 });
    expect(r.errors.map((e) => [e.index, e.field, e.rule])).toEqual([
      [0, 'input[0].occupationId', 'exists'],
      [5, 'input[5].startDate', 'isLocalDate'],
    ]);
    expect(r.ids.filter((x) => x !== null)).toHaveLength(6);
    expect(await vacancyCount()).toBe(before + 6);
  });

  it('importing the same externalIds again updates instead of duplicating', async () => {
    const prefix = uniq('again');
    const first = (await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: rows(5, prefix) }, platform)).data!.importVacancies;
    const changed = rows(5, prefix).map((r) => ({ ...r, hoursPerWeek: 16 }));
    const second = (await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: changed }, platform)).data!.importVacancies;
    expect(first).toMatchObject({ created: 5, updated: 0 });
    expect(second).toMatchObject({ created: 0, updated: 5 });
    expect(second.ids).toEqual(first.ids);
    const stored = await t.dataSource.query(`SELECT count(*) AS n, min(hours_per_week) AS h FROM vacancy WHERE external_id LIKE $1 || '-%'`, [prefix]);
    expect(stored[0]).toEqual({ n: '5', h: 16 });
  });

  it('two imports racing with the same externalIds end with one record each', async () => {
    const prefix = uniq('race');
    const [a, b] = await Promise.all([
      t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: rows(40, prefix) }, platform),
      t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: rows(40, prefix) }, platform),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const ra = a.data!.importVacancies;
    const rb = b.data!.importVacancies;
    expect(ra.created + rb.created).toBe(40);
    expect(ra.updated + rb.updated).toBe(40);
    expect(ra.ids).toEqual(rb.ids);
    const stored = await t.dataSource.query(`SELECT external_id, count(*)::int AS n FROM vacancy WHERE external_id LIKE $1 || '-%' GROUP BY external_id`, [prefix]);
    expect(stored).toHaveLength(40);
    expect(stored.every((s: { n: number }) => s.n === 1)).toBe(true);
  });

  it('refuses an externalId twice in one import, and more than 10,000 rows', async () => {
    const input = rows(3);
    input[2] = { ...input[2], externalId: input[0].externalId };
    const r = (await t.gql<{ importVacancies: ImportResult }>(IMPORT_VACANCIES, { rows: input, atomic: false }, platform)).data!.importVacancies;
    expect(r).toMatchObject({ saved: 2, errors: [expect.objectContaining({ index: 2, field: 'input[2].externalId', rule: 'uniqueInImport' })] });
    const tooMany = Array.from({ length: 10_001 }, () => ({ title: 'x', minDutchLevel: 'A1', hoursPerWeek: 1, location: { postcode: '1011' }, startDate: '2027-01-01' }));
    const res = await t.gql(IMPORT_VACANCIES, { rows: tooMany }, platform);
    expect(res.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'input', rule: 'arrayMaxSize' })]);
  });

  it('imports candidates with monitoring apart, and lists bad rows', async () => {
    const prefix = uniq('cand');
    const input = Array.from({ length: 4 }, (_, i) => candidateInput({ externalId: `${prefix}-${i}`, monitoring: { gender: 'X' } }));
    input[1] = { ...input[1], permitDate: '2020-01-01' };
    const atomic = (await t.gql<{ importCandidates: ImportResult }>(IMPORT_CANDIDATES, { rows: input }, platform)).data!.importCandidates;
    expect(atomic).toMatchObject({ saved: 0, errors: [expect.objectContaining({ index: 1, field: 'input[1].permitDate', rule: 'notBeforeApplication' })] });
    const partial = (await t.gql<{ importCandidates: ImportResult }>(IMPORT_CANDIDATES, { rows: input, atomic: false }, platform)).data!.importCandidates;
    expect(partial).toMatchObject({ saved: 3, created: 3 });
    const monitored = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM candidate_monitoring m JOIN candidate c ON c.id = m.candidate_id WHERE c.external_id LIKE $1 || '-%' AND m.gender = 'X'`,
      [prefix],
    );
    expect(monitored[0].n).toBe(3);
  });
});
