import { Role } from '../../apps/api/src/common/auth/role';
import { Environment } from '../../apps/api/src/config/environment';
import { AuditService } from '../../apps/api/src/modules/audit/audit.service';
import { JobQueue } from '../../apps/api/src/modules/jobs/job-queue';
import { JobRunner } from '../../apps/api/src/modules/jobs/job-runner';
import { PlacePricesService } from '../../apps/api/src/modules/place-prices/place-prices.service';
import { ReferenceIndex } from '../../apps/api/src/modules/reference/reference-index.service';
import { candidateInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/** A half-year no other file uses, and a day early in it (the rest of the period is nearly all of it). */
const PERIOD = '2031-H1';
const ON_DATE = '2031-01-05';
/** Vlieland: a small island; the municipalities within 50 km of it (R12) hold few places. */
const ISLAND = 'GM0096';
const NEAR_ISLAND = ['GM0096', 'GM0448', 'GM0093', 'GM0072', 'GM0400', 'GM1949', 'GM1900', 'GM1911'];
const FAR = 'GM0935'; // Maastricht

const RECOMPUTE = `mutation($i: RecomputePlacePricesInput!) { recomputePlacePrices(input: $i) {
  id status error period trigger priceSet { id version priceVersion trigger period forecast { method size poolSize seed } waitingHouseholds notes
    prices { municipalityCode municipalityName pricePerPerson capacityLeft plannedPersons plannedHouseholds tieHolders } } } }`;
const SUGGEST = `query($h: ID!, $mode: SuggestionMode) { municipalitySuggestions(householdId: $h, take: 15, period: "${PERIOD}", mode: $mode) {
  mode placePriceVersion modeNote modeNoteNl modeNoteEn policyVersion suggestionId
  items { municipalityCode municipalityName score eligible components { name value weight contribution reasonNl reasonEn } checks { rule passed } } } }`;

type Price = { municipalityCode: string; municipalityName: string; pricePerPerson: number | null; capacityLeft: number; plannedPersons: number; plannedHouseholds: number; tieHolders: number };
type PriceSet = { id: string; version: number; priceVersion: string; trigger: string; period: string; forecast: { method: string; size: number; poolSize: number; seed: number }; waitingHouseholds: number; notes: string[]; prices: Price[] };
type Job = { id: string; status: string; error: string | null; period: string; trigger: string; priceSet: PriceSet | null };
type Item = { municipalityCode: string; municipalityName: string; score: number; eligible: boolean; components: { name: string; value: number; weight: number; contribution: number; reasonNl: string; reasonEn: string }[]; checks: { rule: string; passed: boolean }[] };
type Suggestions = { mode: string; placePriceVersion: string | null; modeNote: string | null; modeNoteNl: string | null; modeNoteEn: string | null; items: Item[] };

/**
 * The prices of places (R11) and the dynamic suggestions built on them, end to end: a job computes
 * the prices from the waiting households and a forecast, they are zero where room is loose and
 * positive where it binds, DYNAMIC suggestions take them off the link score as their own
 * component without ever breaking a hard rule (R12), and the schedule queues new prices.
 */
describe('prices of places and dynamic suggestions', () => {
  let t: TestApp;
  let admin: string;
  let adviser: string;
  let evaluator: string;
  let platform: string;
  let islander: string; // a 3-person household with a family tie on the island: the forecast's template
  let mover: string; // a 1-person household without ties that prefers Noord-Holland Noord (AM15)

  const createHousehold = async (candidate: Record<string, unknown>, size: number, arrivalDate: string) => {
    const c = await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput(candidate) }, admin);
    const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: [c.data!.createCandidate.id], size, arrivalDate } }, admin);
    expect(h.errors).toBeUndefined();
    return h.data!.createHousehold.id;
  };
  const setTotal = (total: number) => t.gql(`mutation { setHousingNationalTotal(period: "${PERIOD}", total: ${total}) { period } }`, {}, admin);
  const recompute = async (input: Record<string, unknown>, key = admin) => t.gql<{ recomputePlacePrices: Job }>(RECOMPUTE, { i: { period: PERIOD, onDate: ON_DATE, wait: true, ...input } }, key);
  const cohortForecast = (size: number) => ({ forecast: { method: 'COHORT', householdIds: [islander], size, seed: 7 } });
  const suggest = async (h: string, mode: 'STATIC' | 'DYNAMIC', key = adviser) => {
    const res = await t.gql<{ municipalitySuggestions: Suggestions }>(SUGGEST, { h, mode }, key);
    expect(res.errors).toBeUndefined();
    return res.data!.municipalitySuggestions;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [admin, adviser, evaluator, platform] = await Promise.all([t.key(Role.ADMIN), t.key(Role.ADVISER), t.key(Role.EVALUATOR), t.key(Role.PLATFORM, 'prices-test')]);
    islander = await createHousehold({ ties: [{ kind: 'FAMILY', municipalityCode: ISLAND }], preferences: { regionCodes: ['AM02'] } }, 3, '2030-02-01');
    // Available 1 hour a week: no vacancy passes the hours gate (R9), so the vacancies other files
    // leave behind do not move its list; its preferences (R13) alone put Den Helder first.
    mover = await createHousehold({ ties: [], hoursAvailable: 1, preferences: { municipalityCodes: ['GM0400'], regionCodes: ['AM15'] } }, 1, '2031-01-02');
  }, 90_000);
  afterAll(() => t?.close());

  it('answers DYNAMIC without prices as STATIC, and says so plainly in both languages', async () => {
    expect((await setTotal(1_000_000)).errors).toBeUndefined();
    const [still, dyn] = [await suggest(mover, 'STATIC'), await suggest(mover, 'DYNAMIC')];
    expect(still).toMatchObject({ mode: 'STATIC', placePriceVersion: null, modeNote: null });
    expect(dyn.mode).toBe('STATIC');
    expect(dyn.placePriceVersion).toBeNull();
    expect(dyn.modeNoteNl).toContain(`Voor ${PERIOD} zijn nog geen plaatsprijzen berekend`);
    expect(dyn.modeNoteEn).toContain(`No place prices have been computed for ${PERIOD}`);
    expect(dyn.modeNote).toBe(dyn.modeNoteNl);
    expect(dyn.items.map((i) => [i.municipalityCode, i.score])).toEqual(still.items.map((i) => [i.municipalityCode, i.score]));
    expect(dyn.items.flatMap((i) => i.components).some((c) => c.name === 'placePrice')).toBe(false);
    expect((await t.gql<{ placePrices: PriceSet | null }>(`{ placePrices(period: "${PERIOD}") { id } }`, {}, adviser)).data!.placePrices).toBeNull();
  });

  it('prices every place at zero where room is loose', async () => {
    const res = await recompute(cohortForecast(60));
    expect(res.errors).toBeUndefined();
    const job = res.data!.recomputePlacePrices;
    expect({ status: job.status, error: job.error }).toEqual({ status: 'DONE', error: null });
    const set = job.priceSet!;
    expect(set).toMatchObject({ version: 1, priceVersion: `${PERIOD}#1`, trigger: 'MANUAL', period: PERIOD, forecast: { method: 'COHORT', size: 60, poolSize: 1, seed: 7 } });
    expect(set.waitingHouseholds).toBeGreaterThanOrEqual(2);
    expect(set.prices).toHaveLength(342);
    expect(set.prices.filter((p) => p.pricePerPerson !== 0)).toEqual([]);
    // The forecast's 60 copies of the island household, each placed within 50 km of its tie (R12).
    const planned = set.prices.filter((p) => NEAR_ISLAND.includes(p.municipalityCode)).reduce((s, p) => s + p.tieHolders, 0);
    expect(planned).toBeGreaterThanOrEqual(60);
  }, 120_000);

  it('prices places where the forecast tie holders need them, and only there; a new version', async () => {
    // 6,000 a year nationally leaves about 100 places within 50 km of the island, for 60 × 3 persons.
    expect((await setTotal(6_000)).errors).toBeUndefined();
    const job = (await recompute(cohortForecast(60))).data!.recomputePlacePrices;
    expect(job.status).toBe('DONE');
    const set = job.priceSet!;
    expect(set.version).toBe(2);
    const price = new Map(set.prices.map((p) => [p.municipalityCode, p]));
    const positive = set.prices.filter((p) => (p.pricePerPerson ?? 0) > 0);
    // Binding: the island's neighbours are priced, Maastricht is not.
    expect(positive.filter((p) => NEAR_ISLAND.includes(p.municipalityCode)).length).toBeGreaterThanOrEqual(4);
    expect(price.get(FAR)!.pricePerPerson).toBe(0);
    // Complementary slackness: a priced municipality is full in the priced plan, up to less than one household.
    for (const p of positive) expect({ code: p.municipalityCode, slack: p.capacityLeft - p.plannedPersons < 3 }).toEqual({ code: p.municipalityCode, slack: true });
    // Prices are per person, in link-score points: below the best score a person could bring.
    for (const p of positive) expect(p.pricePerPerson!).toBeLessThanOrEqual(1);
    const current = await t.gql<{ placePrices: { version: number; priceVersion: string; decisionsSince: number } }>(`{ placePrices(period: "${PERIOD}") { version priceVersion decisionsSince } }`, {}, evaluator);
    expect(current.data!.placePrices).toEqual({ version: 2, priceVersion: `${PERIOD}#2`, decisionsSince: 0 });
    const first = await t.gql<{ placePrices: { version: number } }>(`{ placePrices(period: "${PERIOD}", version: 1) { version } }`, {}, adviser);
    expect(first.data!.placePrices.version).toBe(1);
  }, 120_000);

  it('DYNAMIC ranks by link score minus the price of the places taken, names the prices, and keeps the sums', async () => {
    const [still, dyn] = [await suggest(mover, 'STATIC'), await suggest(mover, 'DYNAMIC')];
    const prices = (await t.gql<{ placePrices: PriceSet }>(`{ placePrices(period: "${PERIOD}") { prices { municipalityCode pricePerPerson } } }`, {}, adviser)).data!.placePrices;
    const priceOf = new Map(prices.prices.map((p) => [p.municipalityCode, p.pricePerPerson ?? 0]));
    expect(dyn).toMatchObject({ mode: 'DYNAMIC', placePriceVersion: `${PERIOD}#2`, modeNote: null });
    // A favourite of the static list (a preferred municipality, R13) lies near the island, where places are priced.
    expect(still.items[0].municipalityCode).toBe('GM0400');
    // The first priced one of the static list (Den Helder) drops in the dynamic one.
    const pricedRank = still.items.findIndex((i) => (priceOf.get(i.municipalityCode) ?? 0) > 0);
    expect(pricedRank).toBeGreaterThanOrEqual(0);
    const pricedCode = still.items[pricedRank].municipalityCode;
    const dynRank = dyn.items.findIndex((i) => i.municipalityCode === pricedCode);
    expect({ pricedCode, dropped: dynRank === -1 || dynRank > pricedRank }).toEqual({ pricedCode, dropped: true });
    expect(dyn.items.map((i) => i.municipalityCode)).not.toEqual(still.items.map((i) => i.municipalityCode));
    const staticScore = new Map(still.items.map((i) => [i.municipalityCode, i.score]));
    for (const item of dyn.items) {
      expect(item.eligible).toBe(true);
      expect(item.checks.filter((c) => !c.passed)).toEqual([]);
      // Components sum to the score (R18); the price is one of them, price × persons (1 here).
      expect(item.components.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(item.score, 9);
      const pc = item.components.find((c) => c.name === 'placePrice')!;
      expect(pc.value).toBeCloseTo(priceOf.get(item.municipalityCode)!, 6);
      expect(pc.contribution).toBeCloseTo(-pc.value, 9);
      expect(pc.reasonNl).toContain(`Plaatsen in ${item.municipalityName} `);
      expect(pc.reasonEn).toContain(`in ${item.municipalityName} `);
      expect(pc.reasonNl).not.toContain(item.municipalityCode);
      if (staticScore.has(item.municipalityCode)) expect(item.score).toBeCloseTo(staticScore.get(item.municipalityCode)! - pc.value, 9);
    }
    // Best first, by the dynamic score.
    expect(dyn.items.map((i) => i.score)).toEqual([...dyn.items.map((i) => i.score)].sort((a, b) => b - a));
    const near = dyn.items.find((i) => NEAR_ISLAND.includes(i.municipalityCode) && (priceOf.get(i.municipalityCode) ?? 0) > 0);
    if (near) expect(near.components.find((c) => c.name === 'placePrice')!.reasonNl).toMatch(/nodig voor huishoudens (met harde binding daar|die er beter passen): \u2212\d,\d+$/);
    const audit: { details: { mode: string; placePriceVersion?: string } }[] = await t.dataSource.query(
      `SELECT details FROM audit_event WHERE action = 'suggestions.municipalities' AND $1 = ANY(subject_refs) ORDER BY id DESC LIMIT 1`,
      [mover],
    );
    expect(audit[0].details).toMatchObject({ mode: 'DYNAMIC', placePriceVersion: `${PERIOD}#2` });
  });

  it('never breaks a hard rule: a tie holder\'s dynamic list stays within the radius of its tie (R12)', async () => {
    const dyn = await suggest(islander, 'DYNAMIC');
    expect(dyn.mode).toBe('DYNAMIC');
    expect(dyn.items.length).toBeGreaterThan(0);
    for (const item of dyn.items) {
      expect(NEAR_ISLAND).toContain(item.municipalityCode);
      expect(item.checks.find((c) => c.rule === 'R12')?.passed).toBe(true);
      // Three persons, under the default PERSON weighting of the priced plan: the price counts once
      // (persons ÷ weight = 1), as the plan charges the household (persons × (score − price)).
      const pc = item.components.find((c) => c.name === 'placePrice')!;
      expect(pc.weight).toBe(-1);
      expect(pc.contribution).toBeCloseTo(-pc.value, 9);
      expect(item.components.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(item.score, 9);
    }
  });

  it('lets only admins recompute, admins, advisers and evaluators read; refuses bad input naming the field', async () => {
    for (const key of [adviser, evaluator, platform]) expect((await recompute({}, key)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(`{ placePrices(period: "${PERIOD}") { id } }`, {}, platform)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const over = await t.gql(RECOMPUTE, { i: { period: '2030-H1', onDate: ON_DATE } }, admin);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.period', rule: 'notOver' }] });
    const noCohort = await t.gql(RECOMPUTE, { i: { period: PERIOD, forecast: { method: 'COHORT' } } }, admin);
    expect(noCohort.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.forecast', rule: 'cohort' }] });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM job WHERE kind = 'place-prices' AND input->>'period' = '2030-H1'`);
    expect(n).toBe(0);
  });

  it('audits who asked for prices and what the job stored', async () => {
    const rows: { action: string; actor_role: string | null; details: { period: string; trigger: string } }[] = await t.dataSource.query(
      `SELECT action, actor_role, details FROM audit_event WHERE action LIKE 'place-prices.%' AND details->>'period' = $1 ORDER BY id`,
      [PERIOD],
    );
    expect(rows.map((r) => [r.action, r.actor_role, r.details.trigger])).toEqual([
      ['place-prices.queued', 'ADMIN', 'MANUAL'],
      ['place-prices.computed', null, 'MANUAL'],
      ['place-prices.queued', 'ADMIN', 'MANUAL'],
      ['place-prices.computed', null, 'MANUAL'],
    ]);
  });

  it('queues new prices on the schedule: after N link decisions, and when the newest are a day old', async () => {
    // The schedule as a process configured for it would run it, on a clock inside the period.
    const withEnv = (every: number, after: number) =>
      new PlacePricesService(
        t.dataSource,
        t.app.get(JobQueue),
        t.app.get(JobRunner),
        t.app.get(AuditService),
        Object.assign(Object.create(t.app.get(Environment)), { PLACE_PRICES_EVERY_HOURS: every, PLACE_PRICES_AFTER_DECISIONS: after }),
        t.app.get(ReferenceIndex),
      );
    const byDecisions = withEnv(0, 2);
    const clock = new Date('2031-01-05T12:00:00Z');
    expect(await byDecisions.checkSchedule(clock)).toBeNull();
    const decide = (householdId: string, municipalityCode: string) =>
      t.gql(`mutation($i: LinkDecisionInput!) { recordLinkDecision(input: $i) { id } }`, { i: { householdId, municipalityCode, reason: 'schedule test', period: PERIOD } }, adviser);
    expect((await decide(mover, 'GM0441')).errors).toBeUndefined();
    expect(await byDecisions.checkSchedule(clock)).toBeNull();
    expect((await decide(islander, 'GM0400')).errors).toBeUndefined();
    const afterTwo = await byDecisions.checkSchedule(clock);
    expect(afterTwo).not.toBeNull();
    // One at a time: while it is queued or running, nothing more is queued.
    expect(await byDecisions.checkSchedule(clock)).toBeNull();
    await t.app.get(JobRunner).waitFor(afterTwo!, 120_000);
    const job = await t.gql<{ placePriceJob: Job }>(`query($id: ID!) { placePriceJob(id: $id) { status error trigger priceSet { version trigger } } }`, { id: afterTwo }, admin);
    expect(job.data!.placePriceJob).toMatchObject({ status: 'DONE', error: null, trigger: 'DECISIONS', priceSet: { version: 3, trigger: 'DECISIONS' } });
    expect(await byDecisions.checkSchedule(clock)).toBeNull();

    const daily = withEnv(24, 0);
    await t.dataSource.query(`UPDATE place_price_set SET computed_at = $2 WHERE period = $1 AND version = 3`, [PERIOD, clock.toISOString()]);
    expect(await daily.checkSchedule(new Date('2031-01-06T10:00:00Z'))).toBeNull();
    const dayOld = await daily.checkSchedule(new Date('2031-01-06T13:00:00Z'));
    expect(dayOld).not.toBeNull();
    await t.app.get(JobRunner).waitFor(dayOld!, 120_000);
    const [stored] = await t.dataSource.query(`SELECT trigger, version, on_date::text AS "onDate" FROM place_price_set WHERE job_id = $1`, [dayOld]);
    expect(stored).toEqual({ trigger: 'SCHEDULE', version: 4, onDate: '2031-01-06' });
    const queued: { actor_role: string | null; trigger: string }[] = await t.dataSource.query(
      `SELECT actor_role, details->>'trigger' AS trigger FROM audit_event WHERE action = 'place-prices.queued' AND subject_refs && $1::text[] ORDER BY id`,
      [[afterTwo, dayOld]],
    );
    expect(queued).toEqual([
      { actor_role: null, trigger: 'DECISIONS' },
      { actor_role: null, trigger: 'SCHEDULE' },
    ]);
  }, 240_000);
});
