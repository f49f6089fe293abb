import { GraphQLSchemaHost } from '@nestjs/graphql';
import { randomUUID } from 'crypto';
import { getNamedType, GraphQLObjectType, GraphQLSchema, isNonNullType } from 'graphql';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { problemsOf } from '../helpers/gql-fragments';
import { Met, Operation, operations, reachableTypes, requestFor, walkAnswer } from '../helpers/schema-walk';
import { startTestApp, TestApp } from '../helpers/test-app';

const MISSING = '00000000-0000-4000-8000-00000000beef';
/** A half-year of this file's own, for plans and what-if runs. */
const PERIOD = '2041-H1';

/** The types that are a person or a vacancy, or a view of one. */
const PERSON_TYPES = ['Candidate', 'Household', 'CandidateSummary', 'ReachableForAdult'];
const VACANCY_TYPES = ['Vacancy', 'Employer', 'VacancySummary'];
/** Tenant-owned records, and the table each lives in. */
const RECORD_TABLES: Record<string, string> = { Candidate: 'candidate', Household: 'household', Vacancy: 'vacancy', Employer: 'employer' };
/**
 * Where a platform may meet another tenant's vacancy: the open vacancies are one market
 * (README, "Access and roles"), shown in job suggestions and explained pair by pair.
 */
const MARKET_TYPES = ['JobSuggestion', 'MatchExplanation'];

type Who = 'platform' | 'evaluator';

interface Person {
  id: string;
  pseudonym: string;
  name: string;
  email: string;
  phone: string;
  notes: string;
  externalId: string;
}

interface Side {
  employer: { id: string; name: string; externalId: string };
  open: { id: string; title: string; externalId: string };
  closed: { id: string; title: string; externalId: string };
  people: Person[];
  households: string[];
}

/**
 * Issue 13 item 2: every path to a record applies the caller's scope. The schema is walked
 * from every operation's return type, selecting every field below it (each object type at
 * most twice on a path, so Candidate → household → members is followed); a platform key of
 * tenant A calls every operation that leads to a person or a vacancy with A's ids, B's ids,
 * an id of a household across tenants (as written before the one-tenant rule) and a missing
 * id, and nothing of B comes back through any field; an evaluator gets no person's id,
 * name or contact details through any of them. A field added later is walked without being
 * named here; an operation added later that takes a required argument and leads to a person
 * or a vacancy fails the test until it has a row in ARGS.
 */
describe('scope on every nested path', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  const key: Record<'admin' | 'adviser' | 'evaluator' | 'a' | 'b', string> = { admin: '', adviser: '', evaluator: '', a: '', b: '' };
  const mark = uniq('ns');
  const tenantA = uniq('nsa').toLowerCase();
  const tenantB = uniq('nsb').toLowerCase();
  let A: Side;
  let B: Side;
  /** A candidate of A, and one of B, in one household of no tenant, as an admin could make before the one-tenant rule. */
  let across: string;
  /** A's household into which a member of B was written (a damaged row): B's member must still not show. */
  let damaged: string;
  /** A candidate of A in no household yet, for createHousehold. */
  let freeA: string;
  /** A what-if run over both tenants' households. */
  let scenarioId: string;

  const ok = async <T>(query: string, variables: Record<string, unknown>, k: string): Promise<T> => {
    const res = await t.gql<T>(query, variables, k);
    if (res.errors) throw new Error(`${query}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };
  const newPerson = async (side: string, n: number, k: string): Promise<Person> => {
    const p = {
      name: `${side} Persoon ${n} ${mark}`,
      email: `${side.toLowerCase()}${n}.${mark}@example.org`,
      phone: `+31 6 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      notes: `${side} notitie ${n} ${mark}`,
      externalId: `${side}-p${n}-${mark}`,
    };
    const d = await ok<{ createCandidate: { id: string; pseudonym: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id pseudonym } }`, { i: candidateInput(p) }, k);
    return { ...p, ...d.createCandidate };
  };
  const household = async (memberIds: string[], k: string) =>
    (await ok<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds } }, k)).createHousehold.id;
  const newSide = async (side: string, k: string): Promise<Side> => {
    const employer = { name: `${side} Werkgever ${mark}`, externalId: `${side}-e-${mark}` };
    const employerId = (await ok<{ createEmployer: { id: string } }>(`mutation($i: EmployerInput!) { createEmployer(input: $i) { id } }`, { i: employer }, k)).createEmployer.id;
    const vacancy = async (what: string) => {
      const v = { title: `${side} ${what} vacature ${mark}`, externalId: `${side}-v-${what}-${mark}` };
      const id = (await ok<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employerId, v) }, k)).createVacancy.id;
      return { id, ...v };
    };
    const open = await vacancy('open');
    const closed = await vacancy('dicht');
    await ok(`mutation($id: ID!) { closeVacancy(id: $id) { id } }`, { id: closed.id }, k);
    const people = [await newPerson(side, 1, k), await newPerson(side, 2, k), await newPerson(side, 3, k), await newPerson(side, 4, k)];
    return { employer: { id: employerId, ...employer }, open, closed, people, households: [await household([people[0].id], k)] };
  };

  beforeAll(async () => {
    // The walk selects everything, far past the limits a client gets; the limits are tested elsewhere.
    t = await startTestApp({ QUERY_DEPTH_LIMIT: '40', QUERY_COMPLEXITY_LIMIT: '100000000' });
    schema = t.app.get(GraphQLSchemaHost).schema;
    key.admin = await t.key(Role.ADMIN);
    key.adviser = await t.key(Role.ADVISER);
    key.evaluator = await t.key(Role.EVALUATOR);
    key.a = await t.key(Role.PLATFORM, tenantA);
    key.b = await t.key(Role.PLATFORM, tenantB);
    A = await newSide('A', key.a);
    B = await newSide('B', key.b);
    freeA = (await newPerson('A', 5, key.a)).id;
    // Written as the database could hold them from before the one-tenant rule.
    across = randomUUID();
    await t.dataSource.query(`INSERT INTO household (id, tenant, source, size) VALUES ($1, NULL, 'admin', 2)`, [across]);
    await t.dataSource.query(`INSERT INTO household_member (household_id, candidate_id) VALUES ($1, $2), ($1, $3)`, [across, A.people[1].id, B.people[1].id]);
    damaged = await household([A.people[2].id], key.a);
    await t.dataSource.query(`INSERT INTO household_member (household_id, candidate_id) VALUES ($1, $2)`, [damaged, B.people[2].id]);
    A.households.push(damaged);
    await ok(`mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) { id } }`, { i: { householdId: A.households[0], municipalityCode: 'GM0772', reason: 'test: a decision to read back' } }, key.adviser);
    // A period with a housing total: without one every capacity is unbounded and the solver is slow (see the report).
    await ok(`mutation { setHousingNationalTotal(period: "${PERIOD}", total: 20000) { total } }`, {}, key.admin);
    scenarioId = (
      await ok<{ runScenario: { id: string } }>(
        `mutation($i: ScenarioInput!) { runScenario(input: $i) { id } }`,
        { i: { name: `setup ${mark}`, cohort: { householdIds: [A.households[0], B.households[0]] }, policy: { tieRadiusKm: 30 }, period: PERIOD } },
        key.evaluator,
      )
    ).runScenario.id;
  }, 120_000);
  afterAll(() => t.close());

  const candidates = () => [...A.people, ...B.people];
  const vacancies = () => [A.open.id, A.closed.id, B.open.id, B.closed.id];
  const householdIds = () => [...A.households, across, ...B.households];

  /**
   * Arguments for every operation that takes a required argument and leads to a person or a
   * vacancy: the ids of both tenants, the household across tenants and a missing id.
   */
  const ARGS: Record<string, (who: Who) => Record<string, unknown>[]> = {
    'Query.candidate': () => [...candidates().map((p) => p.id), MISSING].map((id) => ({ id })),
    'Query.household': () => [...householdIds(), MISSING].map((id) => ({ id })),
    'Query.vacancy': () => [...vacancies(), MISSING].map((id) => ({ id })),
    'Query.linkDecisions': () => [...householdIds(), MISSING].map((householdId) => ({ householdId })),
    'Query.jobSuggestions': (who) => candidates().map((p) => ({ candidateId: who === 'evaluator' ? p.pseudonym : p.id, take: 100, filter: { includeIneligible: true } })),
    'Query.candidateSuggestions': () => [...vacancies(), MISSING].map((vacancyId) => ({ vacancyId, take: 100, filter: { includeIneligible: true } })),
    'Query.municipalitySuggestions': () => [...householdIds(), MISSING].map((householdId) => ({ householdId, take: 3 })),
    'Query.explainMatch': (who) => candidates().flatMap((p) => vacancies().map((vacancyId) => ({ candidateId: who === 'evaluator' ? p.pseudonym : p.id, vacancyId }))),
    'Mutation.createCandidate': () => [{ input: candidateInput({ name: `A Nieuw ${mark}` }) }],
    'Mutation.updateCandidate': () => candidates().map((p) => ({ id: p.id, input: { hoursAvailable: 30 } })),
    'Mutation.createHousehold': () => [{ input: { memberIds: [freeA] } }, { input: { memberIds: [B.people[3].id] } }],
    'Mutation.updateHousehold': () => [...householdIds(), MISSING].map((id) => ({ id, input: { arrivalDate: '2026-11-02' } })),
    'Mutation.createEmployer': () => [{ input: { name: `A Tweede werkgever ${mark}` } }],
    'Mutation.createVacancy': () => [A.employer.id, B.employer.id].map((employerId) => ({ input: vacancyInput(employerId) })),
    'Mutation.updateVacancy': () => vacancies().map((id) => ({ id, input: { hoursPerWeek: 32 } })),
    'Mutation.closeVacancy': () => [A.closed.id, B.closed.id, B.open.id].map((id) => ({ id })),
    'Mutation.importCandidates': () => [{ input: [candidateInput({ externalId: `A-import-${mark}` })] }],
    'Mutation.importVacancies': () => [{ input: [vacancyInput(A.employer.id, { externalId: `A-import-${mark}` })] }],
    'Mutation.recordLinkDecision': () => householdIds().map((householdId) => ({ input: { householdId, municipalityCode: 'GM0772', reason: 'test: walk' } })),
    // LAGRANGIAN: which households the plan names is what matters here, not proving it optimal.
    'Mutation.planPlacement': () => [{ input: { householdIds: [A.households[0], across, B.households[0]], period: PERIOD, method: 'LAGRANGIAN' } }],
    'Query.explainLink': () => [...householdIds(), MISSING].map((householdId) => ({ householdId, municipalityCode: 'GM0772' })),
    'Mutation.startPlacementJob': () => [{ input: { householdIds: [A.households[0], across, B.households[0]], period: PERIOD, method: 'LAGRANGIAN' } }],
    // A background plan is seen only by the key that started it: another's id answers like a missing one.
    'Query.placementJob': () => [{ id: MISSING }],
    'Mutation.cancelPlacementJob': () => [{ id: MISSING }],
    // What an evaluator gets of people beyond suggestions: what-if runs (aggregates only).
    'Query.scenario': () => [{ id: scenarioId }],
    'Query.scenarios': () => [{ take: 5 }],
    // Supervisors' aggregate of decisions: overrides by decision id and adviser key label, never a person.
    'Query.linkDecisionReport': () => [{ period: PERIOD }],
  };

  /** Whether an operation's answer can carry a person or a vacancy, or the id of one. */
  const leadsToPeopleOrVacancies = (op: Operation): boolean => {
    const types = reachableTypes(getNamedType(op.field.type));
    if ([...PERSON_TYPES, ...VACANCY_TYPES].some((n) => types.has(n))) return true;
    return [...types].some((n) =>
      Object.values((schema.getType(n) as GraphQLObjectType).getFields()).some((f) => getNamedType(f.type).name === 'ID' && f.name !== 'id' && f.name !== 'suggestionId'),
    );
  };

  const needsArguments = (op: Operation) => op.field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

  /**
   * Calls as `k` every operation that leads to a person or a vacancy, and those with a row in
   * ARGS (queries first); returns every value met. An operation that leads to a person or a
   * vacancy and takes a required argument must have a row, or the test fails.
   */
  const walk = async (who: Who, k: string) => {
    const met: (Met & { op: string })[] = [];
    const errors: { op: string; code: unknown; message: string; variables: string }[] = [];
    const unlisted = operations(schema).filter((op) => leadsToPeopleOrVacancies(op) && needsArguments(op) && !ARGS[op.coordinate]).map((o) => o.coordinate);
    expect({ operationsWithoutArguments: unlisted }).toEqual({ operationsWithoutArguments: [] });
    const ops = operations(schema).filter((op) => ARGS[op.coordinate] || leadsToPeopleOrVacancies(op));
    for (const op of [...ops.filter((o) => o.kind === 'query'), ...ops.filter((o) => o.kind === 'mutation')]) {
      for (const args of ARGS[op.coordinate]?.(who) ?? [{}]) {
        const { query, variables } = requestFor(op, args);
        const res = await t.gql<Record<string, unknown>>(query, variables, k);
        for (const e of res.errors ?? []) errors.push({ op: op.coordinate, code: e.extensions?.code, message: e.message, variables: JSON.stringify(variables) });
        walkAnswer(op.coordinate, res.data?.[op.field.name] ?? null, (m) => met.push({ ...m, op: op.coordinate }));
      }
    }
    // The record scope's own refusal (a required field whose record the caller may not see)
    // means a record of one tenant points at another's: none in this data.
    expect(errors.filter((e) => /^\w+ not found$/.test(e.message))).toEqual([]);
    return { met, errors, ops };
  };

  /** The strings of a value: itself, or the strings of a list. */
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

  /** Fields whose type is a person or a vacancy (or a list of one), below the operations that answered. */
  const pathsToRecords = (coordinates: Set<string>) =>
    [...coordinates].filter((c) => {
      const [type, field] = c.split('.');
      const t0 = schema.getType(type) as GraphQLObjectType | undefined;
      const f = t0?.getFields()[field];
      return f && [...PERSON_TYPES, ...VACANCY_TYPES].includes(getNamedType(f.type).name);
    });

  /** Every field leading to a person or a vacancy below an operation that gave data was met with data at least once. */
  const expectEveryPathExercised = (met: (Met & { op: string })[], answered: Set<string>) => {
    const selected = new Set(met.filter((m) => answered.has(m.op)).map((m) => m.coordinate));
    const withData = new Set(met.filter((m) => m.value !== null && !(Array.isArray(m.value) && m.value.length === 0)).map((m) => m.coordinate));
    expect(pathsToRecords(selected).filter((c) => !withData.has(c))).toEqual([]);
    return pathsToRecords(selected);
  };

  it("a platform key never meets another tenant's records, or a household across tenants, through any field of any operation", async () => {
    const { met, errors, ops } = await walk('platform', key.a);
    // B's records by every string that would give them away; the market values only below a job suggestion or an explanation.
    const market = new Set([B.open.id, B.open.title, B.employer.name]);
    const foreign = [
      ...B.people.flatMap((p) => [p.id, p.pseudonym, p.name, p.email, p.phone, p.notes, p.externalId]),
      ...B.households,
      across,
      B.employer.id,
      B.employer.externalId,
      B.closed.id,
      B.closed.title,
      B.closed.externalId,
      B.open.externalId,
      ...market,
    ];
    const leaks: string[] = [];
    for (const m of met) {
      for (const s of strings(m.value)) {
        for (const secret of foreign) {
          if (!s.includes(secret)) continue;
          const inMarket = market.has(secret) && m.ancestors.some((a) => MARKET_TYPES.includes(a));
          if (!inMarket) leaks.push(`${m.op} → ${m.coordinate} (below ${m.ancestors.join(' > ')}): ${secret}`);
        }
      }
    }
    expect(leaks).toEqual([]);

    // Every record object in the answers is A's, by the database's own word.
    const owners: string[] = [];
    for (const [type, table] of Object.entries(RECORD_TABLES)) {
      const ids = [...new Set(met.filter((m) => m.coordinate === `${type}.id`).map((m) => m.value as string))];
      const rows: { id: string; tenant: string | null }[] = await t.dataSource.query(`SELECT id, tenant FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
      expect(rows.length).toBe(ids.length);
      owners.push(...rows.filter((r) => r.tenant !== tenantA).map((r) => `${type} ${r.id} of ${r.tenant}`));
    }
    expect(owners).toEqual([]);
    // Suggested people are A's own (CandidateSummary.id is the candidate's id for a platform).
    const suggested = [...new Set(met.filter((m) => m.coordinate === 'CandidateSummary.id').map((m) => m.value as string))];
    expect(suggested.length).toBeGreaterThan(0);
    const suggestedOwners: { tenant: string }[] = await t.dataSource.query('SELECT DISTINCT tenant FROM candidate WHERE id = ANY($1::uuid[])', [suggested]);
    expect(suggestedOwners).toEqual([{ tenant: tenantA }]);

    // Another tenant's record answers as a missing one does: null, NOT_FOUND, or a refused role; never an internal error.
    expect([...new Set(errors.map((e) => e.code))].filter((c) => !['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'].includes(c as string))).toEqual([]);
    for (const e of errors) for (const secret of foreign) if (e.message.includes(secret) && !e.variables.includes(secret)) leaks.push(`${e.op} error: ${e.message}`);
    expect(leaks).toEqual([]);

    // The walk reached A's own data through every path that leads to a person or a vacancy.
    const answered = new Set(met.filter((m) => m.ancestors.length === 0 && m.value !== null).map((m) => m.op));
    const paths = expectEveryPathExercised(met, answered);
    expect(paths).toEqual(expect.arrayContaining(['Candidate.household', 'Household.members', 'Vacancy.employer', 'CandidatePage.items', 'JobSuggestion.vacancy', 'CandidateSuggestion.candidate']));
    const seen = new Set(met.flatMap((m) => strings(m.value)));
    for (const p of A.people.slice(0, 3)) expect(seen).toContain(p.name);
    // A's member of the damaged household is shown, B's is not (checked above); the household across tenants is not A's.
    const membersOfDamaged = met.filter((m) => m.coordinate === 'Household.id' && m.value === damaged);
    expect(membersOfDamaged.length).toBeGreaterThan(0);
    expect(ops.map((o) => o.coordinate)).toEqual(expect.arrayContaining(['Query.candidate', 'Query.candidates', 'Query.household', 'Mutation.updateCandidate', 'Query.jobSuggestions']));
  }, 300_000);

  it('an evaluator never meets a person by id, name or contact details, nor any record, through any field of any operation', async () => {
    const { met, errors } = await walk('evaluator', key.evaluator);
    const personal = candidates().flatMap((p) => [p.id, p.name, p.email, p.phone, p.notes, p.externalId]);
    const leaks = met.flatMap((m) => strings(m.value).flatMap((s) => personal.filter((x) => s.includes(x)).map((x) => `${m.op} → ${m.coordinate}: ${x}`)));
    expect(leaks).toEqual([]);
    expect([...new Set(met.flatMap((m) => m.ancestors).filter((a) => a in RECORD_TABLES))]).toEqual([]);
    expect([...new Set(errors.map((e) => e.code))].filter((c) => !['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'].includes(c as string))).toEqual([]);
    const answered = new Set(met.filter((m) => m.ancestors.length === 0 && m.value !== null).map((m) => m.op));
    const paths = expectEveryPathExercised(met, answered);
    expect(paths).toEqual(expect.arrayContaining(['CandidateSuggestion.candidate', 'MunicipalitySuggestion.reachable', 'JobSuggestion.vacancy']));
    // Pseudonyms are what an evaluator sees of people.
    const pseudonyms = new Set(met.filter((m) => m.coordinate === 'CandidateSummary.pseudonym').map((m) => m.value));
    expect(candidates().some((p) => pseudonyms.has(p.pseudonym))).toBe(true);
  }, 300_000);
});

describe('one tenant per household', () => {
  let t: TestApp;
  let admin: string;
  let a: string;
  let b: string;
  const tenantA = uniq('hta').toLowerCase();
  const CREATE = `mutation($i: HouseholdInput!) { createHousehold(input: $i) { id members { id } } }`;
  const person = async (k: string) => (await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput() }, k)).data!.createCandidate.id;
  const households = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM household'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    a = await t.key(Role.PLATFORM, tenantA);
    b = await t.key(Role.PLATFORM, uniq('htb').toLowerCase());
  });
  afterAll(() => t.close());

  it("refuses an admin's household across tenants, naming the member and the rule, and writes nothing", async () => {
    const ofA = await person(a);
    const ofB = await person(b);
    const ofNobody = await person(admin);
    const before = await households();
    for (const memberIds of [
      [ofA, ofB],
      [ofA, ofNobody],
      [ofNobody, ofA],
    ]) {
      const res = await t.gql(CREATE, { i: { memberIds } }, admin);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(problemsOf(res)).toEqual([expect.objectContaining({ field: 'input.memberIds[1]', rule: 'oneTenant' })]);
    }
    expect(await households()).toBe(before);
    // Each of them can still be housed: nothing was half-written.
    expect((await t.gql(CREATE, { i: { memberIds: [ofB] } }, admin)).errors).toBeUndefined();
  });

  it("gives an admin's household of one tenant's people to that tenant, so every path shows it alike", async () => {
    const first = await person(a);
    const second = await person(a);
    const h = (await t.gql<{ createHousehold: { id: string } }>(CREATE, { i: { memberIds: [first, second] } }, admin)).data!.createHousehold.id;
    const [{ tenant }] = await t.dataSource.query('SELECT tenant FROM household WHERE id = $1', [h]);
    expect(tenant).toBe(tenantA);
    const q = `query($h: ID!, $c: ID!) { household(id: $h) { id members { id } } candidate(id: $c) { household { id members { id } } } }`;
    const asA = await t.gql<{ household: { members: { id: string }[] }; candidate: { household: { id: string; members: { id: string }[] } } }>(q, { h, c: first }, a);
    expect(asA.data!.household.members.map((m) => m.id).sort()).toEqual([first, second].sort());
    expect(asA.data!.candidate.household.id).toBe(h);
    expect((await t.gql(q, { h, c: first }, b)).data).toEqual({ household: null, candidate: null });
  });
});
