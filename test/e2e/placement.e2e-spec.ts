import { distanceKm } from '@kansrijk/scoring';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const addDays = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const PLAN = `mutation($i: PlacementInput!) { planPlacement(input: $i) {
  period policyVersion method optimal objective upperBound gap households placed personsPlaced capacityKnown
  greedy { objective placed } assignments { householdId municipalityCode persons score } unplaced { householdId reason reasonEn } } }`;
type Plan = {
  planPlacement: {
    method: string;
    optimal: boolean;
    objective: number;
    upperBound: number;
    gap: number;
    placed: number;
    greedy: { objective: number; placed: number };
    assignments: { householdId: string; municipalityCode: string; persons: number; score: number }[];
    unplaced: { householdId: string; reason: string }[];
  };
};
const METRICS = `households householdsPlaced personsPlaced meanLinkScore objective greedyObjective hardTiesHonouredShare hardTies
  meanDistanceToWorkTieKm reachableVacanciesPerAdult regions { regionCode persons capacity } disparities { dimension group people placedShare meanLinkScore }`;
const RUN = `mutation($i: ScenarioInput!) { runScenario(input: $i) { id status progress error cohortSize baselinePolicyVersion variantPolicyVersion changedHouseholds
  baseline { ${METRICS} } variant { ${METRICS} } difference { ${METRICS} } } }`;
type M = {
  households: number;
  householdsPlaced: number;
  personsPlaced: number;
  meanLinkScore: number | null;
  objective: number;
  hardTiesHonouredShare: number | null;
  hardTies: number;
  meanDistanceToWorkTieKm: number | null;
  reachableVacanciesPerAdult: number | null;
  regions: { regionCode: string; persons: number; capacity: number }[];
  disparities: { dimension: string; group: string; people: number; placedShare: number }[];
};
type Run = { runScenario: { id: string; status: string; error: string | null; changedHouseholds: number; baselinePolicyVersion: string; variantPolicyVersion: string; baseline: M; variant: M; difference: M } };

/** Issue 6: cohort placement, link decisions and what-if scenarios through the API. */
describe('placement, decisions and scenarios', () => {
  let t: TestApp;
  let admin: string;
  let adviser: string;
  let evaluator: string;
  let platform: string;
  let employerId: string;
  const period = '2034-H2';
  const centroids = new Map<string, { lat: number; lon: number; population: number }>();

  const household = async (members: Record<string, unknown>[], size: number) => {
    const ids: string[] = [];
    for (const m of members) {
      const c = await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput(m) }, admin);
      expect(c.errors).toBeUndefined();
      ids.push(c.data!.createCandidate.id);
    }
    const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: ids, size } }, admin);
    return h.data!.createHousehold.id;
  };
  const national = () => [...centroids.values()].reduce((s, m) => s + m.population, 0);
  const task = (code: string, total: number) => Math.ceil((total * centroids.get(code)!.population) / national());

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    adviser = await t.key(Role.ADVISER);
    evaluator = await t.key(Role.EVALUATOR);
    platform = await t.key(Role.PLATFORM, uniq('place'));
    const rows = await t.dataSource.query(`SELECT code, centroid_lat AS lat, centroid_lon AS lon, population FROM municipality`);
    for (const r of rows) centroids.set(r.code, r);
    // A small national total so that the Zeeland municipalities have room for a few persons each.
    await t.gql(`mutation { setHousingNationalTotal(period: "${period}", total: 1500) { total } }`, {}, admin);
    const e = await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Plaatsing BV" }) { id } }`, {}, platform);
    employerId = e.data!.createEmployer.id;
  });
  afterAll(() => t.close());

  it('plans a cohort within every capacity and hard tie; the exact plan equals a brute-force optimum', async () => {
    // Three households that must stay within 50 km of Middelburg (medical), competing for its region.
    const medical = { kind: 'MEDICAL', municipalityCode: 'GM0687' };
    const a = await household([{ ties: [medical] }], 3);
    const b = await household([{ ties: [medical] }, { birthDate: '1991-01-01', ties: [] }], 4);
    const c = await household([{ ties: [medical] }], 2);
    const ids = [a, b, c];
    const res = await t.gql<Plan>(PLAN, { i: { householdIds: ids, period, method: 'EXACT' } }, adviser);
    expect(res.errors).toBeUndefined();
    const plan = res.data!.planPlacement;
    expect(plan.optimal).toBe(true);
    expect(plan.upperBound).toBeGreaterThanOrEqual(plan.objective - 1e-9);
    expect(plan.objective).toBeGreaterThanOrEqual(plan.greedy.objective - 1e-9);
    const middelburg = centroids.get('GM0687')!;
    const used = new Map<string, number>();
    for (const x of plan.assignments) {
      expect(distanceKm(middelburg, centroids.get(x.municipalityCode)!)).toBeLessThanOrEqual(50 + 1e-3);
      used.set(x.municipalityCode, (used.get(x.municipalityCode) ?? 0) + x.persons);
    }
    for (const [code, persons] of used) expect(persons).toBeLessThanOrEqual(task(code, 1500));

    // Brute force over the same scores, read from municipalitySuggestions (the link score of each pair).
    const options = new Map<string, { code: string; score: number }[]>();
    for (const id of ids) {
      const s = await t.gql<{ municipalitySuggestions: { items: { municipalityCode: string; score: number }[] } }>(
        `query($h: ID!) { municipalitySuggestions(householdId: $h, take: 100, period: "${period}", includeIneligible: true) { items { municipalityCode score checks { rule passed } } } }`,
        { h: id },
        adviser,
      );
      type Item = { municipalityCode: string; score: number; checks: { rule: string; passed: boolean }[] };
      const items = s.data!.municipalitySuggestions.items as Item[];
      options.set(id, items.filter((i) => i.checks.filter((k) => k.rule === 'R12').every((k) => k.passed)).map((i) => ({ code: i.municipalityCode, score: i.score })));
    }
    const persons: Record<string, number> = { [a]: 3, [b]: 4, [c]: 2 };
    let best = 0;
    const walk = (k: number, load: Map<string, number>, total: number) => {
      if (k === ids.length) {
        best = Math.max(best, total);
        return;
      }
      walk(k + 1, load, total); // unplaced
      for (const o of options.get(ids[k])!) {
        const now = (load.get(o.code) ?? 0) + persons[ids[k]];
        if (now > task(o.code, 1500)) continue;
        load.set(o.code, now);
        // The default policy shares a shortage by person (placementWeight PERSON): score x persons.
        walk(k + 1, load, total + o.score * persons[ids[k]]);
        load.set(o.code, now - persons[ids[k]]);
      }
    };
    walk(0, new Map(), 0);
    expect(plan.objective).toBeCloseTo(best, 6);
    // The same input gives the same plan.
    const again = await t.gql<Plan>(PLAN, { i: { householdIds: ids, period, method: 'EXACT' } }, adviser);
    expect(again.data!.planPlacement.assignments).toEqual(plan.assignments);
  });

  it('says why a household cannot be placed, and refuses unknown households naming them', async () => {
    const apart = await household([{ ties: [{ kind: 'MEDICAL', municipalityCode: 'GM0014' }, { kind: 'EDUCATION', municipalityCode: 'GM0935' }] }], 1);
    const plan = await t.gql<Plan>(PLAN, { i: { householdIds: [apart], period } }, adviser);
    expect(plan.data!.planPlacement.unplaced).toEqual([expect.objectContaining({ householdId: apart, reason: 'noAllowedMunicipality' })]);
    const bad = await t.gql(PLAN, { i: { householdIds: [apart, '00000000-0000-4000-8000-000000000000'], period } }, adviser);
    expect(bad.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'input.householdIds[1]', rule: 'exists' })]);
    expect((await t.gql(PLAN, { i: { householdIds: [apart], period } }, platform)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('records a decision with its reason and whether it followed the advice; the capacity it takes is no longer offered', async () => {
    const period2 = '2035-H1';
    await t.gql(`mutation { setHousingNationalTotal(period: "${period2}", total: 1500) { total } }`, {}, admin);
    const vlissingen = task('GM0718', 1500); // a handful of persons
    const first = await household([{ ties: [{ kind: 'FAMILY', municipalityCode: 'GM0718' }] }], vlissingen);
    const MUNIS = `query($h: ID!) { municipalitySuggestions(householdId: $h, take: 100, period: "${period2}") { suggestionId items { municipalityCode capacityLeft } } }`;
    type S = { municipalitySuggestions: { suggestionId: string; items: { municipalityCode: string; capacityLeft: number }[] } };
    const served = (await t.gql<S>(MUNIS, { h: first }, adviser)).data!.municipalitySuggestions;
    expect(served.items.find((i) => i.municipalityCode === 'GM0718')!.capacityLeft).toBe(vlissingen);
    const DECIDE = `mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) { id municipalityCode persons reason period followedTopSuggestion topSuggestion } }`;
    const decided = await t.gql<{ recordLinkDecision: Record<string, unknown> }>(
      DECIDE,
      { i: { householdId: first, municipalityCode: 'GM0718', reason: 'Family in Vlissingen; school nearby', suggestionId: served.suggestionId, period: period2 } },
      adviser,
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.recordLinkDecision).toMatchObject({ municipalityCode: 'GM0718', persons: vlissingen, period: period2, topSuggestion: served.items[0].municipalityCode });
    expect(decided.data!.recordLinkDecision.followedTopSuggestion).toBe(served.items[0].municipalityCode === 'GM0718');
    // Vlissingen is now full: no longer offered, and a decision there is refused (R11).
    // Tied to Vlissingen too, so that only the few municipalities within 50 km compete and
    // Vlissingen's place in the list does not depend on what other suites left in the database.
    const second = await household([{ ties: [{ kind: 'FAMILY', municipalityCode: 'GM0718' }] }], 2);
    const after = (await t.gql<S>(MUNIS, { h: second }, adviser)).data!.municipalitySuggestions;
    expect(after.items.length).toBeGreaterThan(0);
    expect(after.items.map((i) => i.municipalityCode)).not.toContain('GM0718');
    const refused = await t.gql(DECIDE, { i: { householdId: second, municipalityCode: 'GM0718', reason: 'try', period: period2 } }, adviser);
    expect(refused.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'input.municipalityCode', rule: 'R11' })]);
    // A decision beyond a hard tie is refused (R12).
    const beyond = await t.gql(DECIDE, { i: { householdId: first, municipalityCode: 'GM0014', reason: 'too far', period: period2 } }, adviser);
    expect(beyond.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ rule: 'R12' })]);
    // Re-deciding the first household elsewhere is a re-link (R15): a cook's job in Rotterdam, away
    // from the family tie in Vlissingen, so R12 is knowingly overridden. It frees Vlissingen.
    const relinking = {
      job: { iscoCode: '5120', contractMonths: 12, monthlyWage: 2600, payslip: true, municipalityCode: 'GM0599' },
      housingOffered: false,
      integrationStarted: false,
      comparableJobInCurrentRegion: false,
    };
    const justification = 'Vaste baan als kok in Rotterdam; de familie in Vlissingen blijft met de trein bereikbaar.';
    const unjustified = await t.gql(DECIDE, { i: { householdId: first, municipalityCode: 'GM0599', reason: 'changed to Rotterdam', period: period2, relinking } }, adviser);
    expect(unjustified.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'input.municipalityCode', rule: 'R12' })]);
    const moved = await t.gql(DECIDE, { i: { householdId: first, municipalityCode: 'GM0599', reason: 'changed to Rotterdam', period: period2, relinking, overrideHardRules: ['R12'], justification } }, adviser);
    expect(moved.errors).toBeUndefined();
    expect((await t.gql<S>(MUNIS, { h: second }, adviser)).data!.municipalitySuggestions.items.map((i) => i.municipalityCode)).toContain('GM0718');
    const trail = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'link.decision' AND $1 = ANY(subject_refs) ORDER BY id`, [first]);
    expect(trail.map((r: { details: { reason: string } }) => r.details.reason)).toEqual(['Family in Vlissingen; school nearby', 'changed to Rotterdam']);
    expect((await t.gql(DECIDE, { i: { householdId: first, municipalityCode: 'GM0687', reason: 'x y z' } }, platform)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  describe('what-if scenarios on a hand-made cohort', () => {
    let cohort: string[];
    beforeAll(async () => {
      // Work ties near Eindhoven: one of 10 hours (hard at 8, not at 12), one of 24 hours.
      const work = (hours: number) => ({ kind: 'WORK', municipalityCode: 'GM0772', hoursPerWeek: hours, contractMonths: 12, signedContract: true, payslip: true });
      const applied = addDays(-60);
      const seeker = {
        legalStatus: 'ASYLUM_SEEKER',
        applicationDate: applied,
        permitDate: undefined,
        wDocumentIssued: addDays(-50),
        wDocumentExpiry: addDays(315),
        location: { postcode: '5611' },
      };
      cohort = [
        await household([{ ties: [work(10)], monitoring: { gender: 'FEMALE', countryOfBirth: 'SY' } }], 2),
        await household([{ ties: [work(24)], monitoring: { gender: 'MALE', countryOfBirth: 'ER' } }], 1),
        // R2: linked as the household of a status holder; the partner is still in the asylum procedure.
        // The status holder has an hour a week (no vacancy fits, R9), so what the household can reach,
        // and where it goes, turns on the asylum seeker alone, as the asylum-wait cases below need.
        await household(
          [
            { ...seeker, ties: [], monitoring: { gender: 'MALE', countryOfBirth: 'AF' } },
            // First-degree family in Eindhoven (R12): a tie radius of 5 km in the cap case below (the nearest other municipality is 6.6 km away)
            // holds the household in one place, so only what it can reach there differs.
            { ties: [{ kind: 'FAMILY', municipalityCode: 'GM0772', firstDegree: true }], location: { postcode: '5611' }, hoursAvailable: 1, monitoring: { gender: 'FEMALE', countryOfBirth: 'AF' } },
          ],
          2,
        ),
        await household([{ ties: [], location: { postcode: '5611' }, monitoring: { gender: 'FEMALE', countryOfBirth: 'SY' } }], 3),
      ];
      // Vacancies around Eindhoven: some start soon, some later; short, long and open-ended contracts
      // (an open-ended one outlasts the W-document: allowed today, refused under the 24-week cap).
      for (const [start, months] of [[15, 12], [40, 3], [100, 4], [150, 12], [200, 5], [60, undefined]] as const) {
        for (const pc of ['5611', '5612', '5652']) {
          await t.gql(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employerId, { location: { postcode: pc }, startDate: addDays(start), contractMonths: months, workPermitWillingness: true }) }, platform);
        }
      }
    });
    const run = async (policy: Record<string, unknown>, key = evaluator) => {
      const res = await t.gql<Run>(RUN, { i: { name: uniq('whatif'), cohort: { householdIds: cohort }, policy, period, wait: true } }, key);
      expect(res.errors).toBeUndefined();
      expect(res.data!.runScenario.status).toBe('DONE');
      return res.data!.runScenario;
    };

    it('an unchanged policy shows zero differences', async () => {
      for (const policy of [{}, { name: 'same-as-default' }]) {
        const s = await run(policy);
        expect(s.changedHouseholds).toBe(0);
        const d = s.difference;
        for (const k of ['householdsPlaced', 'personsPlaced', 'meanLinkScore', 'objective', 'hardTiesHonouredShare', 'meanDistanceToWorkTieKm', 'reachableVacanciesPerAdult'] as const) {
          expect(d[k]).toBe(0);
        }
        expect(d.regions.every((r) => r.persons === 0 && r.capacity === 0)).toBe(true);
        expect(d.disparities.every((g) => g.placedShare === 0)).toBe(true);
      }
    });

    it('reports disparities by gender, age band and origin, with small groups merged', async () => {
      const s = await run({ tieRadiusKm: 40 });
      const dims = new Set(s.baseline.disparities.map((g) => g.dimension));
      expect(dims).toEqual(new Set(['gender', 'ageBand', 'origin']));
      expect(s.baseline.disparities.filter((g) => g.dimension === 'gender').reduce((n, g) => n + g.people, 0)).toBe(5); // the five adults
      // Fewer than 5 people per country: reported as "other", never a group of one.
      expect(s.baseline.disparities.filter((g) => g.dimension === 'origin').map((g) => g.group)).toEqual(['other']);
    });

    it('a smaller tie radius brings households closer to their work', async () => {
      const s = await run({ tieRadiusKm: 10 });
      expect(s.variant.meanDistanceToWorkTieKm!).toBeLessThanOrEqual(s.baseline.meanDistanceToWorkTieKm!);
      expect(s.variant.meanDistanceToWorkTieKm!).toBeLessThanOrEqual(10 + 1e-3);
      expect(s.variant.meanLinkScore!).toBeLessThanOrEqual(s.baseline.meanLinkScore! + 1e-9);
    });

    it('raising the minimum work hours for a tie releases the 10-hour tie', async () => {
      const s = await run({ minWorkHoursForTie: 12 });
      expect(s.baseline.hardTiesHonouredShare).toBe(1);
      expect(s.variant.meanLinkScore!).toBeGreaterThanOrEqual(s.baseline.meanLinkScore! - 1e-9);
      expect(s.variant.hardTiesHonouredShare!).toBeLessThanOrEqual(1);
    });

    it('a shorter asylum wait lets the asylum seeker reach more vacancies', async () => {
      const s = await run({ asylumWorkWaitMonths: 0 });
      expect(s.variant.reachableVacanciesPerAdult!).toBeGreaterThan(s.baseline.reachableVacanciesPerAdult!);
    });

    it('the 24-week cap switched back on lets the asylum seeker reach fewer vacancies', async () => {
      // Every household with a hard tie in Eindhoven stays there (5 km), the one without a tie goes
      // where it would go in both runs: the plans' places are the same, so the cap is all that differs.
      const s = await run({ asylumWorkWaitMonths: 0, tieRadiusKm: 5, historicalWorkCap: { enabled: true, abolishedOn: null } });
      const noCap = await run({ asylumWorkWaitMonths: 0, tieRadiusKm: 5 });
      expect(s.variant.reachableVacanciesPerAdult!).toBeLessThan(noCap.variant.reachableVacanciesPerAdult!);
    });

    it('a smaller national housing total places fewer households', async () => {
      const s = await run({ nationalHousingTotal: 30 });
      expect(s.variant.householdsPlaced).toBeLessThan(s.baseline.householdsPlaced);
      expect(s.variant.regions.reduce((n, r) => n + r.capacity, 0)).toBeLessThan(s.baseline.regions.reduce((n, r) => n + r.capacity, 0));
    });

    it('is stored, retrievable and exportable as CSV and JSON; closed to advisers', async () => {
      const s = await run({ tieRadiusKm: 30 });
      const got = await t.gql<{ scenario: { id: string; status: string; csv: string; json: string } }>(
        `query($id: ID!) { scenario(id: $id) { id status csv: export(format: CSV) json: export(format: JSON) } }`,
        { id: s.id },
        evaluator,
      );
      expect(got.data!.scenario.status).toBe('DONE');
      const csv = got.data!.scenario.csv.trim().split('\n');
      expect(csv[0]).toBe('section,dimension,group,metric,baseline,variant,difference');
      expect(csv).toContainEqual(expect.stringMatching(/^summary,,,householdsPlaced,\d+,\d+,-?\d+$/));
      expect(JSON.parse(got.data!.scenario.json)).toMatchObject({ id: s.id, variantPolicyVersion: s.variantPolicyVersion });
      expect((await t.gql(RUN, { i: { name: 'x', cohort: { householdIds: cohort }, policy: {} } }, adviser)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const bad = await t.gql(RUN, { i: { name: 'x', cohort: { householdIds: cohort, syntheticOnly: true }, policy: {} } }, evaluator);
      expect(bad.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'input.cohort', rule: 'oneOf' })]);
    });
  });
});
