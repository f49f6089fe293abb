import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const { ADMIN, ADVISER, PLATFORM, EVALUATOR } = Role;
const PUBLIC = 'PUBLIC' as const;
type Rule = typeof PUBLIC | Role[];

/**
 * The role × operation matrix (issue 7 item 2; the README's "Access and roles" has the same
 * table). Every query and mutation of the schema must have a row here: add one when you
 * add an operation. Reference data and `about` are public; platforms read and write their
 * own records; advisers read households and candidates and record link decisions;
 * evaluators run scenarios and see aggregates and pseudonyms only; admins manage keys, policies and
 * reference data.
 */
const MATRIX: Record<string, Rule> = {
  // Reference data (no personal data)
  'Query.about': PUBLIC,
  'Query.municipality': PUBLIC,
  'Query.municipalities': PUBLIC,
  'Query.labourMarketRegions': PUBLIC,
  'Query.occupations': PUBLIC,
  'Query.skills': PUBLIC,
  'Query.postcode': PUBLIC,
  'Query.housingNationalTotals': PUBLIC,
  'Query.labourDemandInfo': PUBLIC,
  'Query.labourDemand': PUBLIC,
  'Query.policyDefaults': PUBLIC,
  'Query.policyVersions': PUBLIC,
  'Mutation.setHousingNationalTotal': [ADMIN],
  'Mutation.importLabourDemand': [ADMIN],
  // Candidates and households: personal data
  'Query.candidate': [ADMIN, ADVISER, PLATFORM],
  'Query.candidates': [ADMIN, ADVISER, PLATFORM],
  'Mutation.createCandidate': [ADMIN, PLATFORM],
  'Mutation.updateCandidate': [ADMIN, PLATFORM],
  'Mutation.deleteCandidate': [ADMIN, PLATFORM],
  'Mutation.importCandidates': [ADMIN, PLATFORM],
  'Query.household': [ADMIN, ADVISER, PLATFORM],
  'Query.households': [ADMIN, ADVISER, PLATFORM],
  'Query.householdQueue': [ADMIN, ADVISER],
  // Advisers compose households at COA; platforms and admins for their own people
  'Mutation.createHousehold': [ADMIN, ADVISER, PLATFORM],
  'Mutation.updateHousehold': [ADMIN, ADVISER, PLATFORM],
  'Mutation.deleteHousehold': [ADMIN, ADVISER, PLATFORM],
  // Employers and vacancies: a platform's own, read by advisers too
  'Mutation.createEmployer': [ADMIN, PLATFORM],
  'Query.vacancy': [ADMIN, ADVISER, PLATFORM],
  'Query.vacancies': [ADMIN, ADVISER, PLATFORM],
  'Mutation.createVacancy': [ADMIN, PLATFORM],
  'Mutation.updateVacancy': [ADMIN, PLATFORM],
  'Mutation.closeVacancy': [ADMIN, PLATFORM],
  'Mutation.importVacancies': [ADMIN, PLATFORM],
  // Keys and the audit trail
  'Query.apiKeys': [ADMIN],
  'Mutation.createApiKey': [ADMIN],
  'Mutation.revokeApiKey': [ADMIN],
  'Query.auditLog': [ADMIN],
  'Query.whoami': [ADMIN, ADVISER, PLATFORM, EVALUATOR],
  // Suggestions: platforms for their own people; evaluators by pseudonym only, to see how a
  // person's list changes under a policy variant (issue 5), never names or contact details
  'Query.jobSuggestions': [ADMIN, ADVISER, PLATFORM, EVALUATOR],
  'Query.candidateSuggestions': [ADMIN, ADVISER, PLATFORM, EVALUATOR],
  'Query.municipalitySuggestions': [ADMIN, ADVISER, PLATFORM, EVALUATOR],
  'Query.explainMatch': [ADMIN, ADVISER, PLATFORM, EVALUATOR],
  'Query.explainLink': [ADMIN, ADVISER, PLATFORM, EVALUATOR],
  // Linking: advisers decide (R19); cohort plans for advisers and evaluators; what-if for evaluators
  'Mutation.recordLinkDecision': [ADMIN, ADVISER],
  'Query.linkDecisions': [ADMIN, ADVISER, PLATFORM],
  'Query.checkRelinking': [ADMIN, ADVISER],
  'Query.linkDecisionReport': [ADMIN, EVALUATOR],
  'Mutation.planPlacement': [ADMIN, ADVISER, EVALUATOR],
  'Mutation.startPlacementJob': [ADMIN, ADVISER, EVALUATOR],
  'Query.placementJob': [ADMIN, ADVISER, EVALUATOR],
  'Mutation.cancelPlacementJob': [ADMIN, ADVISER, EVALUATOR],
  'Mutation.runScenario': [ADMIN, EVALUATOR],
  'Mutation.cancelScenario': [ADMIN, EVALUATOR],
  'Query.scenario': [ADMIN, EVALUATOR],
  'Query.scenarios': [ADMIN, EVALUATOR],
  // Prices of places (R11): computed on an admin's request (or the schedule); read by those who link and evaluate
  'Mutation.recomputePlacePrices': [ADMIN],
  'Query.placePriceJob': [ADMIN],
  'Query.placePrices': [ADMIN, ADVISER, EVALUATOR],
  // Arrival simulations: evaluators, like what-if runs
  'Mutation.simulateArrivals': [ADMIN, EVALUATOR],
  'Query.simulation': [ADMIN, EVALUATOR],
  // The outcome model: its honesty report for every role with a key; loaded and unloaded by admins (audited)
  'Query.outcomeModel': [ADMIN, ADVISER, PLATFORM, EVALUATOR],
  'Mutation.loadOutcomeModel': [ADMIN],
  'Mutation.unloadOutcomeModel': [ADMIN],
};

const CALLERS: (Role | 'none')[] = [ADMIN, ADVISER, PLATFORM, EVALUATOR, 'none'];
const DUMMY_ID = '00000000-0000-4000-8000-0000000000aa';

/**
 * A syntactically valid literal for a required argument, chosen to be refused by the
 * argument rules (empty strings, -1) so that an allowed call changes as little as possible.
 */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'ID':
      return `"${DUMMY_ID}"`;
    case 'Int':
      return '-1';
    case 'Float':
      return '-1.5';
    case 'Boolean':
      return 'false';
    case 'DateTime':
      return '"2000-01-01T00:00:00.000Z"';
    default:
      return '""';
  }
}

/** `query { op(requiredArgs) { __typename } }` for one operation. */
function minimalRequest(kind: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => `${a.name}: ${literal(a.type)}`);
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind === 'Query' ? 'query' : 'mutation'} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

function operations(schema: GraphQLSchema): { name: string; kind: 'Query' | 'Mutation'; field: GraphQLField<unknown, unknown> }[] {
  return ([schema.getQueryType(), schema.getMutationType()].filter(Boolean) as GraphQLObjectType[]).flatMap((type) =>
    Object.values(type.getFields()).map((field) => ({ name: `${type.name}.${field.name}`, kind: type.name as 'Query' | 'Mutation', field })),
  );
}

describe('role × operation matrix', () => {
  let t: TestApp;
  const keys = new Map<Role | 'none', string | undefined>();

  beforeAll(async () => {
    t = await startTestApp();
    keys.set(ADMIN, await t.key(ADMIN));
    keys.set(ADVISER, await t.key(ADVISER));
    keys.set(PLATFORM, await t.key(PLATFORM, uniq('matrix').toLowerCase()));
    keys.set(EVALUATOR, await t.key(EVALUATOR));
    keys.set('none', undefined);
  });
  afterAll(() => t.close());

  it('has a row for every query and mutation of the schema, and none for operations that are gone', () => {
    const inSchema = operations(t.app.get(GraphQLSchemaHost).schema).map((o) => o.name).sort();
    expect({ missingFromMatrix: inSchema.filter((o) => !(o in MATRIX)), notInSchema: Object.keys(MATRIX).filter((o) => !inSchema.includes(o)) }).toEqual({
      missingFromMatrix: [],
      notInSchema: [],
    });
  });

  it('refuses exactly the roles the matrix leaves out (FORBIDDEN, or UNAUTHENTICATED without a key) and lets the others through', async () => {
    const problems: string[] = [];
    let refused = 0;
    for (const op of operations(t.app.get(GraphQLSchemaHost).schema)) {
      const rule = MATRIX[op.name];
      if (!rule) continue; // reported by the test above
      const query = minimalRequest(op.kind, op.field);
      for (const caller of CALLERS) {
        const res = await t.gql(query, {}, keys.get(caller));
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        const allowed = rule === PUBLIC || (caller !== 'none' && rule.includes(caller));
        const expected = caller === 'none' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        if (allowed && codes.some((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED')) problems.push(`${op.name} as ${caller}: refused (${codes.join(', ')}) but the matrix allows it`);
        if (!allowed) {
          const nothing = res.data === null || Object.values(res.data ?? {}).every((v) => v === null); // a nullable field answers null
          if (codes.length !== 1 || codes[0] !== expected || !nothing) problems.push(`${op.name} as ${caller}: expected ${expected}, got ${JSON.stringify(res.errors ?? res.data)}`);
          else refused++;
        }
        if (codes.includes('GRAPHQL_VALIDATION_FAILED') || codes.includes('INTERNAL_SERVER_ERROR')) problems.push(`${op.name} as ${caller}: ${codes.join(', ')} for ${query}`);
      }
    }
    expect(problems).toEqual([]);
    expect(refused).toBeGreaterThan(40); // the requests did reach the access check
  }, 120_000);

  it('keeps monitoring attributes (R17) to ADMIN even where a role may read the candidate', async () => {
    const created = await t.gql<{ createCandidate: { id: string } }>(
      `mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`,
      { i: candidateInput({ monitoring: { nationality: 'SY', gender: 'FEMALE' } }) },
      keys.get(PLATFORM),
    );
    const id = created.data!.createCandidate.id;
    const query = `query($id: ID!) { candidate(id: $id) { id monitoring { nationality gender } } }`;
    const asAdmin = await t.gql<{ candidate: { monitoring: unknown } }>(query, { id }, keys.get(ADMIN));
    expect(asAdmin.data!.candidate.monitoring).toEqual({ nationality: 'SY', gender: 'FEMALE' });
    const asAdviser = await t.gql(query, { id }, keys.get(ADVISER));
    expect(asAdviser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(asAdviser)).not.toContain('SY');
  });
});
