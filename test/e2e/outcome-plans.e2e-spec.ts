import { fitOutcomeModel, generateHistory, type OutcomeModelFile } from '@kansrijk/outcome';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Plans weigh the outcome model as the suggestions do (R14, R16): under a policy that gives
 * linkWeights.expectedEmployment a weight and with a model loaded, planPlacement (on the API
 * thread and as a job in a worker thread) scores each chosen pair exactly as
 * municipalitySuggestions scores it, and names the model; a what-if variant that only raises that
 * weight plans with the model, and its plan changes with it.
 */
const PLAN_FIELDS = `policyVersion outcomeModelVersion placed assignments { householdId municipalityCode score }`;
type Plan = { policyVersion: string; outcomeModelVersion: string | null; placed: number; assignments: { householdId: string; municipalityCode: string; score: number }[] };
const SCORES = `query($h: ID!, $p: PolicyOverride) { municipalitySuggestions(householdId: $h, take: 1, policy: $p) {
  policyVersion outcomeModelVersion scores { municipalityCode score } } }`;
type Scores = { municipalitySuggestions: { policyVersion: string; outcomeModelVersion: string | null; scores: { municipalityCode: string; score: number | null }[] } };
const METRICS = `householdsPlaced meanLinkScore objective expectedEmployment { modelVersion expected }`;
const RUN = `mutation($i: ScenarioInput!) { runScenario(input: $i) { status error changedHouseholds
  baselinePolicyVersion variantPolicyVersion baselineOutcomeModelVersion variantOutcomeModelVersion
  baseline { ${METRICS} } variant { ${METRICS} } difference { ${METRICS} } } }`;
type M = { householdsPlaced: number; meanLinkScore: number | null; objective: number; expectedEmployment: { modelVersion: string; expected: number } | null };
type Run = {
  runScenario: {
    status: string;
    error: string | null;
    changedHouseholds: number;
    baselineOutcomeModelVersion: string | null;
    variantOutcomeModelVersion: string | null;
    baseline: M;
    variant: M;
    difference: M;
  };
};

describe('plans weigh the outcome model where the policy does', () => {
  let t: TestApp;
  let admin: string;
  let adviser: string;
  let evaluator: string;
  let file: OutcomeModelFile;
  const households: string[] = [];
  const weighted = { linkWeights: { expectedEmployment: 0.9 } };

  beforeAll(async () => {
    const municipalities = [5_000, 20_000, 60_000, 150_000, 900_000].map((population, i) => ({ code: `GM${9100 + i}`, regionCode: `AM0${1 + (i % 3)}`, population }));
    file = fitOutcomeModel(generateHistory({ rows: 3_000, seed: 21, municipalities }).records, { name: 'plans-e2e', createdAt: '2026-01-01T00:00:00Z', dataHash: 'test', bootstrap: 10 });
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    adviser = await t.key(Role.ADVISER);
    evaluator = await t.key(Role.EVALUATOR);
    await t.gql(`mutation { unloadOutcomeModel }`, {}, admin);
    const make = async (over: Record<string, unknown>) => {
      const c = await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ externalId: uniq('op'), ties: [], ...over }) }, admin);
      expect(c.errors).toBeUndefined();
      return c.data!.createCandidate.id;
    };
    // Households unlike each other (language, age, hours, where they live): every adult counts (R16).
    const people: Record<string, unknown>[][] = [
      [{}],
      [{ dutchLevel: 'NONE', birthDate: '1970-02-02', location: { postcode: '9711' } }, { dutchLevel: 'B2', location: { postcode: '9711' } }],
      [{ dutchLevel: 'B1', birthDate: '2000-06-06', hoursAvailable: 40, location: { postcode: '6211' } }],
      [{ dutchLevel: 'A1', location: { postcode: '4331' }, maxTravelKm: 15 }, { dutchLevel: 'NONE', birthDate: '1980-01-01', location: { postcode: '4331' } }],
      [{ dutchLevel: 'B1', location: { postcode: '3011' } }],
      [{ dutchLevel: 'A2', birthDate: '1995-05-05', location: { postcode: '5611' } }],
    ];
    for (const members of people) {
      const ids: string[] = [];
      for (const m of members) ids.push(await make(m));
      const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: ids, size: ids.length + 1 } }, admin);
      expect(h.errors).toBeUndefined();
      households.push(h.data!.createHousehold.id);
    }
    const employer = await t.gql<{ createEmployer: { id: string } }>(`mutation($i: EmployerInput!) { createEmployer(input: $i) { id } }`, { i: { name: 'Plans BV', externalId: uniq('emp') } }, admin);
    for (const pc of ['1012', '1012', '3011', '5611', '9711', '6211', '4331', '2511']) {
      const v = await t.gql(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employer.data!.createEmployer.id, { location: { postcode: pc } }) }, admin);
      expect(v.errors).toBeUndefined();
    }
  }, 180_000); // a fit and an app boot: slow when the machine is shared
  afterAll(async () => {
    await t.gql(`mutation { unloadOutcomeModel }`, {}, admin);
    await t.close();
  });

  const load = async () => {
    const r = await t.gql(`mutation($i: OutcomeModelInput!) { loadOutcomeModel(input: $i) { version } }`, { i: { model: JSON.stringify(file) } }, admin);
    expect(r.errors).toBeUndefined();
  };
  const scenario = async (name: string) => {
    const r = await t.gql<Run>(RUN, { i: { name: uniq(name), cohort: { householdIds: households }, policy: weighted, wait: true } }, evaluator);
    expect(r.errors).toBeUndefined();
    expect(r.data!.runScenario).toMatchObject({ status: 'DONE', error: null });
    return r.data!.runScenario;
  };
  const plan = async (policy: Record<string, unknown> | null) => {
    const r = await t.gql<{ planPlacement: Plan }>(`mutation($i: PlacementInput!) { planPlacement(input: $i) { ${PLAN_FIELDS} } }`, { i: { householdIds: households, period: '2035-H1', policy } }, admin);
    expect(r.errors).toBeUndefined();
    return r.data!.planPlacement;
  };
  /** Each chosen pair's score as municipalitySuggestions gives it under the same policy. */
  const suggested = async (p: Plan, policy: Record<string, unknown>) => {
    const out: number[] = [];
    for (const a of p.assignments) {
      const r = await t.gql<Scores>(SCORES, { h: a.householdId, p: policy }, adviser);
      expect(r.errors).toBeUndefined();
      expect(r.data!.municipalitySuggestions.outcomeModelVersion).toBe(file.version);
      out.push(r.data!.municipalitySuggestions.scores.find((s) => s.municipalityCode === a.municipalityCode)!.score!);
    }
    return out;
  };

  let withoutModel: Run['runScenario'];

  it('without a model: a variant that raises the weight names no model and plans without one', async () => {
    withoutModel = await scenario('no-model');
    expect(withoutModel.baselineOutcomeModelVersion).toBeNull();
    expect(withoutModel.variantOutcomeModelVersion).toBeNull();
    expect(withoutModel.variant.expectedEmployment).toBeNull();
    expect((await plan(weighted)).outcomeModelVersion).toBeNull();
  }, 180_000);

  it('with a model: the variant that only raises linkWeights.expectedEmployment plans with it, the baseline as before', async () => {
    await load();
    const s = await scenario('weighted');
    expect(s.baselineOutcomeModelVersion).toBeNull(); // the baseline policy gives it no weight
    expect(s.variantOutcomeModelVersion).toBe(file.version);
    // The baseline's plan is the one it was without a model; the variant's is not.
    expect(s.baseline.objective).toBeCloseTo(withoutModel.baseline.objective, 10);
    expect(s.baseline.meanLinkScore).toBeCloseTo(withoutModel.baseline.meanLinkScore!, 10);
    expect(Math.abs(s.variant.objective - withoutModel.variant.objective)).toBeGreaterThan(1e-6);
    // Weighed at 0.9, the variant places households where the model expects more adults in work.
    expect(s.changedHouseholds).toBeGreaterThan(0);
    expect(s.variant.householdsPlaced).toBe(s.baseline.householdsPlaced);
    expect(s.variant.expectedEmployment!.modelVersion).toBe(file.version);
    expect(s.difference.expectedEmployment!.expected).toBeGreaterThan(0);
  }, 180_000);

  it('planPlacement under the weighted policy names the model and scores each chosen pair as municipalitySuggestions does', async () => {
    const p = await plan(weighted);
    expect(p.outcomeModelVersion).toBe(file.version);
    expect(p.placed).toBe(households.length);
    const want = await suggested(p, weighted);
    p.assignments.forEach((a, i) => expect(a.score).toBeCloseTo(want[i], 12));
    // Without the weight the plan neither uses nor names the model; the audit entry names it where it was used.
    const plain = await plan(null);
    expect(plain.outcomeModelVersion).toBeNull();
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'placement.planned' ORDER BY id DESC OFFSET 1 LIMIT 1`);
    expect(audit.details.outcomeModelVersion).toBe(file.version);
  }, 120_000);

  it('a plan run as a job in a worker thread gets the model with the job and scores the same', async () => {
    const sync = await plan(weighted);
    const started = await t.gql<{ startPlacementJob: { id: string } }>(`mutation($i: PlacementInput!) { startPlacementJob(input: $i) { id } }`, { i: { householdIds: households, period: '2035-H1', policy: weighted } }, admin);
    expect(started.errors).toBeUndefined();
    const id = started.data!.startPlacementJob.id;
    type Job = { status: string; error: string | null; plan: Plan | null };
    let job: Job | null = null;
    for (let i = 0; i < 600; i++) {
      const r = await t.gql<{ placementJob: Job | null }>(`query($id: ID!) { placementJob(id: $id) { status error plan { ${PLAN_FIELDS} } } }`, { id }, admin);
      job = r.data!.placementJob;
      if (job && ['DONE', 'FAILED', 'CANCELLED'].includes(job.status)) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(job).toMatchObject({ status: 'DONE', error: null });
    expect(job!.plan!.outcomeModelVersion).toBe(file.version);
    expect(job!.plan!.assignments.map((a) => [a.householdId, a.municipalityCode])).toEqual(sync.assignments.map((a) => [a.householdId, a.municipalityCode]));
    job!.plan!.assignments.forEach((a, i) => expect(a.score).toBeCloseTo(sync.assignments[i].score, 12));
  }, 180_000);
});
