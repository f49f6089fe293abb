import { fitOutcomeModel, generateHistory } from '@kansrijk/outcome';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { problemsOf } from '../helpers/gql-fragments';
import { startTestApp, TestApp } from '../helpers/test-app';

const WORK_TIE = { kind: 'WORK', municipalityCode: 'GM0772', hoursPerWeek: 24, contractMonths: 12, signedContract: true, payslip: true };

/**
 * Inputs that were answered INTERNAL_SERVER_ERROR: each is the client's mistake, answered
 * BAD_USER_INPUT naming the field and the rule, with nothing written.
 */
describe('client mistakes are client errors', () => {
  let t: TestApp;
  let admin: string;
  let employerId: string;
  let candidateId: string;
  const count = async (sql: string, params: unknown[]) => Number((await t.dataSource.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    const e = await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Foutloos BV" }) { id } }`, {}, admin);
    employerId = e.data!.createEmployer.id;
    const c = await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ ties: [] }) }, admin);
    candidateId = c.data!.createCandidate.id;
  });
  afterAll(() => t.close());

  // 1e-7 prints as "1e-7", on which class-validator's maxDecimalPlaces check threw.
  describe.each([1e-7, 1.5e-7, 0.001])('a wage of %p', (wage) => {
    it('in createVacancy', async () => {
      const externalId = uniq('wage');
      const res = await t.gql(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employerId, { externalId, monthlyWage: wage }) }, admin);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(problemsOf(res)).toEqual([{ field: 'input.monthlyWage', rule: 'wholeCents', message: 'monthlyWage must be an amount in euros with at most 2 decimals (whole cents)' }]);
      expect(await count(`SELECT count(*) AS n FROM vacancy WHERE external_id = $1`, [externalId])).toBe(0);
    });

    it('in a WORK tie of createCandidate, updateCandidate and importCandidates', async () => {
      const externalId = uniq('tie');
      const tie = { ...WORK_TIE, monthlyWage: wage };
      const created = await t.gql(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ externalId, ties: [tie] }) }, admin);
      expect(problemsOf(created).map((p) => `${p.field} ${p.rule}`)).toEqual(['input.ties[0].monthlyWage wholeCents']);
      const updated = await t.gql(`mutation($id: ID!, $i: CandidateUpdateInput!) { updateCandidate(id: $id, input: $i) { id } }`, { id: candidateId, i: { ties: [WORK_TIE, tie] } }, admin);
      expect(problemsOf(updated).map((p) => `${p.field} ${p.rule}`)).toEqual(['input.ties[1].monthlyWage wholeCents']);
      expect(await t.dataSource.query(`SELECT ties FROM candidate WHERE id = $1`, [candidateId])).toEqual([{ ties: [] }]);
      const imported = await t.gql<{ importCandidates: { saved: number; errors: { index: number; field: string; rule: string }[] } }>(
        `mutation($i: [CandidateInput!]!) { importCandidates(input: $i, atomic: false) { saved errors { index field rule } } }`,
        { i: [candidateInput({ externalId: `${externalId}-ok` }), candidateInput({ externalId, ties: [tie] })] },
        admin,
      );
      expect(imported.errors).toBeUndefined();
      expect(imported.data!.importCandidates).toEqual({ saved: 1, errors: [{ index: 1, field: 'input[1].ties[0].monthlyWage', rule: 'wholeCents' }] });
      expect(await count(`SELECT count(*) AS n FROM candidate WHERE external_id = $1`, [externalId])).toBe(0);
    });

    it('in importVacancies fails only its row when not atomic, and everything when atomic', async () => {
      const ids = [uniq('ok'), uniq('bad'), uniq('ok')];
      const rows = ids.map((externalId, i) => vacancyInput(employerId, { externalId, monthlyWage: i === 1 ? wage : 2400 }));
      const IMPORT = `mutation($i: [VacancyInput!]!, $atomic: Boolean!) { importVacancies(input: $i, atomic: $atomic) { saved failed ids errors { index field rule message } } }`;
      const atomic = await t.gql<{ importVacancies: Record<string, unknown> }>(IMPORT, { i: rows, atomic: true }, admin);
      expect(atomic.errors).toBeUndefined();
      expect(atomic.data!.importVacancies).toMatchObject({ saved: 0, failed: 1, errors: [{ index: 1, field: 'input[1].monthlyWage', rule: 'wholeCents' }] });
      expect(await count(`SELECT count(*) AS n FROM vacancy WHERE external_id = ANY($1)`, [ids])).toBe(0);
      const partial = await t.gql<{ importVacancies: { ids: (string | null)[] } }>(IMPORT, { i: rows, atomic: false }, admin);
      expect(partial.errors).toBeUndefined();
      expect(partial.data!.importVacancies).toMatchObject({ saved: 2, failed: 1, errors: [{ index: 1, field: 'input[1].monthlyWage', rule: 'wholeCents' }] });
      expect(partial.data!.importVacancies.ids.map((id) => id !== null)).toEqual([true, false, true]);
      expect(await count(`SELECT count(*) AS n FROM vacancy WHERE external_id = ANY($1)`, [ids])).toBe(2);
    });
  });

  it('takes a wage in whole cents, however JSON writes it', async () => {
    const res = await t.gql<{ createVacancy: { monthlyWage: number } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { monthlyWage } }`, { i: vacancyInput(employerId, { monthlyWage: 2.4e3 }) }, admin);
    expect(res.data?.createVacancy.monthlyWage).toBe(2400);
  });

  it('jobSuggestions with maxHours below minHours names filter.maxHours and the rule', async () => {
    const res = await t.gql(`query($id: ID!) { jobSuggestions(candidateId: $id, filter: { minHours: 8, maxHours: 7 }) { total } }`, { id: candidateId }, admin);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(problemsOf(res)).toEqual([{ field: 'filter.maxHours', rule: 'atLeastMinHours', message: 'maxHours must be at least minHours (8)' }]);
    const equal = await t.gql(`query($id: ID!) { jobSuggestions(candidateId: $id, filter: { minHours: 8, maxHours: 8 }) { total } }`, { id: candidateId }, admin);
    expect(equal.errors).toBeUndefined();
  });

  it('importCandidates with 60 empty rows: every error BAD_USER_INPUT, HTTP 400, nothing written', async () => {
    const before = await count(`SELECT count(*) AS n FROM candidate`, []);
    const res = await t.gql(`mutation($i: [CandidateInput!]!) { importCandidates(input: $i) { saved } }`, { i: Array.from({ length: 60 }, () => ({})) }, admin);
    expect(res.status).toBe(400);
    // graphql-js lists 50 problems and then stops, with an error of its own that names no variable.
    expect(res.errors).toHaveLength(51);
    expect(new Set(res.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(res.errors![0].message).toMatch(/^Variable "\$i" got invalid value \{\} at "i\[0\]"; Field "\w+" of required type "[\w!]+" was not provided\.$/);
    expect(res.errors![50]).toMatchObject({ message: expect.stringMatching(/^variables: more than 50 problems/), extensions: { fields: [{ field: 'variables', rule: 'maxVariableErrors' }] } });
    expect(await count(`SELECT count(*) AS n FROM candidate`, [])).toBe(before);
  });

  it('loadOutcomeModel with a summary the version does not cover (metrics: -1, no createdAt) refuses it and loads nothing', async () => {
    const municipalities = [8_000, 120_000].map((population, i) => ({ code: `GM${9000 + i}`, regionCode: 'AM01', population }));
    const file = fitOutcomeModel(generateHistory({ rows: 300, seed: 5, municipalities }).records, { name: 'broken', createdAt: '2026-01-01T00:00:00Z', dataHash: 'test', bootstrap: 2 });
    const before = await count(`SELECT count(*) AS n FROM outcome_model`, []);
    for (const [model, field] of [
      [{ ...file, metrics: -1 }, 'input.model.metrics'],
      [{ ...file, createdAt: undefined }, 'input.model.createdAt'],
    ] as const) {
      const res = await t.gql(`mutation($i: OutcomeModelInput!) { loadOutcomeModel(input: $i) { version auc createdAt } }`, { i: { model: JSON.stringify(model) } }, admin);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(problemsOf(res).map((p) => p.field)).toEqual([field]);
    }
    expect(await count(`SELECT count(*) AS n FROM outcome_model`, [])).toBe(before);
    const current = await t.gql<{ outcomeModel: unknown }>(`{ outcomeModel { version } }`, {}, admin);
    expect(current).toMatchObject({ data: { outcomeModel: null } });
  });
});
