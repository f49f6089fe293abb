import { Role } from '../../apps/api/src/common/auth/role';
import { statementCounter } from '../../apps/api/src/database/typeorm-logger';
import { ApiKeyService } from '../../apps/api/src/modules/auth/api-key.service';
import { ESCO, uniq, vacancyInput } from '../helpers/factories';
import { problemsOf, VACANCY_FIELDS } from '../helpers/gql-fragments';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATE = `mutation($input: VacancyInput!) { createVacancy(input: $input) { ${VACANCY_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: VacancyUpdateInput!) { updateVacancy(id: $id, input: $input) { ${VACANCY_FIELDS} } }`;

/** Issue 4: employers and vacancies over GraphQL, against the real database. */
describe('employers and vacancies', () => {
  let t: TestApp;
  let platform: string;
  let other: string;
  let employerId: string;
  const tenant = uniq('tenant');
  const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM vacancy WHERE tenant = $1', [tenant]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    platform = await t.key(Role.PLATFORM, tenant);
    other = await t.key(Role.PLATFORM, uniq('other'));
    const e = await t.gql<{ createEmployer: { id: string; name: string } }>(
      `mutation($i: EmployerInput!) { createEmployer(input: $i) { id name kvkNumber } }`,
      { i: { name: ' Restaurant De Kok ', kvkNumber: '12345678', externalId: uniq('emp') } },
      platform,
    );
    expect(e.errors).toBeUndefined();
    employerId = e.data!.createEmployer.id;
  });
  afterAll(() => t.close());

  it('creates an employer, trimmed; refuses a bad KvK number', async () => {
    const bad = await t.gql(`mutation($i: EmployerInput!) { createEmployer(input: $i) { id } }`, { i: { name: 'X', kvkNumber: '123' } }, platform);
    expect(problemsOf(bad)).toEqual([expect.objectContaining({ field: 'input.kvkNumber', rule: 'matches' })]);
    const [row] = await t.dataSource.query('SELECT name FROM employer WHERE id = $1', [employerId]);
    expect(row.name).toBe('Restaurant De Kok');
  });

  it('creates a vacancy with its ISCO code from the ESCO occupation, located by postcode', async () => {
    const res = await t.gql<{ createVacancy: Record<string, unknown> }>(CREATE, { input: vacancyInput(employerId) }, platform);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createVacancy).toMatchObject({
      iscoCode: '5120',
      status: 'OPEN',
      employer: { id: employerId, name: 'Restaurant De Kok' },
      municipality: { code: 'GM0363' },
      location: { postcode: '1012', municipalityCode: 'GM0363' },
    });
  });

  it('creates a vacancy with an inline employer, and finds that employer again on a second one', async () => {
    const employer = { externalId: uniq('inline'), name: 'Schoonmaak BV' };
    const a = await t.gql<{ createVacancy: { employer: { id: string } } }>(CREATE, { input: vacancyInput('', { employerId: undefined, employer, occupationId: ESCO.buildingCleaner, essentialSkills: [], optionalSkills: [] }) }, platform);
    const b = await t.gql<{ createVacancy: { employer: { id: string } } }>(CREATE, { input: vacancyInput('', { employerId: undefined, employer, occupationId: ESCO.buildingCleaner, essentialSkills: [], optionalSkills: [] }) }, platform);
    expect(a.errors).toBeUndefined();
    expect(a.data!.createVacancy.employer.id).toBe(b.data!.createVacancy.employer.id);
  });

  describe('refuses bad input with the field and the rule, writing nothing', () => {
    const cases: [string, (e: string) => Record<string, unknown>, Partial<{ field: string; rule: string }>][] = [
      ['hours above 60', (e) => vacancyInput(e, { hoursPerWeek: 61 }), { field: 'input.hoursPerWeek', rule: 'max' }],
      ['a negative wage', (e) => vacancyInput(e, { monthlyWage: -1 }), { field: 'input.monthlyWage', rule: 'min' }],
      ['no employer', (e) => vacancyInput(e, { employerId: undefined }), { field: 'input.employerId', rule: 'oneOf' }],
      ['both employer forms', (e) => vacancyInput(e, { employer: { externalId: 'x1', name: 'X' } }), { field: 'input.employerId', rule: 'oneOf' }],
      ['an unknown employer', () => vacancyInput('00000000-0000-4000-8000-000000000000'), { field: 'input.employerId', rule: 'exists' }],
      ['an inline employer without externalId', (e) => vacancyInput(e, { employerId: undefined, employer: { name: 'X' } }), { field: 'input.employer.externalId', rule: 'isDefined' }],
      ['neither occupation nor ISCO code', (e) => vacancyInput(e, { occupationId: undefined }), { field: 'input.occupationId', rule: 'occupationOrIsco' }],
      ['an unknown ISCO code', (e) => vacancyInput(e, { occupationId: undefined, iscoCode: '0000' }), { field: 'input.iscoCode', rule: 'exists' }],
      ['a skill both essential and optional', (e) => vacancyInput(e, { optionalSkills: [ESCO.cookSkills[0]] }), { field: 'input.optionalSkills[0]', rule: 'notEssential' }],
      ['an unknown essential skill', (e) => vacancyInput(e, { essentialSkills: ['00000000-0000-4000-8000-000000000000'] }), { field: 'input.essentialSkills[0]', rule: 'exists' }],
      ['a start date ten years ahead', (e) => vacancyInput(e, { startDate: '2036-01-01' }), { field: 'input.startDate', rule: 'withinRange' }],
      ['an English level without English sufficing', (e) => vacancyInput(e, { englishSuffices: false }), { field: 'input.minEnglishLevel', rule: 'needsEnglishSuffices' }],
      ['a title of one letter', (e) => vacancyInput(e, { title: ' x ' }), { field: 'input.title', rule: 'minLength' }],
      ['a point in the North Sea', (e) => vacancyInput(e, { location: { lat: 52.6, lon: 3.5 } }), { field: 'input.location', rule: 'insideNetherlands' }],
    ];
    it.each(cases)('%s', async (_name, build, expected) => {
      const before = await count();
      const res = await t.gql(CREATE, { input: build(employerId) }, platform);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(problemsOf(res)).toContainEqual(expect.objectContaining(expected));
      expect(await count()).toBe(before);
    });

    it("another tenant's employer is as unknown as a missing one", async () => {
      const res = await t.gql(CREATE, { input: vacancyInput(employerId) }, other);
      expect(problemsOf(res)).toEqual([expect.objectContaining({ field: 'input.employerId', rule: 'exists' })]);
    });
  });

  it('updates a vacancy (a new occupation brings its ISCO code) and closes it', async () => {
    const created = await t.gql<{ createVacancy: { id: string } }>(CREATE, { input: vacancyInput(employerId) }, platform);
    const id = created.data!.createVacancy.id;
    const upd = await t.gql<{ updateVacancy: Record<string, unknown> }>(
      UPDATE,
      { id, input: { occupationId: ESCO.nurse, essentialSkills: [], optionalSkills: [], hoursPerWeek: 24, monthlyWage: null } },
      platform,
    );
    expect(upd.errors).toBeUndefined();
    expect(upd.data!.updateVacancy).toMatchObject({ id, iscoCode: '2221', hoursPerWeek: 24, monthlyWage: null, title: 'Kok in restaurant' });
    expect((await t.gql(UPDATE, { id, input: { title: null } }, platform)).errors?.[0].extensions?.fields).toEqual([
      expect.objectContaining({ field: 'input.title', rule: 'required' }),
    ]);
    expect((await t.gql(UPDATE, { id, input: { hoursPerWeek: 8 } }, other)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const closed = await t.gql<{ closeVacancy: { status: string } }>(`mutation($id: ID!) { closeVacancy(id: $id) { status } }`, { id }, platform);
    expect(closed.data!.closeVacancy.status).toBe('CLOSED');
    expect((await t.gql(`mutation($id: ID!) { closeVacancy(id: $id) { status } }`, { id }, other)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(`mutation($id: ID!) { closeVacancy(id: $id) { status } }`, { id: 'nope' }, platform)).errors?.[0].extensions?.fields).toEqual([
      expect.objectContaining({ field: 'id', rule: 'isUuid' }),
    ]);
  });

  it('lists with filters and bounded pages, only the caller tenant', async () => {
    const q = `query($f: VacancyFilter, $take: Int) { vacancies(filter: $f, take: $take) { total items { id status iscoCode location { municipalityCode } } } }`;
    type R = { vacancies: { total: number; items: { status: string; iscoCode: string; location: { municipalityCode: string } }[] } };
    const open = await t.gql<R>(q, { f: { openOnly: true, iscoGroup: '51', municipalityCode: 'GM0363' }, take: 100 }, platform);
    expect(open.data!.vacancies.total).toBeGreaterThan(0);
    expect(open.data!.vacancies.items.every((v) => v.status === 'OPEN' && v.iscoCode.startsWith('51') && v.location.municipalityCode === 'GM0363')).toBe(true);
    expect((await t.gql<R>(q, { f: {}, take: 100 }, other)).data!.vacancies.total).toBe(0);
    expect((await t.gql(q, { take: 101 }, platform)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loads a page of vacancies with employers and municipalities in a constant number of statements', async () => {
    const employers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const e = await t.gql<{ createEmployer: { id: string } }>(`mutation($i: EmployerInput!) { createEmployer(input: $i) { id } }`, { i: { name: `E${i}` } }, platform);
      employers.push(e.data!.createEmployer.id);
    }
    const rows = Array.from({ length: 120 }, (_, i) => vacancyInput(employers[i % 5], { externalId: uniq('n1'), location: { postcode: ['1011', '3011', '5611', '9711'][i % 4] } }));
    const imp = await t.gql<{ importVacancies: { saved: number } }>(`mutation($rows: [VacancyInput!]!) { importVacancies(input: $rows) { saved } }`, { rows }, platform);
    expect(imp.data!.importVacancies.saved).toBe(120);
    const q = `query($take: Int) { vacancies(take: $take) { total items { id title employer { id name } municipality { name labourMarketRegion { name } } occupation { labelNl } } } }`;
    const statements = async (take: number) => {
      // The key's verification is cached for 5 s: dropped first, so that each count holds exactly
      // one key check, not one or none depending on when the cache last filled.
      t.app.get(ApiKeyService).forgetCached();
      const before = statementCounter.count;
      const res = await t.gql<{ vacancies: { items: { employer: { id: string } }[] } }>(q, { take }, platform);
      expect(res.errors).toBeUndefined();
      expect(res.data!.vacancies.items).toHaveLength(take);
      expect(res.data!.vacancies.items.every((v) => v.employer.id)).toBe(true);
      return statementCounter.count - before;
    };
    const ten = await statements(10);
    const hundred = await statements(100);
    expect(hundred).toBe(ten);
    expect(hundred).toBeLessThanOrEqual(8); // count, page, employers, municipalities, regions, occupations (+ key check)
  });
});
