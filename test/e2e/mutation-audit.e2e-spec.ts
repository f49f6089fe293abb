import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isObjectType } from 'graphql';
import { fitOutcomeModel, generateHistory } from '@kansrijk/outcome';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { operations, type Operation } from '../helpers/schema-walk';
import { startTestApp, TestApp } from '../helpers/test-app';

const PERIOD = '2045-H1';

/**
 * R19, R20: every mutation leaves an audit entry. The schema's mutations are walked: each must
 * have a step below (a new mutation without one fails the first test), and each step runs the
 * mutation once with valid input and checks that at least one audit entry was written for it,
 * by the caller's role. Steps run in order, as later ones use what earlier ones made.
 */
describe('every mutation leaves an audit entry', () => {
  let t: TestApp;
  const keys: Partial<Record<Role, string>> = {};
  const made: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of [Role.ADMIN, Role.ADVISER, Role.EVALUATOR]) keys[role] = await t.key(role);
  }, 60_000);
  afterAll(async () => {
    // Leave the labour-demand figures and the outcome model as a fresh install has them, for the files after this one.
    const { ensureLabourDemand } = await import('../../apps/api/src/modules/labour-demand/labour-demand.service');
    await t.dataSource.transaction(async (tx) => {
      await tx.query('DELETE FROM labour_demand');
      await ensureLabourDemand(tx);
    });
    await t.gql(`mutation { unloadOutcomeModel }`, {}, keys.ADMIN);
    await t.close();
  });

  type Step = { role: Role; args: () => Record<string, unknown> | Promise<Record<string, unknown>>; keep?: (answer: Record<string, unknown>) => void };
  const id = (name: string) => (a: Record<string, unknown>) => {
    made[name] = a.id as string;
  };
  const STEPS: [string, Step][] = [
    ['Mutation.createCandidate', { role: Role.ADMIN, args: () => ({ input: candidateInput({ ties: [] }) }), keep: id('candidate') }],
    ['Mutation.updateCandidate', { role: Role.ADMIN, args: () => ({ id: made.candidate, input: { hoursAvailable: 30 } }) }],
    ['Mutation.importCandidates', { role: Role.ADMIN, args: () => ({ input: [candidateInput({ externalId: uniq('audit') })] }) }],
    ['Mutation.createHousehold', { role: Role.ADMIN, args: () => ({ input: { memberIds: [made.candidate] } }), keep: id('household') }],
    ['Mutation.updateHousehold', { role: Role.ADVISER, args: () => ({ id: made.household, input: { size: 2 } }) }],
    [
      'Mutation.deleteHousehold',
      {
        // A household of its own: the walk's household gets a link decision, after which it is kept (R19).
        role: Role.ADVISER,
        args: async () => {
          const c = await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ ties: [] }) }, keys.ADMIN);
          const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: [c.data!.createCandidate.id] } }, keys.ADMIN);
          return { id: h.data!.createHousehold.id };
        },
      },
    ],
    ['Mutation.createEmployer', { role: Role.ADMIN, args: () => ({ input: { name: uniq('Audit BV') } }), keep: id('employer') }],
    ['Mutation.createVacancy', { role: Role.ADMIN, args: () => ({ input: vacancyInput(made.employer) }), keep: id('vacancy') }],
    ['Mutation.updateVacancy', { role: Role.ADMIN, args: () => ({ id: made.vacancy, input: { hoursPerWeek: 30 } }) }],
    ['Mutation.importVacancies', { role: Role.ADMIN, args: () => ({ input: [vacancyInput(made.employer, { externalId: uniq('audit') })] }) }],
    ['Mutation.closeVacancy', { role: Role.ADMIN, args: () => ({ id: made.vacancy }) }],
    ['Mutation.setHousingNationalTotal', { role: Role.ADMIN, args: () => ({ period: PERIOD, total: 12_000 }) }],
    ['Mutation.importLabourDemand', { role: Role.ADMIN, args: () => ({ input: { source: 'audit walk', rows: [{ regionCode: 'AM01', iscoGroup: '51', tension: 1.2 }] } }) }],
    ['Mutation.recordLinkDecision', { role: Role.ADVISER, args: () => ({ input: { householdId: made.household, municipalityCode: 'GM0772', reason: 'audit walk', period: PERIOD } }) }],
    ['Mutation.planPlacement', { role: Role.ADVISER, args: () => ({ input: { householdIds: [made.household], period: PERIOD } }) }],
    ['Mutation.startPlacementJob', { role: Role.ADVISER, args: () => ({ input: { householdIds: [made.household], period: PERIOD } }), keep: id('placementJob') }],
    ['Mutation.cancelPlacementJob', { role: Role.ADVISER, args: () => ({ id: made.placementJob }) }],
    ['Mutation.runScenario', { role: Role.EVALUATOR, args: () => ({ input: { name: uniq('audit'), cohort: { householdIds: [made.household] }, policy: { tieRadiusKm: 30 }, period: PERIOD } }), keep: id('scenario') }],
    ['Mutation.cancelScenario', { role: Role.EVALUATOR, args: () => ({ id: made.scenario }) }],
    ['Mutation.recomputePlacePrices', { role: Role.ADMIN, args: () => ({ input: { period: PERIOD } }) }],
    ['Mutation.simulateArrivals', { role: Role.EVALUATOR, args: () => ({ input: { name: uniq('audit'), households: 40 } }) }],
    ['Mutation.createApiKey', { role: Role.ADMIN, args: () => ({ input: { role: 'ADVISER', label: uniq('audit key') } }), keep: (a) => (made.apiKey = (a.apiKey as { id: string }).id) }],
    ['Mutation.revokeApiKey', { role: Role.ADMIN, args: () => ({ id: made.apiKey }) }],
    [
      'Mutation.loadOutcomeModel',
      {
        role: Role.ADMIN,
        args: () => {
          const municipalities = [8_000, 120_000].map((population, i) => ({ code: `GM${9000 + i}`, regionCode: 'AM01', population }));
          const file = fitOutcomeModel(generateHistory({ rows: 600, seed: 3, municipalities }).records, { name: 'audit-walk', createdAt: '2026-01-01T00:00:00Z', dataHash: 'test', bootstrap: 2 });
          return { input: { model: JSON.stringify(file) } };
        },
      },
    ],
    ['Mutation.unloadOutcomeModel', { role: Role.ADMIN, args: () => ({}) }],
    ['Mutation.deleteCandidate', { role: Role.ADMIN, args: () => ({ id: made.candidate }) }],
  ];

  const request = (op: Operation, args: Record<string, unknown>) => {
    const used = op.field.args.filter((a) => a.name in args);
    const declared = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const passed = used.map((a) => `${a.name}: $${a.name}`).join(', ');
    const named = getNamedType(op.field.type);
    const selection = isObjectType(named) ? ` { ${'id' in named.getFields() ? 'id' : '__typename'}${'apiKey' in named.getFields() ? ' apiKey { id }' : ''} }` : '';
    return `mutation${declared ? ` (${declared})` : ''} { ${op.field.name}${passed ? `(${passed})` : ''}${selection} }`;
  };

  it('has a step for every mutation of the schema', () => {
    const mutations = operations(t.app.get(GraphQLSchemaHost).schema).filter((o) => o.kind === 'mutation').map((o) => o.coordinate).sort();
    const stepped = STEPS.map(([name]) => name);
    expect({ withoutStep: mutations.filter((m) => !stepped.includes(m)), gone: stepped.filter((s) => !mutations.includes(s)) }).toEqual({ withoutStep: [], gone: [] });
  });

  it('writes at least one audit entry, by the caller\'s role, for each mutation run once with valid input', async () => {
    const ops = new Map(operations(t.app.get(GraphQLSchemaHost).schema).map((o) => [o.coordinate, o]));
    const unaudited: string[] = [];
    for (const [name, step] of STEPS) {
      const op = ops.get(name);
      if (!op) continue; // reported by the test above
      const [{ last }] = await t.dataSource.query(`SELECT coalesce(max(id), 0)::text AS last FROM audit_event`);
      const variables = await step.args();
      const res = await t.gql<Record<string, Record<string, unknown>>>(request(op, variables), variables, keys[step.role]);
      expect({ name, errors: res.errors }).toEqual({ name, errors: undefined });
      step.keep?.(res.data![op.field.name]);
      const entries: { action: string }[] = await t.dataSource.query(`SELECT action FROM audit_event WHERE id > $1::bigint AND actor_role = $2`, [last, step.role]);
      if (entries.length === 0) unaudited.push(name);
    }
    expect(unaudited).toEqual([]);
  }, 180_000);

  it('audits a refused link decision too, with the rule it broke', async () => {
    const seeker = await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ legalStatus: 'ASYLUM_SEEKER', permitDate: null, ties: [] }) }, keys.ADMIN);
    const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: [seeker.data!.createCandidate.id] } }, keys.ADMIN);
    const householdId = h.data!.createHousehold.id;
    const res = await t.gql(`mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) { id } }`, { i: { householdId, municipalityCode: 'GM0772', reason: 'refused', period: PERIOD } }, keys.ADVISER);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const rows: { actor_role: string; details: { problems: { rule: string }[] } }[] = await t.dataSource.query(
      `SELECT actor_role, details FROM audit_event WHERE action = 'link.decision.refused' AND $1 = ANY(subject_refs)`,
      [householdId],
    );
    expect(rows.map((r) => [r.actor_role, r.details.problems.map((p) => p.rule)])).toEqual([['ADVISER', ['R2']]]);
    const missing = await t.gql(`mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) { id } }`, { i: { householdId: '00000000-0000-4000-8000-0000000000ab', municipalityCode: 'GM0772', reason: 'refused' } }, keys.ADVISER);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'link.decision.refused' AND '00000000-0000-4000-8000-0000000000ab' = ANY(subject_refs)`)).toEqual([{ n: 1 }]);
  });
});
