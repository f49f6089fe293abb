import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { operations, requestFor, walkAnswer } from '../helpers/schema-walk';
import { startTestApp, TestApp } from '../helpers/test-app';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PERIOD = '2043-H1';

/**
 * R20: people by pseudonym or label, never by record id. Every text field (String, not ID) of
 * every suggestion, explanation, plan and what-if answer, and the scenario's exports, is
 * scanned for a uuid under each role that may call it. The household has two adults with ties
 * (hard, soft and too-few-hours work), a child, and a current job, so the reasons talk about
 * people; a second household of an asylum seeker gives the R2 refusal, and conflicting ties the
 * R12 infeasibility, both of which name people.
 */
describe('no record id of a person in any text of a suggestion or what-if answer', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  const keys: Partial<Record<Role, string>> = {};
  const tenant = uniq('ids').toLowerCase();
  let people: { id: string; pseudonym: string }[] = [];
  let households: string[] = [];
  let vacancyId: string;
  let scenarioId: string;

  const make = async (input: Record<string, unknown>) => {
    const res = await t.gql<{ createCandidate: { id: string; pseudonym: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id pseudonym } }`, { i: input }, keys.PLATFORM);
    expect(res.errors).toBeUndefined();
    people.push(res.data!.createCandidate);
    return res.data!.createCandidate;
  };
  const household = async (members: { id: string }[]) => {
    const res = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: members.map((m) => m.id), size: members.length + 1 } }, keys.PLATFORM);
    expect(res.errors).toBeUndefined();
    households.push(res.data!.createHousehold.id);
    return res.data!.createHousehold.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    schema = t.app.get(GraphQLSchemaHost).schema;
    for (const role of [Role.ADMIN, Role.ADVISER, Role.EVALUATOR]) keys[role] = await t.key(role);
    keys.PLATFORM = await t.key(Role.PLATFORM, tenant);
    people = [];
    households = [];
    const a = await make(
      candidateInput({
        birthDate: '1985-02-03',
        ties: [
          { kind: 'FAMILY', municipalityCode: 'GM0772' },
          { kind: 'WORK', municipalityCode: 'GM0861', hoursPerWeek: 4, signedContract: true, payslip: true },
          { kind: 'FAMILY', municipalityCode: 'GM0363', firstDegree: false },
        ],
      }),
    );
    const b = await make(candidateInput({ birthDate: '1990-06-07', location: { postcode: '5611' }, ties: [{ kind: 'EDUCATION', municipalityCode: 'GM0772' }] }));
    const child = await make(candidateInput({ birthDate: '2016-01-01', occupations: [], diplomas: [], ties: [] }));
    await household([a, b, child]);
    const seeker = await make(candidateInput({ legalStatus: 'ASYLUM_SEEKER', permitDate: null, ties: [] }));
    await household([seeker]);
    const apartA = await make(candidateInput({ ties: [{ kind: 'FAMILY', municipalityCode: 'GM0014' }] }));
    const apartB = await make(candidateInput({ ties: [{ kind: 'MEDICAL', municipalityCode: 'GM0363' }] }));
    await household([apartA, apartB]);
    const e = await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "${tenant} BV" }) { id } }`, {}, keys.PLATFORM);
    const v = await t.gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(e.data!.createEmployer.id, { location: { postcode: '5611' } }) }, keys.PLATFORM);
    vacancyId = v.data!.createVacancy.id;
    const run = await t.gql<{ runScenario: { id: string; status: string } }>(
      `mutation($i: ScenarioInput!) { runScenario(input: $i) { id status } }`,
      { i: { name: uniq('ids'), cohort: { householdIds: [households[0], households[2]] }, policy: { tieRadiusKm: 30 }, period: PERIOD, wait: true } },
      keys.EVALUATOR,
    );
    expect(run.errors).toBeUndefined();
    scenarioId = run.data!.runScenario.id;
  }, 120_000);
  afterAll(() => t.close());

  const personRef = (who: Role, p: { id: string; pseudonym: string }) => (who === Role.EVALUATOR ? p.pseudonym : p.id);
  const CALLS: Record<string, { roles: Role[]; args: (who: Role) => Record<string, unknown>[] }> = {
    'Query.municipalitySuggestions': { roles: [Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR], args: () => households.map((householdId) => ({ householdId, take: 10, includeIneligible: true })) },
    'Query.explainLink': { roles: [Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR], args: () => households.flatMap((householdId) => ['GM0772', 'GM0014'].map((municipalityCode) => ({ householdId, municipalityCode }))) },
    'Query.jobSuggestions': { roles: [Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR], args: (who) => people.map((p) => ({ candidateId: personRef(who, p), take: 20, filter: { includeIneligible: true } })) },
    'Query.candidateSuggestions': { roles: [Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR], args: () => [{ vacancyId, take: 20, filter: { includeIneligible: true } }] },
    'Query.explainMatch': { roles: [Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR], args: (who) => people.map((p) => ({ candidateId: personRef(who, p), vacancyId })) },
    'Mutation.planPlacement': { roles: [Role.ADMIN, Role.ADVISER, Role.EVALUATOR], args: () => [{ input: { householdIds: households, period: PERIOD } }] },
    'Query.scenario': { roles: [Role.ADMIN, Role.EVALUATOR], args: () => [{ id: scenarioId }] },
  };

  /** The type of the field a walked value came from, e.g. `String` for `RuleCheck.reason`. */
  const typeOf = (coordinate: string): string | null => {
    const [typeName, field] = coordinate.split('.');
    const type = schema.getType(typeName) as GraphQLObjectType | undefined;
    const f = type && 'getFields' in type ? type.getFields()[field] : undefined;
    return f ? getNamedType(f.type).name : null;
  };

  it.each([Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR])('as %s', async (who) => {
    const leaks: string[] = [];
    let texts = 0;
    let calls = 0;
    for (const op of operations(schema).filter((o) => CALLS[o.coordinate]?.roles.includes(who))) {
      for (const args of CALLS[op.coordinate].args(who)) {
        const { query, variables } = requestFor(op, args);
        const res = await t.gql(query, variables, keys[who]);
        expect({ op: op.coordinate, errors: (res.errors ?? []).filter((e) => e.extensions?.code !== 'NOT_FOUND') }).toEqual({ op: op.coordinate, errors: [] });
        calls++;
        walkAnswer(op.coordinate, (res.data as Record<string, unknown>)?.[op.field.name], (m) => {
          if (typeof m.value !== 'string' || typeOf(m.coordinate) !== 'String') return;
          texts++;
          // The scenario's own id (Scenario.export repeats it) is a record id, but not a person's.
          const text = m.value.split(scenarioId).join('');
          if (UUID.test(text)) leaks.push(`${m.coordinate}: ${text.match(UUID)![0]} in ${text.slice(0, 200)}`);
        });
      }
    }
    if (CALLS['Query.scenario'].roles.includes(who)) {
      const exported = await t.gql<{ scenario: { csv: string; json: string } }>(`query($id: ID!) { scenario(id: $id) { csv: export(format: CSV) json: export(format: JSON) } }`, { id: scenarioId }, keys[who]);
      const { csv, json } = exported.data!.scenario;
      texts += 2;
      // The scenario's own id is a record id, but not a person's: everything else must be free of uuids.
      for (const [name, text] of [['csv', csv], ['json', json.split(scenarioId).join('')]]) if (UUID.test(text)) leaks.push(`scenario export ${name}: ${text.match(UUID)![0]}`);
    }
    expect(calls).toBeGreaterThan(5);
    expect(texts).toBeGreaterThan(100); // the scan did read the reasons
    expect(leaks).toEqual([]);
  }, 120_000);

  it('advisers read people as "adult 1 (41)" and evaluators by pseudonym in the same reason', async () => {
    const q = `query($h: ID!) { explainLink(householdId: $h, municipalityCode: "GM0014", language: EN) { checks { rule passed reason } } }`;
    const asAdviser = await t.gql<{ explainLink: { checks: { rule: string; reason: string }[] } }>(q, { h: households[0] }, keys.ADVISER);
    const tie = asAdviser.data!.explainLink.checks.find((c) => c.rule === 'R12' && c.reason.includes('first-degree family'))!;
    expect(tie.reason).toMatch(/\(member adult 1 \(\d+\)\)/);
    const asEvaluator = await t.gql<{ explainLink: { checks: { rule: string; reason: string }[] } }>(q, { h: households[0] }, keys.EVALUATOR);
    const same = asEvaluator.data!.explainLink.checks.find((c) => c.rule === 'R12' && c.reason.includes('first-degree family'))!;
    expect(same.reason).toContain(`(member ${people[0].pseudonym})`);
  });
});
