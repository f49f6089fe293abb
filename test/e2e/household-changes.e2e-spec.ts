import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq } from '../helpers/factories';
import { problemsOf } from '../helpers/gql-fragments';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATE_CANDIDATE = `mutation($input: CandidateInput!) { createCandidate(input: $input) { id } }`;
const CREATE = `mutation($i: HouseholdInput!) { createHousehold(input: $i) { id size adults adultsUnknown } }`;
const UPDATE = `mutation($id: ID!, $i: HouseholdUpdateInput!) { updateHousehold(id: $id, input: $i) { id size arrivalDate externalId adults adultsUnknown members { id } } }`;
const DELETE = `mutation($id: ID!) { deleteHousehold(id: $id) }`;
type Updated = { updateHousehold: { id: string; size: number; arrivalDate: string | null; externalId: string | null; adults: number; adultsUnknown: number; members: { id: string }[] } };

/** R16: households change (a member joins or leaves, a birth) and are erased, with the rules of candidates. */
describe('household changes', () => {
  let t: TestApp;
  let platform: string;
  let other: string;
  let adviser: string;
  let admin: string;
  const newCandidate = async (key: string, overrides: Record<string, unknown> = {}) =>
    (await t.gql<{ createCandidate: { id: string } }>(CREATE_CANDIDATE, { input: candidateInput(overrides) }, key)).data!.createCandidate.id;
  const pseudonym = async (id: string) => (await t.dataSource.query('SELECT pseudonym FROM candidate WHERE id = $1', [id]))[0].pseudonym as string;
  const lastAudit = async (action: string, ref: string) =>
    (await t.dataSource.query(`SELECT subject_refs AS refs, details FROM audit_event WHERE action = $1 AND $2 = ANY(subject_refs) ORDER BY id DESC LIMIT 1`, [action, ref]))[0] as
      | { refs: string[]; details: Record<string, unknown> }
      | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    platform = await t.key(Role.PLATFORM, uniq('hhc'));
    other = await t.key(Role.PLATFORM, uniq('hhc-other'));
    adviser = await t.key(Role.ADVISER);
    admin = await t.key(Role.ADMIN);
  });
  afterAll(() => t.close());

  it('counts persons without a candidate record as of unknown age, not as non-adults', async () => {
    const a = await newCandidate(platform, { birthDate: '1984-02-02' });
    const res = await t.gql<{ createHousehold: { size: number; adults: number; adultsUnknown: number } }>(CREATE, { i: { memberIds: [a], size: 3 } }, platform);
    expect(res.data!.createHousehold).toMatchObject({ size: 3, adults: 1, adultsUnknown: 2 });
  });

  it('an adviser composes a household at COA and changes it: a member joins, a child is born, a member leaves', async () => {
    // COA's people (no tenant), recorded by an admin; the adviser composes the household.
    const mother = await newCandidate(admin, { birthDate: '1990-01-01' });
    const father = await newCandidate(admin, { birthDate: '1989-05-05' });
    const son = await newCandidate(admin, { birthDate: '2007-03-03' });
    const created = await t.gql<{ createHousehold: { id: string } }>(CREATE, { i: { memberIds: [mother], size: 2 } }, adviser);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createHousehold.id;
    // The father joins: the size follows the member added.
    const joined = await t.gql<Updated>(UPDATE, { id, i: { memberIds: [mother, father] } }, adviser);
    expect(joined.errors).toBeUndefined();
    expect(joined.data!.updateHousehold).toMatchObject({ size: 3, adults: 2, adultsUnknown: 1 });
    const audit = await lastAudit('household.updated', id);
    expect(audit!.refs).toEqual(expect.arrayContaining([id, await pseudonym(mother), await pseudonym(father)]));
    expect(audit!.details).toMatchObject({ added: [await pseudonym(father)], removed: [], size: { from: 2, to: 3 } });
    expect(JSON.stringify(audit)).not.toContain(father);
    // A birth: one more person, no record.
    const born = await t.gql<Updated>(UPDATE, { id, i: { size: 4, arrivalDate: '2026-11-15' } }, adviser);
    expect(born.data!.updateHousehold).toMatchObject({ size: 4, arrivalDate: '2026-11-15', adultsUnknown: 2 });
    // The grown son joins and the father leaves: size 4 + 1 - 1.
    const swapped = await t.gql<Updated>(UPDATE, { id, i: { memberIds: [mother, son] } }, adviser);
    expect(swapped.data!.updateHousehold.size).toBe(4);
    expect(swapped.data!.updateHousehold.members.map((m) => m.id).sort()).toEqual([mother, son].sort());
    expect((await lastAudit('household.updated', id))!.details).toMatchObject({ added: [await pseudonym(son)], removed: [await pseudonym(father)] });
    // The father may now join another household.
    expect((await t.gql(CREATE, { i: { memberIds: [father] } }, adviser)).errors).toBeUndefined();
  });

  it('refuses with every problem named and writes nothing: a member of another household, a size below the members, a taken externalId', async () => {
    const a = await newCandidate(platform);
    const b = await newCandidate(platform);
    const c = await newCandidate(platform);
    const h1 = (await t.gql<{ createHousehold: { id: string } }>(CREATE, { i: { memberIds: [a], externalId: uniq('hh-ext') } }, platform)).data!.createHousehold.id;
    const ext = uniq('hh-ext');
    await t.gql(CREATE, { i: { memberIds: [b], externalId: ext } }, platform);
    const res = await t.gql(UPDATE, { id: h1, i: { memberIds: [a, b, c], size: 2, externalId: ext } }, platform);
    expect(problemsOf(res)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'input.memberIds[1]', rule: 'oneHousehold' }),
        expect.objectContaining({ field: 'input.size', rule: 'atLeastMembers' }),
        expect.objectContaining({ field: 'input.externalId', rule: 'unique' }),
      ]),
    );
    const members = await t.dataSource.query('SELECT candidate_id FROM household_member WHERE household_id = $1', [h1]);
    expect(members.map((m: { candidate_id: string }) => m.candidate_id)).toEqual([a]);
    expect(problemsOf(await t.gql(UPDATE, { id: h1, i: { size: 21 } }, platform))).toEqual([expect.objectContaining({ field: 'input.size', rule: 'max' })]);
    // c is still free: nothing half-written.
    expect((await t.gql(UPDATE, { id: h1, i: { memberIds: [a, c] } }, platform)).errors).toBeUndefined();
  });

  it("keeps to the tenancy: another tenant's household is not found, and its people cannot be added", async () => {
    const mine = await newCandidate(platform);
    const theirs = await newCandidate(other);
    const id = (await t.gql<{ createHousehold: { id: string } }>(CREATE, { i: { memberIds: [mine] } }, platform)).data!.createHousehold.id;
    expect((await t.gql(UPDATE, { id, i: { size: 2 } }, other)).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.gql(DELETE, { id }, other)).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(problemsOf(await t.gql(UPDATE, { id, i: { memberIds: [mine, theirs] } }, platform))).toEqual([expect.objectContaining({ field: 'input.memberIds[1]', rule: 'exists' })]);
    // An adviser sees both, but a household stays one tenant's people.
    expect(problemsOf(await t.gql(UPDATE, { id, i: { memberIds: [mine, theirs] } }, adviser))).toEqual([expect.objectContaining({ field: 'input.memberIds[1]', rule: 'oneTenant' })]);
  });

  it('erases a household and its memberships, keeping the people and an audit entry by id and pseudonym', async () => {
    const a = await newCandidate(platform);
    const id = (await t.gql<{ createHousehold: { id: string } }>(CREATE, { i: { memberIds: [a], size: 2 } }, platform)).data!.createHousehold.id;
    const res = await t.gql<{ deleteHousehold: boolean }>(DELETE, { id }, platform);
    expect(res.data).toEqual({ deleteHousehold: true });
    expect(await t.dataSource.query('SELECT 1 FROM household WHERE id = $1', [id])).toHaveLength(0);
    expect(await t.dataSource.query('SELECT 1 FROM household_member WHERE candidate_id = $1', [a])).toHaveLength(0);
    expect(await t.dataSource.query('SELECT 1 FROM candidate WHERE id = $1', [a])).toHaveLength(1);
    const audit = await lastAudit('household.erased', id);
    expect(audit!.refs).toEqual([id, await pseudonym(a)]);
    expect((await t.gql(DELETE, { id }, platform)).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to erase a household with a link decision (R19 keeps decisions)', async () => {
    const a = await newCandidate(admin, { permitDate: '2026-11-20' });
    const id = (await t.gql<{ createHousehold: { id: string } }>(CREATE, { i: { memberIds: [a] } }, adviser)).data!.createHousehold.id;
    // GM0772 Eindhoven: within 50 km of the candidate factory's family tie (R12).
    const decided = await t.gql(`mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) { id } }`, { i: { householdId: id, municipalityCode: 'GM0772', reason: 'test: familie in Eindhoven' } }, adviser);
    expect(decided.errors).toBeUndefined();
    expect(problemsOf(await t.gql(DELETE, { id }, adviser))).toEqual([expect.objectContaining({ field: 'id', rule: 'noLinkDecision' })]);
    expect(await t.dataSource.query('SELECT 1 FROM household WHERE id = $1', [id])).toHaveLength(1);
  });
});
