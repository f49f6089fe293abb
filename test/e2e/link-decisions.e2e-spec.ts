import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, ESCO, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATE_CANDIDATE = `mutation($input: CandidateInput!) { createCandidate(input: $input) { id pseudonym } }`;
const CREATE_HOUSEHOLD = `mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`;
const DECIDE = `mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) {
  id municipalityCode period relink override overriddenRules justification checks { rule passed reasonNl reasonEn } } }`;
const CHECK = `query($h: ID!, $i: RelinkingInput!) { checkRelinking(householdId: $h, input: $i, language: EN) {
  allowed currentMunicipalityCode currentRegionCode jobIscoCode jobMunicipalityCode jobRegionCode comparableVacanciesInCurrentRegion policyVersion
  checks { rule passed reason reasonNl reasonEn } } }`;
const SUGGEST = `query($h: ID!) { municipalitySuggestions(householdId: $h, take: 5, language: EN) { feasible reason reasonNl items { municipalityCode } } }`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// Every decision of this file counts against a half-year of its own, so the report below sees only them.
const PERIOD = '2033-H1';
const FULL_PERIOD = '2033-H2';

type Decision = { id: string; municipalityCode: string; relink: boolean; override: boolean; overriddenRules: string[]; justification: string | null; checks: { rule: string; passed: boolean; reasonNl: string; reasonEn: string }[] };
type Problem = { field: string; rule: string; message: string };

/**
 * The adviser's decision path (R2, R11, R12, R15, R19): a re-link only for a job that meets every
 * R15 condition, an override of a hard rule only named and justified, only status holders'
 * households, and every decision and refusal in the trail; the supervisors' report counts them.
 */
describe('link decisions: re-linking, overrides, status holders only', () => {
  let t: TestApp;
  let admin: string;
  let adviser: string;
  let adviserNoord: string;
  let evaluator: string;
  const prefix = uniq('ld').toLowerCase();

  const household = async (ext: string, members: Record<string, unknown>[]) => {
    const made = [];
    for (const m of members) made.push((await t.gql<{ createCandidate: { id: string; pseudonym: string } }>(CREATE_CANDIDATE, { input: candidateInput(m) }, admin)).data!.createCandidate);
    const res = await t.gql<{ createHousehold: { id: string } }>(CREATE_HOUSEHOLD, { i: { externalId: `${prefix}-${ext}`, memberIds: made.map((m) => m.id) } }, admin);
    expect(res.errors).toBeUndefined();
    return { id: res.data!.createHousehold.id, members: made };
  };
  const decide = (i: Record<string, unknown>, key = adviser) => t.gql<{ recordLinkDecision: Decision }>(DECIDE, { i: { period: PERIOD, reason: 'test decision', ...i } }, key);
  const problems = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => (res.errors?.[0]?.extensions?.fields ?? []) as Problem[];
  const audit = (householdId: string, action: string) =>
    t.dataSource.query(`SELECT actor_role, details FROM audit_event WHERE action = $2 AND $1 = ANY(subject_refs) ORDER BY id`, [householdId, action]) as Promise<{ actor_role: string; details: Record<string, unknown> }[]>;

  // A cook (ISCO 5120, 4 years) without ties, linked to Eindhoven, who found a cook's job in Amsterdam.
  const cookJob = (over: Record<string, unknown> = {}) => ({ iscoCode: '5120', contractMonths: 12, monthlyWage: 2400, payslip: true, municipalityCode: 'GM0363', ...over });
  const relinking = (over: Record<string, unknown> = {}, job: Record<string, unknown> = {}) => ({ job: cookJob(job), housingOffered: false, integrationStarted: false, comparableJobInCurrentRegion: false, ...over });
  const linkedCook = async (ext: string, member: Record<string, unknown> = {}) => {
    const h = await household(ext, [{ ties: [], ...member }]);
    const first = await decide({ householdId: h.id, municipalityCode: 'GM0772' });
    expect(first.errors).toBeUndefined();
    return h;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    adviser = await t.key(Role.ADVISER);
    evaluator = await t.key(Role.EVALUATOR);
    const made = await t.gql<{ createApiKey: { key: string } }>(`mutation { createApiKey(input: { role: ADVISER, label: "${prefix} regio Noord" }) { key } }`, {}, admin);
    adviserNoord = made.data!.createApiKey.key;
  });
  afterAll(() => t.close());

  describe('R15 re-linking', () => {
    it('answers every R15 condition as a check with its rule and reason in Dutch and English', async () => {
      const h = await linkedCook('check-all');
      const res = await t.gql<{ checkRelinking: { allowed: boolean; checks: { rule: string; passed: boolean; reason: string; reasonNl: string; reasonEn: string }[]; currentMunicipalityCode: string; jobRegionCode: string; currentRegionCode: string } }>(
        CHECK,
        { h: h.id, i: relinking() },
        adviser,
      );
      expect(res.errors).toBeUndefined();
      const r = res.data!.checkRelinking;
      expect(r.checks.map((c) => c.rule)).toEqual(['R15.housing', 'R15.integration', 'R15a.match', 'R15a.region', 'R15b', 'R15c', 'R15d', 'R15.excluded']);
      expect(r.allowed).toBe(true);
      expect(r.currentMunicipalityCode).toBe('GM0772');
      expect(r.jobRegionCode).not.toBe(r.currentRegionCode);
      for (const c of r.checks) {
        expect(c.reasonNl.length).toBeGreaterThan(5);
        expect(c.reasonEn.length).toBeGreaterThan(5);
        expect(c.reason).toBe(c.reasonEn);
        expect(c.reasonNl).not.toBe(c.reasonEn);
      }
    });

    it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
      ['housing already offered', { housingOffered: true }, {}, 'R15.housing'],
      ['civic integration started', { integrationStarted: true }, {}, 'R15.integration'],
      ['a nurse job for a cook (neither education nor experience)', {}, { iscoCode: '2221' }, 'R15a.match'],
      ['the job in the current region (Veldhoven, next to Eindhoven)', {}, { municipalityCode: 'GM0861' }, 'R15a.region'],
      ['comparable work exists in the current region', { comparableJobInCurrentRegion: true }, {}, 'R15a.region'],
      ['a contract of 5 months', {}, { contractMonths: 5 }, 'R15b'],
      ['a contract not signed', {}, { signedContract: false }, 'R15b'],
      ['a wage of 1,200 a month, under the single norm', {}, { monthlyWage: 1200 }, 'R15c'],
      ['the wage not known', {}, { monthlyWage: null }, 'R15c'],
      ['no payslip', {}, { payslip: false }, 'R15d'],
    ])('refuses when %s, naming the rule', async (_name, over, job, rule) => {
      const h = await linkedCook(uniq(`c-${rule}`));
      const res = await t.gql<{ checkRelinking: { allowed: boolean; checks: { rule: string; passed: boolean }[] } }>(CHECK, { h: h.id, i: relinking(over, job) }, adviser);
      expect(res.errors).toBeUndefined();
      expect(res.data!.checkRelinking.allowed).toBe(false);
      expect(res.data!.checkRelinking.checks.filter((c) => !c.passed).map((c) => c.rule)).toEqual([rule]);
    });

    it('never lets cleaning work qualify, even for a cleaner with years of experience (ISCO 9112 from the policy)', async () => {
      const h = await linkedCook('cleaner', { occupations: [{ occupationId: ESCO.buildingCleaner, years: 6 }], diplomas: [] });
      const res = await t.gql<{ checkRelinking: { allowed: boolean; checks: { rule: string; passed: boolean; reasonEn: string }[] } }>(
        CHECK,
        { h: h.id, i: relinking({}, { iscoCode: undefined, occupationId: ESCO.buildingCleaner }) },
        adviser,
      );
      const failed = res.data!.checkRelinking.checks.filter((c) => !c.passed);
      expect(failed.map((c) => c.rule)).toEqual(['R15.excluded']);
      expect(failed[0].reasonEn).toContain('cleaning work');
    });

    it('counts comparable open vacancies in the current region when the adviser has not established it (R15a)', async () => {
      const h = await linkedCook('count');
      const e = await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "${prefix} Eindhoven BV" }) { id } }`, {}, admin);
      const v = await t.gql(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(e.data!.createEmployer.id, { location: { postcode: '5611' } }) }, admin);
      expect(v.errors).toBeUndefined();
      const res = await t.gql<{ checkRelinking: { comparableVacanciesInCurrentRegion: number; checks: { rule: string; passed: boolean; reasonEn: string }[] } }>(
        CHECK,
        { h: h.id, i: relinking({ comparableJobInCurrentRegion: undefined }) },
        adviser,
      );
      expect(res.data!.checkRelinking.comparableVacanciesInCurrentRegion).toBeGreaterThanOrEqual(1);
      const region = res.data!.checkRelinking.checks.find((c) => c.rule === 'R15a.region')!;
      expect(region.passed).toBe(false);
      expect(region.reasonEn).toMatch(/\d+ open vacanc/);
    });

    it('refuses bad input naming the field: neither iscoCode nor occupationId, no workplace, a stranger as member', async () => {
      const h = await linkedCook('bad');
      const res = await t.gql(CHECK, { h: h.id, i: { ...relinking(), job: { payslip: true }, memberId: '00000000-0000-4000-8000-000000000001' } }, adviser);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(problems(res).map((p) => p.field).sort()).toEqual(['input.job.iscoCode', 'input.job.municipalityCode', 'input.memberId']);
      const unlinked = await household('unlinked', [{ ties: [] }]);
      const none = await t.gql(CHECK, { h: unlinked.id, i: relinking() }, adviser);
      expect(problems(none)[0]).toMatchObject({ field: 'householdId', rule: 'R15.linked' });
    });

    it('a second decision elsewhere is a re-link: refused without the R15 input, refused for a cleaning job with the failing checks, taken for a qualifying job', async () => {
      const h = await linkedCook('relink');
      const bare = await decide({ householdId: h.id, municipalityCode: 'GM0363' });
      expect(problems(bare)).toEqual([expect.objectContaining({ field: 'input.relinking', rule: 'R15' })]);

      const cleaning = await decide({ householdId: h.id, municipalityCode: 'GM0363', relinking: relinking({}, { iscoCode: '9112' }) });
      expect(cleaning.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(problems(cleaning).map((p) => p.rule)).toEqual(['R15a.match', 'R15.excluded']);
      expect(problems(cleaning).every((p) => p.field === 'input.relinking')).toBe(true);
      expect((cleaning.errors![0].extensions!.checks as { rule: string }[]).map((c) => c.rule)).toContain('R15d');

      // The new municipality must lie near the job the re-link is for (R15.place): Groningen is not near Amsterdam.
      const far = await decide({ householdId: h.id, municipalityCode: 'GM0014', relinking: relinking() });
      expect(problems(far).map((p) => p.rule)).toEqual(['R15.place']);

      const ok = await decide({ householdId: h.id, municipalityCode: 'GM0363', relinking: relinking() });
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.recordLinkDecision).toMatchObject({ municipalityCode: 'GM0363', relink: true, override: false });
      expect(ok.data!.recordLinkDecision.checks.map((c) => [c.rule, c.passed])).toEqual([
        ['R15.housing', true],
        ['R15.integration', true],
        ['R15a.match', true],
        ['R15a.region', true],
        ['R15b', true],
        ['R15c', true],
        ['R15d', true],
        ['R15.excluded', true],
        ['R15.place', true],
      ]);

      const refused = await audit(h.id, 'link.decision.refused');
      expect(refused.map((r) => (r.details.problems as Problem[]).map((p) => p.rule))).toEqual([['R15'], ['R15a.match', 'R15.excluded'], ['R15.place']]);
      expect(refused.every((r) => r.actor_role === 'ADVISER')).toBe(true);
      expect((refused[1].details.checks as { rule: string }[]).length).toBe(9); // the eight conditions and R15.place
      const taken = await audit(h.id, 'link.decision');
      expect(taken).toHaveLength(2);
      expect(taken[1].details).toMatchObject({ relink: true, fromMunicipalityCode: 'GM0772' });
      expect((taken[1].details.relinkingChecks as unknown[]).length).toBe(9);
    });

    it('the same municipality again is a restatement, not a re-link: no R15 input needed', async () => {
      const h = await linkedCook('restate');
      const again = await decide({ householdId: h.id, municipalityCode: 'GM0772', reason: 'reden verduidelijkt' });
      expect(again.errors).toBeUndefined();
      expect(again.data!.recordLinkDecision.relink).toBe(false);
    });
  });

  describe('overrides of a hard rule (human oversight)', () => {
    // First-degree family in Groningen, necessary medical care in Amsterdam: no municipality within 50 km of both.
    const conflicted = () =>
      household(`conflict-${uniq('c')}`, [
        { birthDate: '1992-03-01', ties: [{ kind: 'FAMILY', municipalityCode: 'GM0014' }] },
        { birthDate: '1988-07-15', ties: [{ kind: 'MEDICAL', municipalityCode: 'GM0363' }] },
      ]);
    const JUSTIFIED = 'Behandeling in het AMC gaat voor; familie in Groningen is met de trein bereikbaar.';

    it('municipalitySuggestions names both conflicting ties (kind and municipality) and the people by label, not id', async () => {
      const h = await conflicted();
      const res = await t.gql<{ municipalitySuggestions: { feasible: boolean; reason: string; reasonNl: string; items: unknown[] } }>(SUGGEST, { h: h.id }, adviser);
      const s = res.data!.municipalitySuggestions;
      expect(s.feasible).toBe(false);
      expect(s.items).toEqual([]);
      expect(s.reason).toMatch(/^R12: /);
      expect(s.reason).toContain('first-degree family in Groningen (member adult 2 (');
      expect(s.reason).toContain('necessary medical treatment in Amsterdam (member adult 1 (');
      expect(s.reason).toMatch(/lie [\d.]+ km apart\.$/);
      expect(s.reasonNl).toContain('familie in de eerste graad in Groningen (lid volwassene 2 (');
      expect(s.reason).not.toMatch(UUID);
      const asEvaluator = await t.gql<{ municipalitySuggestions: { reason: string } }>(SUGGEST, { h: h.id }, evaluator);
      expect(asEvaluator.data!.municipalitySuggestions.reason).toContain(`(member ${h.members[0].pseudonym})`);
    });

    it('refuses a decision that breaks R12 without an override, naming the rule and the tie', async () => {
      const h = await conflicted();
      const res = await decide({ householdId: h.id, municipalityCode: 'GM0363' });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(problems(res)).toEqual([expect.objectContaining({ field: 'input.municipalityCode', rule: 'R12' })]);
      expect(problems(res)[0].message).toContain('first-degree family in Groningen');
      expect(problems(res)[0].message).not.toMatch(UUID);
      const [entry] = await audit(h.id, 'link.decision.refused');
      expect((entry.details.checks as { rule: string; passed: boolean }[]).map((c) => [c.rule, c.passed])).toEqual([['R12', false]]);
    });

    it.each<[string, Record<string, unknown>, Problem]>([
      ['no justification', { overrideHardRules: ['R12'] }, { field: 'input.justification', rule: 'required', message: expect.any(String) }],
      ['a justification that is too short', { overrideHardRules: ['R12'], justification: 'AMC' }, { field: 'input.justification', rule: 'required', message: expect.any(String) }],
      ['a rule that cannot be overridden (R2)', { overrideHardRules: ['R2'], justification: JUSTIFIED }, { field: 'input.overrideHardRules[0]', rule: 'overridable', message: expect.any(String) }],
      ['a justification without an override', { justification: JUSTIFIED }, { field: 'input.justification', rule: 'onlyWithOverride', message: expect.any(String) }],
    ])('refuses an override with %s', async (_name, extra, problem) => {
      const h = await conflicted();
      const res = await decide({ householdId: h.id, municipalityCode: 'GM0363', ...extra });
      expect(problems(res)).toEqual([problem]);
      expect(await audit(h.id, 'link.decision')).toEqual([]);
      expect(await audit(h.id, 'link.decision.refused')).toHaveLength(1);
    });

    it('takes a justified override, flags it everywhere it is shown, and audits it with the broken checks', async () => {
      const h = await conflicted();
      const res = await decide({ householdId: h.id, municipalityCode: 'GM0363', overrideHardRules: ['R12'], justification: JUSTIFIED }, adviserNoord);
      expect(res.errors).toBeUndefined();
      const d = res.data!.recordLinkDecision;
      expect(d).toMatchObject({ override: true, overriddenRules: ['R12'], justification: JUSTIFIED, relink: false });
      expect(d.checks.map((c) => [c.rule, c.passed])).toEqual([['R12', false]]);
      expect(d.checks[0].reasonEn).toContain('Groningen');
      const listed = await t.gql<{ linkDecisions: Decision[] }>(`query($h: ID!) { linkDecisions(householdId: $h) { override overriddenRules justification } }`, { h: h.id }, adviser);
      expect(listed.data!.linkDecisions).toEqual([{ override: true, overriddenRules: ['R12'], justification: JUSTIFIED }]);
      const [entry] = await audit(h.id, 'link.decision');
      expect(entry.details).toMatchObject({ override: true, overriddenRules: ['R12'], justification: JUSTIFIED });
      expect((entry.details.brokenChecks as { rule: string }[]).map((c) => c.rule)).toEqual(['R12']);
    });

    it('refuses to override a rule the decision does not break', async () => {
      const h = await household('holds', [{ ties: [] }]);
      const res = await decide({ householdId: h.id, municipalityCode: 'GM0363', overrideHardRules: ['R12'], justification: JUSTIFIED });
      expect(problems(res)).toEqual([expect.objectContaining({ field: 'input.overrideHardRules', rule: 'notBroken' })]);
    });

    it('R11: a full municipality refuses the decision naming the rule; an override with a justification takes it', async () => {
      const total = await t.gql(`mutation { setHousingNationalTotal(period: "${FULL_PERIOD}", total: 1) { period total } }`, {}, admin);
      expect(total.errors).toBeUndefined();
      const h = await household('full', [{ ties: [] }, { ties: [], birthDate: '1985-01-01' }]);
      const refused = await decide({ householdId: h.id, municipalityCode: 'GM0363', period: FULL_PERIOD });
      expect(problems(refused)).toEqual([expect.objectContaining({ field: 'input.municipalityCode', rule: 'R11' })]);
      const taken = await decide({ householdId: h.id, municipalityCode: 'GM0363', period: FULL_PERIOD, overrideHardRules: ['R11'], justification: 'Tweede gezinslid start daar over een maand met een opleiding.' });
      expect(taken.errors).toBeUndefined();
      expect(taken.data!.recordLinkDecision).toMatchObject({ override: true, overriddenRules: ['R11'] });
      const suggested = await t.gql<{ municipalitySuggestions: { feasible: boolean; reason: string } }>(
        `query($h: ID!) { municipalitySuggestions(householdId: $h, period: "${FULL_PERIOD}", language: EN) { feasible reason } }`,
        { h: (await household('full-2', [{ ties: [{ kind: 'MEDICAL', municipalityCode: 'GM0363' }] }, { ties: [], birthDate: '1980-01-01' }])).id },
        adviser,
      );
      // Only capacity blocks: the reason names the full municipalities near the tie.
      expect(suggested.data!.municipalitySuggestions.feasible).toBe(false);
      expect(suggested.data!.municipalitySuggestions.reason).toMatch(/^R11: all \d+ municipalities within 50 km of the hard ties are full for 2 persons in 2033-H2: /);
      expect(suggested.data!.municipalitySuggestions.reason).toContain('Amsterdam (0 left)');
    });
  });

  describe('R2: only status holders\' households are linked', () => {
    it('refuses suggestions, decisions and plans for an asylum seeker\'s household, naming rule and reason', async () => {
      const h = await household('asylum', [{ legalStatus: 'ASYLUM_SEEKER', permitDate: null, ties: [] }]);
      const s = await t.gql<{ municipalitySuggestions: { feasible: boolean; reason: string; items: unknown[] } }>(SUGGEST, { h: h.id }, adviser);
      expect(s.data!.municipalitySuggestions).toMatchObject({ feasible: false, items: [] });
      expect(s.data!.municipalitySuggestions.reason).toContain("R2: only status holders' households are linked");
      expect(s.data!.municipalitySuggestions.reason).toContain('member adult 1 (');
      expect(s.data!.municipalitySuggestions.reason).toContain('asylum seeker');
      const d = await decide({ householdId: h.id, municipalityCode: 'GM0363' });
      expect(problems(d)).toEqual([expect.objectContaining({ field: 'input.householdId', rule: 'R2' })]);
      expect(problems(d)[0].message).not.toMatch(UUID);
      const p = await t.gql(`mutation($i: PlacementInput!) { planPlacement(input: $i) { placed } }`, { i: { householdIds: [h.id], period: PERIOD } }, adviser);
      expect(problems(p)).toEqual([expect.objectContaining({ field: 'input.householdIds[0]', rule: 'R2' })]);
      const both = await household('mixed-cohort', [{ ties: [] }]);
      const plan = await t.gql<{ planPlacement: { households: number; unplaced: { householdId: string; reason: string; reasonEn: string }[] } }>(
        `mutation($i: PlacementInput!) { planPlacement(input: $i) { households unplaced { householdId reason reasonEn } } }`,
        { i: { householdIds: [both.id, h.id], period: PERIOD } },
        adviser,
      );
      expect(plan.errors).toBeUndefined();
      expect(plan.data!.planPlacement.households).toBe(2);
      expect(plan.data!.planPlacement.unplaced).toEqual([{ householdId: h.id, reason: 'notStatusHolder', reasonEn: expect.stringMatching(/^R2: /) }]);
      const sc = await t.gql(`mutation($i: ScenarioInput!) { runScenario(input: $i) { id } }`, { i: { name: 'r2', cohort: { householdIds: [h.id] }, policy: { tieRadiusKm: 30 } } }, evaluator);
      expect(problems(sc)).toEqual([expect.objectContaining({ field: 'input.cohort.householdIds[0]', rule: 'R2' })]);
    });
  });

  describe('linkDecisionReport', () => {
    it('counts decisions per region and adviser key, with the followed-top rate and overrides with rules; justifications for admins only', async () => {
      const res = await t.gql<{ linkDecisionReport: Record<string, unknown> & { groups: Record<string, unknown>[] } }>(
        `query { linkDecisionReport(period: "${PERIOD}") { period decisions fromSuggestions followedTopSuggestionRate overrides relinks
          groups { regionCode regionName adviser decisions fromSuggestions followedTopSuggestion followedTopSuggestionRate overrides relinks overriddenRules { rule count } overrideReasons { overriddenRules justification municipalityCode } } } }`,
        {},
        admin,
      );
      expect(res.errors).toBeUndefined();
      const r = res.data!.linkDecisionReport;
      const noord = r.groups.filter((g) => g.adviser === `${prefix} regio Noord`);
      expect(noord).toEqual([
        expect.objectContaining({
          regionName: 'Groot Amsterdam',
          decisions: 1,
          overrides: 1,
          overriddenRules: [{ rule: 'R12', count: 1 }],
          overrideReasons: [{ overriddenRules: ['R12'], justification: expect.stringContaining('AMC'), municipalityCode: 'GM0363' }],
        }),
      ]);
      expect(r.overrides).toBeGreaterThanOrEqual(1);
      expect(r.relinks).toBeGreaterThanOrEqual(1);
      expect(r.decisions).toBe(r.groups.reduce((s, g) => s + (g.decisions as number), 0));
      const asEvaluator = await t.gql<{ linkDecisionReport: { groups: { adviser: string; overrideReasons: { justification: string | null }[] }[] } }>(
        `query { linkDecisionReport(period: "${PERIOD}") { groups { adviser overrideReasons { justification } } } }`,
        {},
        evaluator,
      );
      expect(asEvaluator.data!.linkDecisionReport.groups.find((g) => g.adviser === `${prefix} regio Noord`)!.overrideReasons).toEqual([{ justification: null }]);
      const bad = await t.gql(`query { linkDecisionReport(period: "2033") { period } }`, {}, admin);
      expect(problems(bad)).toEqual([expect.objectContaining({ field: 'period', rule: 'halfYear' })]);
    });
  });
});
