import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq } from '../helpers/factories';
import { problemsOf } from '../helpers/gql-fragments';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATE_CANDIDATE = `mutation($input: CandidateInput!) { createCandidate(input: $input) { id } }`;
const CREATE = `mutation($i: HouseholdInput!) { createHousehold(input: $i) { id size arrivalDate adults members { id birthDate } } }`;

/** Issue 4 / R16: households group candidates; one household per candidate. */
describe('households', () => {
  let t: TestApp;
  let platform: string;
  let other: string;
  const newCandidate = async (key: string, overrides: Record<string, unknown> = {}) =>
    (await t.gql<{ createCandidate: { id: string } }>(CREATE_CANDIDATE, { input: candidateInput(overrides) }, key)).data!.createCandidate.id;

  beforeAll(async () => {
    t = await startTestApp();
    platform = await t.key(Role.PLATFORM, uniq('hh'));
    other = await t.key(Role.PLATFORM, uniq('hh-other'));
  });
  afterAll(() => t.close());

  it('creates a household with its members, counting adults and every person', async () => {
    const adultA = await newCandidate(platform, { birthDate: '1985-01-01' });
    const adultB = await newCandidate(platform, { birthDate: '1988-06-30' });
    const teen = await newCandidate(platform, { birthDate: '2012-03-03', legalStatus: 'STATUS_HOLDER' });
    const res = await t.gql<{ createHousehold: { size: number; adults: number; members: { id: string }[] } }>(
      CREATE,
      { i: { memberIds: [adultA, adultB, teen], size: 5, arrivalDate: '2026-10-01' } },
      platform,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createHousehold).toMatchObject({ size: 5, adults: 2, arrivalDate: '2026-10-01' });
    expect(res.data!.createHousehold.members.map((m) => m.id).sort()).toEqual([adultA, adultB, teen].sort());
    const q = await t.gql<{ candidate: { household: { id: string; size: number } } }>(`query($id: ID!) { candidate(id: $id) { household { id size } } }`, { id: teen }, platform);
    expect(q.data!.candidate.household.size).toBe(5);
  });

  it('refuses a member twice, a member of another household, a size below the members, and unknown members', async () => {
    const a = await newCandidate(platform);
    const b = await newCandidate(platform);
    await t.gql(CREATE, { i: { memberIds: [a] } }, platform);
    const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM household')).at(0).n);
    expect(problemsOf(await t.gql(CREATE, { i: { memberIds: [b, b] } }, platform))).toEqual([expect.objectContaining({ field: 'input.memberIds', rule: 'arrayUnique' })]);
    expect(problemsOf(await t.gql(CREATE, { i: { memberIds: [b, a] } }, platform))).toEqual([
      expect.objectContaining({ field: 'input.memberIds[1]', rule: 'oneHousehold' }),
    ]);
    expect(problemsOf(await t.gql(CREATE, { i: { memberIds: [b], size: 0 } }, platform))).toEqual([expect.objectContaining({ field: 'input.size', rule: 'min' })]);
    const c = await newCandidate(platform);
    const d = await newCandidate(platform);
    expect(problemsOf(await t.gql(CREATE, { i: { memberIds: [c, d], size: 1 } }, platform))).toEqual([
      expect.objectContaining({ field: 'input.size', rule: 'atLeastMembers' }),
    ]);
    const foreign = await newCandidate(other);
    expect(problemsOf(await t.gql(CREATE, { i: { memberIds: [b, foreign] } }, platform))).toEqual([
      expect.objectContaining({ field: 'input.memberIds[1]', rule: 'exists' }),
    ]);
    expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM household')).at(0).n)).toBe(before);
    // b is still free: nothing was half-written.
    expect((await t.gql(CREATE, { i: { memberIds: [b] } }, platform)).errors).toBeUndefined();
  });

  it('records reading the members as a read of personal records, by pseudonym (R20)', async () => {
    const a = await newCandidate(platform);
    const h = await t.gql<{ createHousehold: { id: string } }>(CREATE, { i: { memberIds: [a] } }, platform);
    const [{ pseudonym }] = await t.dataSource.query('SELECT pseudonym FROM candidate WHERE id = $1', [a]);
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_event WHERE action = 'candidate.read' AND $1 = ANY(subject_refs)`, [pseudonym]))[0].n);
    await t.gql(`query($id: ID!) { household(id: $id) { members { name } } }`, { id: h.data!.createHousehold.id }, platform);
    const rows = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'candidate.read' AND $1 = ANY(subject_refs) ORDER BY id`, [pseudonym]);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1).details).toEqual({ via: 'household.members' });
  });

  it("answers null for another tenant's household", async () => {
    const a = await newCandidate(platform);
    const h = await t.gql<{ createHousehold: { id: string } }>(CREATE, { i: { memberIds: [a] } }, platform);
    const id = h.data!.createHousehold.id;
    expect((await t.gql(`query($id: ID!) { household(id: $id) { id } }`, { id }, other)).data).toEqual({ household: null });
    expect((await t.gql(`query($id: ID!) { household(id: $id) { id } }`, { id }, await t.key(Role.ADVISER))).data).toEqual({ household: { id } });
  });
});
