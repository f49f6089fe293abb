import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATE_CANDIDATE = `mutation($input: CandidateInput!) { createCandidate(input: $input) { id pseudonym } }`;
const CREATE_HOUSEHOLD = `mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`;
const QUEUE = `query($f: HouseholdQueueFilter, $skip: Int, $take: Int) { householdQueue(filter: $f, skip: $skip, take: $take) {
  total items { id externalId permitDate linkDeadline daysLeftToLink hardTies { memberPseudonym kind municipalityCode radiusKm location { lat lon } } } } }`;
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

type QueueItem = {
  id: string;
  externalId: string;
  permitDate: string | null;
  linkDeadline: string | null;
  daysLeftToLink: number | null;
  hardTies: { memberPseudonym: string; kind: string; municipalityCode: string; radiusKm: number; location: { lat: number; lon: number } }[];
};

/** What the web app needs from the API: the linking queue, who decided, the map's scores, the policy's defaults. */
describe('API support for the web app', () => {
  let t: TestApp;
  let admin: string;
  let adviser: string;
  const prefix = uniq('q').toLowerCase();

  const household = async (ext: string, members: Record<string, unknown>[], size?: number) => {
    const made = [];
    for (const m of members) made.push((await t.gql<{ createCandidate: { id: string; pseudonym: string } }>(CREATE_CANDIDATE, { input: candidateInput(m) }, admin)).data!.createCandidate);
    const res = await t.gql<{ createHousehold: { id: string } }>(CREATE_HOUSEHOLD, { i: { externalId: `${prefix}-${ext}`, memberIds: made.map((m) => m.id), size } }, admin);
    expect(res.errors).toBeUndefined();
    return { id: res.data!.createHousehold.id, members: made };
  };
  const queue = async (filter: Record<string, unknown>, key = adviser) => {
    const res = await t.gql<{ householdQueue: { total: number; items: QueueItem[] } }>(QUEUE, { f: filter, take: 100 }, key);
    expect(res.errors).toBeUndefined();
    return res.data!.householdQueue;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    adviser = await t.key(Role.ADVISER);
  });
  afterAll(() => t.close());

  describe('householdQueue', () => {
    let late: Awaited<ReturnType<typeof household>>;
    let early: Awaited<ReturnType<typeof household>>;
    let elsewhere: Awaited<ReturnType<typeof household>>;

    beforeAll(async () => {
      // The earliest permit of the household's status holders counts; an asylum seeker's dates do not.
      late = await household('late', [{ permitDate: daysAgo(3), applicationDate: daysAgo(400) }]);
      early = await household('early', [
        { permitDate: daysAgo(20), applicationDate: daysAgo(400), externalId: `${prefix}-person` },
        { permitDate: daysAgo(5), applicationDate: daysAgo(300), birthDate: '1992-02-02' },
      ]);
      elsewhere = await household('elsewhere', [{ permitDate: daysAgo(10), applicationDate: daysAgo(400), location: { postcode: '5611' } }]);
      await household('seeker', [{ legalStatus: 'ASYLUM_SEEKER', permitDate: undefined, applicationDate: daysAgo(400), ties: [] }]);
    });

    it('lists households of status holders without a decision, earliest permit first, with the days left of the two weeks (domain §1)', async () => {
      const q = await queue({ search: prefix });
      expect(q.total).toBe(3);
      expect(q.items.map((i) => i.id)).toEqual([early.id, elsewhere.id, late.id]);
      expect(q.items[0]).toMatchObject({ permitDate: daysAgo(20), linkDeadline: daysAgo(6), daysLeftToLink: -6 });
      expect(q.items[2]).toMatchObject({ permitDate: daysAgo(3), linkDeadline: daysAgo(-11), daysLeftToLink: 11 });
    });

    it('finds a household by a member pseudonym, a member externalId or its own externalId (prefix, case ignored)', async () => {
      const pseudonym = early.members[1].pseudonym;
      expect((await queue({ search: pseudonym.toUpperCase() })).items.map((i) => i.id)).toEqual([early.id]);
      expect((await queue({ search: `${prefix}-PERSON` })).items.map((i) => i.id)).toEqual([early.id]);
      expect((await queue({ search: `${prefix}-lat` })).items.map((i) => i.id)).toEqual([late.id]);
      // LIKE's wildcards are plain characters in a search.
      expect((await queue({ search: `${prefix}-%` })).total).toBe(0);
      expect((await queue({ search: `${prefix.slice(0, -1)}_` })).total).toBe(0);
    });

    it('filters by the labour-market region members live in', async () => {
      const region = async (pc4: string) =>
        (await t.gql<{ postcode: { municipality: { labourMarketRegion: { code: string } } } }>(`{ postcode(pc4: "${pc4}") { municipality { labourMarketRegion { code } } } }`)).data!.postcode.municipality
          .labourMarketRegion.code;
      const eindhoven = await region('5611');
      const amsterdam = await region('1011');
      expect(eindhoven).not.toBe(amsterdam);
      expect((await queue({ search: prefix, labourMarketRegionCode: eindhoven })).items.map((i) => i.id)).toEqual([elsewhere.id]);
      expect((await queue({ search: prefix, labourMarketRegionCode: amsterdam })).items.map((i) => i.id)).toEqual([early.id, late.id]);
      const bad = await t.gql(QUEUE, { f: { labourMarketRegionCode: 'Amsterdam' } }, adviser);
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('lists a household again only while no decision is in force: one recorded takes it out of the queue', async () => {
      const res = await t.gql(`mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) { id } }`, { i: { householdId: late.id, municipalityCode: 'GM0772', reason: 'Familie in Eindhoven' } }, adviser);
      expect(res.errors).toBeUndefined();
      expect((await queue({ search: prefix })).items.map((i) => i.id)).toEqual([early.id, elsewhere.id]);
    });

    it('pages with skip and take over the same order, and counts them all', async () => {
      const page = await t.gql<{ householdQueue: { total: number; items: { id: string }[] } }>(QUEUE, { f: { search: prefix }, skip: 1, take: 1 }, adviser);
      expect(page.data!.householdQueue).toMatchObject({ total: 2, items: [{ id: elsewhere.id }] });
    });
  });

  it('gives a household its hard ties under R12 with the radius, not ties that do not count as hard', async () => {
    const h = await household('ties', [
      {
        permitDate: daysAgo(2),
        applicationDate: daysAgo(400),
        ties: [
          { kind: 'FAMILY', municipalityCode: 'GM0772' },
          { kind: 'FAMILY', municipalityCode: 'GM0363', firstDegree: false },
          { kind: 'WORK', municipalityCode: 'GM0599', hoursPerWeek: 4, signedContract: true, payslip: true },
          { kind: 'WORK', municipalityCode: 'GM0344', hoursPerWeek: 8, signedContract: true, payslip: true },
        ],
      },
    ]);
    const [item] = (await queue({ search: `${prefix}-ties` })).items;
    expect(item.hardTies.map((x) => [x.kind, x.municipalityCode, x.radiusKm, x.memberPseudonym])).toEqual([
      ['FAMILY', 'GM0772', 50, h.members[0].pseudonym],
      ['WORK', 'GM0344', 50, h.members[0].pseudonym],
    ]);
    expect(item.hardTies[0].location.lat).toBeGreaterThan(51);
  });

  it('says who decided (the key label) and when, in the household history (R19)', async () => {
    const h = await household('decided', [{ permitDate: daysAgo(1), applicationDate: daysAgo(400) }]);
    const made = await t.gql<{ createApiKey: { key: string } }>(`mutation { createApiKey(input: { role: ADVISER, label: "COA regio Zuid" }) { key } }`, {}, admin);
    const key = made.data!.createApiKey.key;
    await t.gql(`mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) { id } }`, { i: { householdId: h.id, municipalityCode: 'GM0772', reason: 'Dicht bij familie' } }, key);
    const res = await t.gql<{ linkDecisions: { decidedBy: string; decidedAt: string; reason: string }[] }>(
      `query($h: ID!) { linkDecisions(householdId: $h) { decidedBy decidedAt reason } }`,
      { h: h.id },
      adviser,
    );
    expect(res.data!.linkDecisions).toEqual([{ decidedBy: 'COA regio Zuid', decidedAt: expect.any(String), reason: 'Dicht bij familie' }]);
    expect(Date.now() - Date.parse(res.data!.linkDecisions[0].decidedAt)).toBeLessThan(60_000);
  });

  it('takes any household–municipality pair apart, listed or not, as the list does (explainLink)', async () => {
    const h = await household('explain', [{ permitDate: daysAgo(2), applicationDate: daysAgo(400), ties: [{ kind: 'MEDICAL', municipalityCode: 'GM0772' }] }]);
    type Item = { municipalityCode: string; score: number; eligible: boolean; components: { name: string; contribution: number; reason: string }[]; checks: { rule: string; passed: boolean; reason: string }[] };
    const FIELDS = 'municipalityCode score eligible components { name contribution reason } checks { rule passed reason }';
    const list = await t.gql<{ municipalitySuggestions: { items: Item[] } }>(`query($h: ID!) { municipalitySuggestions(householdId: $h, take: 1, language: EN) { items { ${FIELDS} } } }`, { h: h.id }, adviser);
    const top = list.data!.municipalitySuggestions.items[0];
    const explain = (code: string, key = adviser) =>
      t.gql<{ explainLink: Item }>(`query($h: ID!, $m: String!) { explainLink(householdId: $h, municipalityCode: $m, language: EN) { ${FIELDS} } }`, { h: h.id, m: code }, key);
    expect((await explain(top.municipalityCode)).data!.explainLink).toEqual(top);
    const groningen = (await explain('GM0014')).data!.explainLink;
    expect(groningen.eligible).toBe(false);
    expect(groningen.checks.find((c) => c.rule === 'R12')).toMatchObject({ passed: false, reason: expect.stringMatching(/km/) });
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'suggestions.explainLink' AND $1 = ANY(subject_refs) ORDER BY id DESC LIMIT 1`, [h.id]);
    expect(audit.details).toMatchObject({ municipalityCode: 'GM0014', eligible: false });
    expect((await explain('GM9999')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const platform = await t.key(Role.PLATFORM, uniq('plt').toLowerCase());
    expect((await explain('GM0772', platform)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("gives every municipality's score for a map, equal to the list's scores, and the rule that excludes the others", async () => {
    const h = await household('map', [{ permitDate: daysAgo(2), applicationDate: daysAgo(400), ties: [{ kind: 'MEDICAL', municipalityCode: 'GM0772' }] }]);
    type S = {
      municipalitySuggestions: {
        eligibleCount: number;
        items: { municipalityCode: string; score: number }[];
        scores: { municipalityCode: string; eligible: boolean; score: number | null; excludedBy: string | null; capacityLeft: number | null }[];
      };
    };
    const res = await t.gql<S>(
      `query($h: ID!) { municipalitySuggestions(householdId: $h, take: 5) { eligibleCount items { municipalityCode score } scores { municipalityCode eligible score excludedBy capacityLeft } } }`,
      { h: h.id },
      adviser,
    );
    expect(res.errors).toBeUndefined();
    const { items, scores, eligibleCount } = res.data!.municipalitySuggestions;
    expect(scores).toHaveLength(342);
    expect(scores.filter((s) => s.eligible)).toHaveLength(eligibleCount);
    expect(eligibleCount).toBeGreaterThan(5);
    expect(eligibleCount).toBeLessThan(342); // a medical tie in Eindhoven excludes the north (R12)
    for (const i of items) expect(scores.find((s) => s.municipalityCode === i.municipalityCode)!.score).toBeCloseTo(i.score, 9);
    // The list is the best of the map's scores.
    const best = scores.filter((s) => s.eligible).map((s) => s.score!).sort((a, b) => b - a).slice(0, 5);
    expect(items.map((i) => i.score)).toEqual(best.map((b) => expect.closeTo(b, 9)));
    expect(scores.find((s) => s.municipalityCode === 'GM0014')).toMatchObject({ eligible: false, score: null, excludedBy: 'R12' }); // Groningen
    // Asked through a fragment too.
    const viaFragment = await t.gql<S>(
      `query($h: ID!) { municipalitySuggestions(householdId: $h) { ...M } } fragment M on MunicipalitySuggestionResult { scores { municipalityCode } }`,
      { h: h.id },
      adviser,
    );
    expect(viaFragment.data!.municipalitySuggestions.scores).toHaveLength(342);
  });

  it('publishes the default policy under the names of PolicyOverride', async () => {
    const res = await t.gql<{ policyDefaults: Record<string, unknown> }>(
      `{ policyDefaults { version tieRadiusKm minWorkHoursForTie asylumWorkWaitMonths socialAssistanceNormSingle distanceReferenceRadiusKm historicalWorkCap { enabled weeksPerYear abolishedOn } jobWeights { skills } linkWeights { vacancyCount } } }`,
    );
    // The shipped version in force today: the latest effectiveFrom on or before today.
    const dir = join(__dirname, '../../config/policies');
    const today = new Date().toISOString().slice(0, 10);
    const file = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
      .filter((v) => v.effectiveFrom <= today)
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
    const about = await t.gql<{ about: { policyVersion: string } }>(`{ about { policyVersion } }`);
    expect(res.data!.policyDefaults).toEqual({
      version: about.data!.about.policyVersion,
      tieRadiusKm: file.params.tieRadiusKm,
      minWorkHoursForTie: file.params.minWorkHoursForTie,
      asylumWorkWaitMonths: file.params.asylumWorkWaitMonths,
      socialAssistanceNormSingle: file.params.socialAssistanceNormPerMonth.single,
      distanceReferenceRadiusKm: file.params.distance.referenceRadiusKm,
      historicalWorkCap: file.params.historicalWorkCap,
      jobWeights: { skills: file.jobWeights.skills },
      linkWeights: { vacancyCount: file.linkWeights.vacancyCount },
    });
  });
});
