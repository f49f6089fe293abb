import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { post } from './access-helpers';

const MISSING = '00000000-0000-4000-8000-00000000f00d';

/**
 * Issue 7 items 2 and 5: a platform guessing another platform's ids, on every record type
 * and every operation that takes one, gets exactly the answer a missing id gets, and
 * nothing that names the other tenant or its records.
 */
describe('cross-tenant probes', () => {
  let t: TestApp;
  let owner: string;
  let prober: string;
  let adviser: string;
  const ownerTenant = uniq('owner').toLowerCase();
  const proberTenant = uniq('prober').toLowerCase();
  const theirs = {
    candidate: '',
    pseudonym: '',
    housedCandidate: '',
    household: '',
    employer: '',
    vacancy: '',
    closedVacancy: '',
    erasedCandidate: '',
    emptiedHousehold: '',
    candidateExternalId: uniq('ext'),
  };
  let mine = { employer: '', vacancy: '', candidate: '' };

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.key(Role.PLATFORM, ownerTenant);
    prober = await t.key(Role.PLATFORM, proberTenant);
    adviser = await t.key(Role.ADVISER);
    const gql = async <T>(q: string, v: Record<string, unknown>, key: string) => {
      const res = await t.gql<T>(q, v, key);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const candidate = (input: Record<string, unknown>, key: string) =>
      gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: input }, key).then((d) => d.createCandidate.id);
    const household = (memberIds: string[], key: string) =>
      gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds } }, key).then((d) => d.createHousehold.id);
    const employer = (key: string) => gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Probe BV" }) { id } }`, {}, key).then((d) => d.createEmployer.id);
    const vacancy = (employerId: string, key: string) =>
      gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employerId) }, key).then((d) => d.createVacancy.id);

    theirs.candidate = await candidate(candidateInput({ externalId: theirs.candidateExternalId, name: 'Owner Person' }), owner);
    theirs.housedCandidate = await candidate(candidateInput({ name: 'Housed Person' }), owner);
    theirs.household = await household([theirs.housedCandidate], owner);
    theirs.employer = await employer(owner);
    theirs.vacancy = await vacancy(theirs.employer, owner);
    theirs.closedVacancy = await vacancy(theirs.employer, owner);
    await gql(`mutation($id: ID!) { closeVacancy(id: $id) { id } }`, { id: theirs.closedVacancy }, owner);
    theirs.erasedCandidate = await candidate(candidateInput({ name: 'Erased Person' }), owner);
    theirs.emptiedHousehold = await household([theirs.erasedCandidate], owner);
    await gql(`mutation($id: ID!) { deleteCandidate(id: $id) }`, { id: theirs.erasedCandidate }, owner);
    [{ pseudonym: theirs.pseudonym }] = await t.dataSource.query('SELECT pseudonym FROM candidate WHERE id = $1', [theirs.candidate]);
    mine = { employer: await employer(prober), vacancy: '', candidate: await candidate(candidateInput({ name: 'Prober Own' }), prober) };
    mine.vacancy = await vacancy(mine.employer, prober);
  });
  afterAll(() => t.close());

  /** The response to `query` with `id` in it, as text with that id replaced, plus the HTTP status. */
  const answer = async (query: string, variables: (id: string) => Record<string, unknown>, id: string) => {
    const res = await post(t.url, JSON.stringify({ query, variables: variables(id) }), { authorization: `Bearer ${prober}` });
    return { status: res.status, body: res.text.split(id).join('<ID>'), raw: res.text };
  };

  const probes: [string, string, (id: string) => Record<string, unknown>, Exclude<keyof typeof theirs, 'pseudonym' | 'candidateExternalId'>][] = [
    ['candidate(id)', `query($id: ID!) { candidate(id: $id) { id name } }`, (id) => ({ id }), 'candidate'],
    ['updateCandidate', `mutation($id: ID!) { updateCandidate(id: $id, input: { notes: "x" }) { id } }`, (id) => ({ id }), 'candidate'],
    ['deleteCandidate', `mutation($id: ID!) { deleteCandidate(id: $id) }`, (id) => ({ id }), 'candidate'],
    ['createHousehold with their candidate', `mutation($id: ID!) { createHousehold(input: { memberIds: [$id] }) { id } }`, (id) => ({ id }), 'candidate'],
    ['household(id)', `query($id: ID!) { household(id: $id) { id members { id } } }`, (id) => ({ id }), 'household'],
    ['vacancy(id)', `query($id: ID!) { vacancy(id: $id) { id title } }`, (id) => ({ id }), 'vacancy'],
    ['updateVacancy', `mutation($id: ID!) { updateVacancy(id: $id, input: { title: "Taken over" }) { id } }`, (id) => ({ id }), 'vacancy'],
    ['closeVacancy', `mutation($id: ID!) { closeVacancy(id: $id) { id } }`, (id) => ({ id }), 'vacancy'],
    ['createVacancy with their employerId', `mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, (id) => ({ i: vacancyInput(id) }), 'employer'],
    [
      'updateVacancy of mine onto their employerId',
      `mutation($v: ID!, $id: ID!) { updateVacancy(id: $v, input: { employerId: $id }) { id } }`,
      (id) => ({ v: mine.vacancy, id }),
      'employer',
    ],
    [
      'importVacancies with their employerId',
      `mutation($rows: [VacancyInput!]!) { importVacancies(input: $rows, atomic: false) { saved failed errors { index field rule message } } }`,
      (id) => ({ rows: [vacancyInput(id, { externalId: 'probe-1' })] }),
      'employer',
    ],
    ['vacancies(filter: { employerId })', `query($id: ID!) { vacancies(filter: { employerId: $id }) { total items { id } } }`, (id) => ({ id }), 'employer'],
    // Every suggestion operation, with their open, closed and erased records (issue 13 item 6).
    ...(['candidate', 'erasedCandidate'] as const).flatMap((kind): (typeof probes)[number][] => [
      [`jobSuggestions for their ${kind}`, `query($id: ID!) { jobSuggestions(candidateId: $id) { total items { vacancyId score } } }`, (id) => ({ id }), kind],
      [`explainMatch of their ${kind} with my vacancy`, `query($id: ID!, $v: ID!) { explainMatch(candidateId: $id, vacancyId: $v) { score distanceKm } }`, (id) => ({ id, v: mine.vacancy }), kind],
    ]),
    ...(['vacancy', 'closedVacancy'] as const).map((kind): (typeof probes)[number] => [
      `candidateSuggestions for their ${kind}`,
      `query($id: ID!) { candidateSuggestions(vacancyId: $id) { total items { score candidate { id } } } }`,
      (id) => ({ id }),
      kind,
    ]),
    ['explainMatch of my candidate with their closed vacancy', `query($c: ID!, $id: ID!) { explainMatch(candidateId: $c, vacancyId: $id) { score distanceKm eligible } }`, (id) => ({ c: mine.candidate, id }), 'closedVacancy'],
    ...(['household', 'emptiedHousehold'] as const).map((kind): (typeof probes)[number] => [
      `municipalitySuggestions for their ${kind}`,
      `query($id: ID!) { municipalitySuggestions(householdId: $id, take: 2) { feasible items { municipalityCode score } } }`,
      (id) => ({ id }),
      kind,
    ]),
  ];

  it.each(probes)('%s answers exactly as for a missing id', async (_name, query, variables, kind) => {
    const id = theirs[kind];
    // The id is real: someone allowed to see it does.
    const probe = await answer(query, variables, id);
    const missing = await answer(query, variables, MISSING);
    expect(probe.status).toBe(missing.status);
    expect(probe.body).toBe(missing.body);
    expect(probe.raw).not.toContain(ownerTenant);
    for (const other of Object.values(theirs)) if (other !== id) expect(probe.raw).not.toContain(other);
  });

  // "Already belongs to a household" is checked only over the members the caller may see.
  it('createHousehold with their housed candidate answers exactly as for a missing id', async () => {
    const query = `mutation($id: ID!) { createHousehold(input: { memberIds: [$id] }) { id } }`;
    const probe = await answer(query, (id) => ({ id }), theirs.housedCandidate);
    const missing = await answer(query, (id) => ({ id }), MISSING);
    expect(probe.body).toBe(missing.body);
  });

  it("jobSuggestions and explainMatch by their candidate's pseudonym answer exactly as for a made-up one", async () => {
    const madeUp = 'p_00000000000000000000';
    expect(theirs.pseudonym).toMatch(/^p_[0-9a-f]{20}$/);
    for (const query of [
      `query($id: ID!) { jobSuggestions(candidateId: $id) { total } }`,
      `query($id: ID!, $v: ID!) { explainMatch(candidateId: $id, vacancyId: $v) { score } }`,
    ]) {
      const probe = await answer(query, (id) => ({ id, v: mine.vacancy }), theirs.pseudonym);
      const missing = await answer(query, (id) => ({ id, v: mine.vacancy }), madeUp);
      expect(probe.body).toBe(missing.body);
      expect(probe.body).toContain('NOT_FOUND');
    }
  });

  it('their open vacancy is the market: explained for my candidate; my own closed vacancy is explained too', async () => {
    const query = `query($c: ID!, $v: ID!) { explainMatch(candidateId: $c, vacancyId: $v) { vacancyId score } }`;
    const open = await t.gql<{ explainMatch: { vacancyId: string } }>(query, { c: mine.candidate, v: theirs.vacancy }, prober);
    expect(open.data?.explainMatch.vacancyId).toBe(theirs.vacancy);
    await t.gql(`mutation($id: ID!) { closeVacancy(id: $id) { id } }`, { id: mine.vacancy }, prober);
    const closed = await t.gql<{ explainMatch: { vacancyId: string; score: number } }>(query, { c: mine.candidate, v: mine.vacancy }, prober);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.explainMatch.score).toBeGreaterThan(0);
    // The owner sees their own closed vacancy explained; the prober got NOT_FOUND above.
    const ownerCandidate = await t.gql<{ explainMatch: { vacancyId: string } }>(query, { c: theirs.candidate, v: theirs.closedVacancy }, owner);
    expect(ownerCandidate.data?.explainMatch.vacancyId).toBe(theirs.closedVacancy);
  });

  it('the probed records exist, are unchanged, and the owner and an adviser still see them', async () => {
    const res = await t.gql<{ c: { name: string } | null; h: { id: string } | null; v: { title: string; status: string } | null }>(
      `query($c: ID!, $h: ID!, $v: ID!) { c: candidate(id: $c) { name } h: household(id: $h) { id } v: vacancy(id: $v) { title status } }`,
      { c: theirs.candidate, h: theirs.household, v: theirs.vacancy },
      owner,
    );
    expect(res.data).toEqual({ c: { name: 'Owner Person' }, h: { id: theirs.household }, v: { title: 'Kok in restaurant', status: 'OPEN' } });
    const seen = await t.gql<{ candidate: { id: string } | null }>(`query($id: ID!) { candidate(id: $id) { id } }`, { id: theirs.candidate }, adviser);
    expect(seen.data!.candidate).toEqual({ id: theirs.candidate });
  });

  it('lists show only the caller\'s own records', async () => {
    const res = await t.gql<Record<string, { total: number; items: { id: string }[] }>>(
      `{ candidates(take: 100) { total items { id } } households(take: 100) { total items { id } } vacancies(take: 100) { total items { id } } }`,
      {},
      prober,
    );
    expect(res.data).toEqual({ candidates: { total: 1, items: [{ id: mine.candidate }] }, households: { total: 0, items: [] }, vacancies: { total: 1, items: [{ id: mine.vacancy }] } });
  });

  it('writing with their externalId makes the caller\'s own record and leaves theirs alone', async () => {
    const res = await t.gql<{ createCandidate: { id: string } }>(
      `mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`,
      { i: candidateInput({ externalId: theirs.candidateExternalId, name: 'Prober Person' }) },
      prober,
    );
    expect(res.data!.createCandidate.id).not.toBe(theirs.candidate);
    const rows = await t.dataSource.query('SELECT tenant, name FROM candidate WHERE external_id = $1 ORDER BY tenant = $2 DESC', [theirs.candidateExternalId, ownerTenant]);
    expect(rows).toEqual([
      { tenant: ownerTenant, name: 'Owner Person' },
      { tenant: proberTenant, name: 'Prober Person' },
    ]);
  });
});
