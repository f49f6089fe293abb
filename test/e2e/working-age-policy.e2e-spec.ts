import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const day = (days: number, years = 0) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
type Explained = { explainMatch: { eligible: boolean; policyVersion: string; checks: { rule: string; passed: boolean; reason: string }[] } };
const EXPLAIN = `query($c: ID!, $v: ID!, $d: String, $p: PolicyOverride) { explainMatch(candidateId: $c, vacancyId: $v, onDate: $d, policy: $p, language: EN) {
  eligible policyVersion checks { rule passed reason } } }`;

/** R9.5 working age for every legal status, and dated policy versions (R18), through the API on the real database. */
describe('working age and dated policies', () => {
  let t: TestApp;
  let platform: string;
  let dishwashing: string;
  let fifteen: string;
  let seventeen: string;

  beforeAll(async () => {
    t = await startTestApp();
    platform = await t.key(Role.PLATFORM, uniq('age'));
    const e = await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Spoelkeuken BV" }) { id } }`, {}, platform);
    const employerId = e.data!.createEmployer.id;
    // An evening dishwashing job of 16 hours a week.
    const v = await t.gql<{ createVacancy: { id: string } }>(
      `mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`,
      {
        i: vacancyInput(employerId, {
          title: 'Afwasser avonddienst',
          occupationId: undefined,
          iscoCode: '9412',
          essentialSkills: [],
          optionalSkills: [],
          minDutchLevel: 'NONE',
          hoursPerWeek: 16,
          monthlyWage: 1100,
          location: { postcode: '3511' },
          startDate: day(30),
        }),
      },
      platform,
    );
    expect(v.errors).toBeUndefined();
    dishwashing = v.data!.createVacancy.id;
    const person = async (birthDate: string) => {
      const r = await t.gql<{ createCandidate: { id: string } }>(
        `mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`,
        { i: candidateInput({ birthDate, legalStatus: 'STATUS_HOLDER', location: { postcode: '3512' }, hoursAvailable: 20, ties: [], diplomas: [] }) },
        platform,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.createCandidate.id;
    };
    // 15 on the start (turns 16 some 11 months later) and 17 on the start.
    fifteen = await person(day(-10, -15));
    seventeen = await person(day(-10, -17));
  });
  afterAll(() => t.close());

  it('a 15-year-old status holder is not eligible for 16 hours of evening dishwashing: R9.5 says why', async () => {
    const r = await t.gql<Explained>(EXPLAIN, { c: fifteen, v: dishwashing }, platform);
    expect(r.errors).toBeUndefined();
    expect(r.data!.explainMatch.eligible).toBe(false);
    const age = r.data!.explainMatch.checks.find((c) => c.rule === 'R9.5')!;
    expect(age.passed).toBe(false);
    expect(age.reason).toMatch(/^Is 15 on .*at most 12 hours in a school week, not after 19:00/);
    expect(r.data!.explainMatch.checks.find((c) => c.rule === 'R9.1')!.passed).toBe(true);
  });

  it('a 17-year-old may be, with the limits for young workers stated', async () => {
    const r = await t.gql<Explained>(EXPLAIN, { c: seventeen, v: dishwashing }, platform);
    expect(r.data!.explainMatch.eligible).toBe(true);
    expect(r.data!.explainMatch.checks.find((c) => c.rule === 'R9.5')).toMatchObject({ passed: true, reason: expect.stringContaining('no night work (23:00-06:00)') });
  });

  it('the suggestion lists agree: the vacancy lists the 17-year-old only, and the 15-year-old is offered it only as ineligible', async () => {
    const people = await t.gql<{ candidateSuggestions: { items: { candidate: { id: string } }[] } }>(
      `query($v: ID!) { candidateSuggestions(vacancyId: $v, take: 100) { items { candidate { id } } } }`,
      { v: dishwashing },
      platform,
    );
    const ids = people.data!.candidateSuggestions.items.map((i) => i.candidate.id);
    expect(ids).toContain(seventeen);
    expect(ids).not.toContain(fifteen);
    const jobs = `query($c: ID!, $f: JobFilter) { jobSuggestions(candidateId: $c, take: 100, filter: $f) { items { vacancyId eligible checks { rule passed } } } }`;
    const own = await t.gql<{ jobSuggestions: { items: { vacancyId: string; eligible: boolean; checks: { rule: string; passed: boolean }[] }[] } }>(jobs, { c: fifteen, f: { iscoGroups: ['9412'] } }, platform);
    expect(own.data!.jobSuggestions.items.map((i) => i.vacancyId)).not.toContain(dishwashing);
    const all = await t.gql<{ jobSuggestions: { items: { vacancyId: string; eligible: boolean; checks: { rule: string; passed: boolean }[] }[] } }>(jobs, { c: fifteen, f: { iscoGroups: ['9412'], includeIneligible: true } }, platform);
    const item = all.data!.jobSuggestions.items.find((i) => i.vacancyId === dishwashing)!;
    expect(item).toMatchObject({ eligible: false });
    expect(item.checks.find((c) => c.rule === 'R9.5')!.passed).toBe(false);
    const older = await t.gql<{ jobSuggestions: { items: { vacancyId: string }[] } }>(jobs, { c: seventeen, f: { iscoGroups: ['9412'] } }, platform);
    expect(older.data!.jobSuggestions.items.map((i) => i.vacancyId)).toContain(dishwashing);
  });

  it('onDate picks the policy version in force on either side of 1 January 2026, and the answer names it', async () => {
    const before = await t.gql<Explained>(EXPLAIN, { c: seventeen, v: dishwashing, d: '2025-12-31' }, platform);
    const after = await t.gql<Explained>(EXPLAIN, { c: seventeen, v: dishwashing, d: '2026-01-01' }, platform);
    expect(before.data!.explainMatch.policyVersion).toMatch(/^nl-2025-07@[0-9a-f]{12}$/);
    expect(after.data!.explainMatch.policyVersion).toMatch(/^nl-2026-01@[0-9a-f]{12}$/);
    const q = `query($d: String) { policyDefaults(onDate: $d) { name version effectiveFrom statutoryMinimumWagePerMonth sources workingAge { minimumAge lightWorkMaxHoursPerWeek } } }`;
    const old = await t.gql<{ policyDefaults: { name: string; version: string; effectiveFrom: string; statutoryMinimumWagePerMonth: number; sources: string[] } }>(q, { d: '2025-12-31' });
    const cur = await t.gql<{ policyDefaults: { name: string; version: string; effectiveFrom: string; statutoryMinimumWagePerMonth: number; sources: string[] } }>(q, { d: '2026-01-01' });
    expect(old.data!.policyDefaults).toMatchObject({ name: 'nl-2025-07', effectiveFrom: '2025-07-01', statutoryMinimumWagePerMonth: 2245.8, version: before.data!.explainMatch.policyVersion });
    expect(cur.data!.policyDefaults).toMatchObject({ name: 'nl-2026-01', effectiveFrom: '2026-01-01', statutoryMinimumWagePerMonth: 2294.4, version: after.data!.explainMatch.policyVersion });
    expect(cur.data!.policyDefaults.sources.find((s) => s.startsWith('params.statutoryMinimumWagePerMonth'))).toContain('14.71');
    const bad = await t.gql(q, { d: '31-12-2025' });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('a what-if starts from a named version (basePolicy) to compare versions; an unknown one is refused naming the field', async () => {
    const old = await t.gql<Explained>(EXPLAIN, { c: seventeen, v: dishwashing, p: { basePolicy: 'nl-2025-07' } }, platform);
    expect(old.data!.explainMatch.policyVersion).toMatch(/^nl-2025-07@/);
    const variant = await t.gql<Explained>(EXPLAIN, { c: seventeen, v: dishwashing, p: { basePolicy: 'nl-2025-07', tieRadiusKm: 30 } }, platform);
    expect(variant.data!.explainMatch.policyVersion).toMatch(/^nl-2025-07@/);
    expect(variant.data!.explainMatch.policyVersion).not.toBe(old.data!.explainMatch.policyVersion);
    const bad = await t.gql(EXPLAIN, { c: seventeen, v: dishwashing, p: { basePolicy: 'nl-1999-01' } }, platform);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'policy.basePolicy', rule: 'shippedVersion' }] });
    const versions = await t.gql<{ policyVersions: { name: string; effectiveFrom: string }[] }>(`{ policyVersions { name effectiveFrom } }`);
    expect(versions.data!.policyVersions).toEqual([
      { name: 'nl-2025-07', effectiveFrom: '2025-07-01' },
      { name: 'nl-2026-01', effectiveFrom: '2026-01-01' },
    ]);
  });

  it('a what-if run compares two shipped versions: the one in force as baseline, a named one as variant', async () => {
    const admin = await t.key(Role.ADMIN);
    const c = await t.gql<{ createCandidate: { id: string } }>(
      `mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`,
      { i: candidateInput({ birthDate: '1990-01-01', permitDate: day(-5), ties: [] }) },
      admin,
    );
    const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: [c.data!.createCandidate.id] } }, admin);
    const run = await t.gql<{ runScenario: { status: string; baselinePolicyVersion: string; variantPolicyVersion: string } }>(
      `mutation($i: ScenarioInput!) { runScenario(input: $i) { status error baselinePolicyVersion variantPolicyVersion } }`,
      { i: { name: 'july 2025 against today', cohort: { householdIds: [h.data!.createHousehold.id] }, policy: { basePolicy: 'nl-2025-07' }, wait: true } },
      await t.key(Role.EVALUATOR),
    );
    expect(run.errors).toBeUndefined();
    const today = await t.gql<{ policyDefaults: { version: string } }>(`{ policyDefaults { version } }`);
    expect(run.data!.runScenario).toMatchObject({ status: 'DONE', baselinePolicyVersion: today.data!.policyDefaults.version, variantPolicyVersion: expect.stringMatching(/^nl-2025-07@/) });
  }, 120_000); // a what-if run (wait: true) of its own: room for a busy machine
});
