import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, ESCO, uniq } from '../helpers/factories';
import { CANDIDATE_FIELDS, problemsOf } from '../helpers/gql-fragments';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATE = `mutation($input: CandidateInput!) { createCandidate(input: $input) { ${CANDIDATE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CandidateUpdateInput!) { updateCandidate(id: $id, input: $input) { ${CANDIDATE_FIELDS} } }`;

/** Issue 4: candidates over GraphQL, against the real database. */
describe('candidates', () => {
  let t: TestApp;
  let platform: string;
  let otherPlatform: string;
  let admin: string;
  const tenant = uniq('tenant');
  const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM candidate WHERE tenant = $1', [tenant]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    platform = await t.key(Role.PLATFORM, tenant);
    otherPlatform = await t.key(Role.PLATFORM, uniq('other'));
    admin = await t.key(Role.ADMIN);
  });
  afterAll(() => t.close());

  it('creates a candidate located by postcode, trimmed, with its references resolved', async () => {
    const res = await t.gql<{ createCandidate: Record<string, unknown> & { location: Record<string, unknown>; municipality: { name: string } } }>(
      CREATE,
      { input: candidateInput({ name: '  Amina   Test  ', externalId: uniq('c') }) },
      platform,
    );
    expect(res.errors).toBeUndefined();
    const c = res.data!.createCandidate;
    expect(c.name).toBe('Amina   Test');
    expect(c.location).toMatchObject({ postcode: '1011', municipalityCode: 'GM0363' });
    expect(c.municipality.name).toBe('Amsterdam');
    expect(c.occupations).toEqual([{ occupationId: ESCO.cook, iscoCode: '5120', years: 4 }]);
    expect(c.pseudonym).toMatch(/^p_[0-9a-f]{20}$/);
    expect(c.ties).toEqual([
      expect.objectContaining({ kind: 'FAMILY', municipalityCode: 'GM0772', location: expect.objectContaining({ municipalityCode: 'GM0772' }) }),
    ]);
  });

  it('locates a candidate by latitude/longitude in the municipality that holds the point', async () => {
    const res = await t.gql<{ createCandidate: { location: { municipalityCode: string; postcode: string | null } } }>(
      CREATE,
      { input: candidateInput({ location: { lat: 51.4416, lon: 5.4697 } }) },
      platform,
    );
    expect(res.data!.createCandidate.location).toMatchObject({ municipalityCode: 'GM0772', postcode: null });
  });

  describe('refuses bad input with the field and the rule, writing nothing', () => {
    const cases: [string, Record<string, unknown>, Partial<{ field: string; rule: string }>][] = [
      ['hours above 60', { hoursAvailable: 61 }, { field: 'input.hoursAvailable', rule: 'max' }],
      ['hours below 1', { hoursAvailable: 0 }, { field: 'input.hoursAvailable', rule: 'min' }],
      ['travel distance above 300', { maxTravelKm: 500 }, { field: 'input.maxTravelKm', rule: 'max' }],
      ['an impossible date', { birthDate: '1990-02-30' }, { field: 'input.birthDate', rule: 'isLocalDate' }],
      ['a birth date in the future', { birthDate: '2999-01-01' }, { field: 'input.birthDate' }],
      ['a permit before the application', { applicationDate: '2024-05-01', permitDate: '2024-04-01' }, { field: 'input.permitDate', rule: 'notBeforeApplication' }],
      [
        'a W-document expiring before its issue',
        { legalStatus: 'ASYLUM_SEEKER', permitDate: undefined, wDocumentIssued: '2025-01-01', wDocumentExpiry: '2024-12-31' },
        { field: 'input.wDocumentExpiry', rule: 'afterIssue' },
      ],
      ['an asylum seeker without an application date', { legalStatus: 'ASYLUM_SEEKER', applicationDate: undefined, permitDate: undefined }, { field: 'input.applicationDate', rule: 'requiredForStatus' }],
      ['a status holder without a permit date', { permitDate: undefined }, { field: 'input.permitDate', rule: 'requiredForStatus' }],
      ['an unknown ESCO skill', { skills: ['00000000-0000-0000-0000-000000000000'] }, { field: 'input.skills[0]', rule: 'exists' }],
      ['a skill that is not a uuid', { skills: ['cooking'] }, { field: 'input.skills', rule: 'isUuid' }],
      ['an unknown ESCO occupation', { occupations: [{ occupationId: '00000000-0000-0000-0000-000000000000', years: 1 }] }, { field: 'input.occupations[0].occupationId', rule: 'exists' }],
      ['an occupation and a contradicting ISCO code', { occupations: [{ occupationId: ESCO.cook, iscoCode: '9112', years: 1 }] }, { field: 'input.occupations[0].iscoCode', rule: 'matchesOccupation' }],
      ['an unknown ISCO code', { occupations: [{ iscoCode: '0000', years: 1 }] }, { field: 'input.occupations[0].iscoCode', rule: 'exists' }],
      ['negative years', { occupations: [{ iscoCode: '5120', years: -1 }] }, { field: 'input.occupations[0].years', rule: 'min' }],
      ['an unknown postcode', { location: { postcode: '1000' } }, { field: 'input.location.postcode', rule: 'exists' }],
      ['a malformed postcode', { location: { postcode: '10AB' } }, { field: 'input.location.postcode', rule: 'matches' }],
      ['a point outside the Netherlands', { location: { lat: 52.52, lon: 13.405 } }, { field: 'input.location', rule: 'insideNetherlands' }],
      ['both a postcode and coordinates', { location: { postcode: '1011', lat: 52.37, lon: 4.9 } }, { field: 'input.location', rule: 'oneOf' }],
      ['half a coordinate pair', { location: { lat: 52.37 } }, { field: 'input.location.lon', rule: 'isDefined' }],
      ['a latitude out of range', { location: { lat: 123, lon: 4.9 } }, { field: 'input.location.lat', rule: 'isLatitude' }],
      ['a name too long', { name: 'x'.repeat(201) }, { field: 'input.name', rule: 'maxLength' }],
      ['a malformed e-mail', { email: 'not-an-email' }, { field: 'input.email', rule: 'isEmail' }],
      ['a tie in an unknown municipality', { ties: [{ kind: 'FAMILY', municipalityCode: 'GM9999' }] }, { field: 'input.ties[0].municipalityCode', rule: 'exists' }],
      ['work details on a family tie', { ties: [{ kind: 'FAMILY', municipalityCode: 'GM0772', hoursPerWeek: 20 }] }, { field: 'input.ties[0].hoursPerWeek', rule: 'onlyForWork' }],
      [
        'a tie whose location lies elsewhere',
        { ties: [{ kind: 'WORK', municipalityCode: 'GM0772', location: { postcode: '1011' }, hoursPerWeek: 20, signedContract: true, payslip: true }] },
        { field: 'input.ties[0].location', rule: 'insideMunicipality' },
      ],
      ['an unknown preferred region', { preferences: { regionCodes: ['AM99'] } }, { field: 'input.preferences.regionCodes[0]', rule: 'exists' }],
      ['a bad nationality code', { monitoring: { nationality: 'XX' } }, { field: 'input.monitoring.nationality', rule: 'isISO31661Alpha2' }],
      ['a bad externalId', { externalId: 'has spaces in it' }, { field: 'input.externalId', rule: 'matches' }],
    ];
    it.each(cases)('%s', async (_name, overrides, expected) => {
      const before = await count();
      const res = await t.gql(CREATE, { input: candidateInput(overrides) }, platform);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(problemsOf(res)).toContainEqual(expect.objectContaining(expected));
      expect(res.errors?.[0].message).toContain(expected.field!);
      expect(await count()).toBe(before);
    });

    it('a value of the wrong type or an unknown enum never reaches the service', async () => {
      const res = await t.gql(CREATE, { input: candidateInput({ dutchLevel: 'B3' }) }, platform);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/dutchLevel/);
      const unknown = await t.gql(CREATE, { input: candidateInput({ nationality: 'SY' }) }, platform);
      expect(unknown.errors?.[0].message).toMatch(/nationality/);
    });
  });

  it('updates the fields given, clears an optional one with null, and refuses clearing a required one', async () => {
    const created = await t.gql<{ createCandidate: { id: string } }>(CREATE, { input: candidateInput() }, platform);
    const id = created.data!.createCandidate.id;
    const res = await t.gql<{ updateCandidate: Record<string, unknown> }>(UPDATE, { id, input: { hoursAvailable: 20, email: null, dutchLevel: 'B1' } }, platform);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateCandidate).toMatchObject({ id, hoursAvailable: 20, email: null, dutchLevel: 'B1', name: 'Amina Test' });
    const bad = await t.gql(UPDATE, { id, input: { birthDate: null } }, platform);
    expect(problemsOf(bad)).toEqual([expect.objectContaining({ field: 'input.birthDate', rule: 'required' })]);
    // The merged record is checked as a whole: a permit date before the stored application date.
    const inconsistent = await t.gql(UPDATE, { id, input: { permitDate: '2023-01-01' } }, platform);
    expect(problemsOf(inconsistent)).toContainEqual(expect.objectContaining({ field: 'input.permitDate', rule: 'notBeforeApplication' }));
    const after = await t.dataSource.query('SELECT hours_available, permit_date FROM candidate WHERE id = $1', [id]);
    expect(after[0].hours_available).toBe(20);
  });

  it("hides another tenant's candidate: reads answer null, writes NOT_FOUND", async () => {
    const created = await t.gql<{ createCandidate: { id: string } }>(CREATE, { input: candidateInput() }, platform);
    const id = created.data!.createCandidate.id;
    expect((await t.gql(`query($id: ID!) { candidate(id: $id) { id } }`, { id }, otherPlatform)).data).toEqual({ candidate: null });
    expect((await t.gql(UPDATE, { id, input: { hoursAvailable: 8 } }, otherPlatform)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(`mutation($id: ID!) { deleteCandidate(id: $id) }`, { id }, otherPlatform)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(`query($id: ID!) { candidate(id: $id) { id } }`, { id }, admin)).data).toEqual({ candidate: { id } });
  });

  it('keeps monitoring attributes apart and shows them to ADMIN only (R17)', async () => {
    const res = await t.gql<{ createCandidate: { id: string } }>(
      CREATE,
      { input: candidateInput({ monitoring: { nationality: 'SY', countryOfBirth: 'SY', gender: 'FEMALE' } }) },
      platform,
    );
    const id = res.data!.createCandidate.id;
    const [row] = await t.dataSource.query('SELECT nationality, country_of_birth, gender FROM candidate_monitoring WHERE candidate_id = $1', [id]);
    expect(row).toEqual({ nationality: 'SY', country_of_birth: 'SY', gender: 'FEMALE' });
    const columns: { column_name: string }[] = await t.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'candidate'`);
    expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['nationality']));
    const q = `query($id: ID!) { candidate(id: $id) { id monitoring { nationality gender } } }`;
    expect((await t.gql(q, { id }, platform)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(q, { id }, admin)).data).toEqual({ candidate: { id, monitoring: { nationality: 'SY', gender: 'FEMALE' } } });
  });

  it('erases a candidate: personal data, monitoring and membership go; the audit trail keeps only the pseudonym', async () => {
    const res = await t.gql<{ createCandidate: { id: string; pseudonym: string } }>(
      CREATE,
      { input: candidateInput({ name: 'Erase Me Please', email: 'erase@example.org', monitoring: { gender: 'MALE' } }) },
      platform,
    );
    const { id, pseudonym } = res.data!.createCandidate;
    const hh = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: [id], size: 3 } }, platform);
    expect(hh.errors).toBeUndefined();
    await t.gql(`query($id: ID!) { candidate(id: $id) { id } }`, { id }, platform); // leaves a read in the audit trail

    const del = await t.gql(`mutation($id: ID!) { deleteCandidate(id: $id) }`, { id }, platform);
    expect(del.data).toEqual({ deleteCandidate: true });
    for (const table of ['candidate WHERE id', 'candidate_monitoring WHERE candidate_id', 'household_member WHERE candidate_id']) {
      expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table} = $1`, [id]))[0].n)).toBe(0);
    }
    const audit: { action: string; subject_refs: string[]; details: unknown }[] = await t.dataSource.query(
      `SELECT action, subject_refs, details FROM audit_event WHERE $1 = ANY(subject_refs) ORDER BY id`,
      [pseudonym],
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['candidate.created', 'candidate.read', 'candidate.erased']));
    const leaks = await t.dataSource.query(
      `SELECT count(*) AS n FROM audit_event WHERE array_to_string(subject_refs, ',') LIKE '%' || $1 || '%' OR details::text LIKE '%' || $1 || '%' OR details::text LIKE '%Erase Me%' OR details::text LIKE '%erase@%'`,
      [id],
    );
    expect(Number(leaks[0].n)).toBe(0);
    expect((await t.gql(`query($id: ID!) { candidate(id: $id) { id } }`, { id }, admin)).data).toEqual({ candidate: null });
  });

  it('is closed to evaluators and to callers without a key', async () => {
    const evaluator = await t.key(Role.EVALUATOR);
    expect((await t.gql(CREATE, { input: candidateInput() }, evaluator)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(`{ candidates { total } }`, {}, evaluator)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(CREATE, { input: candidateInput() })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
