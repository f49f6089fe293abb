import { Role } from '../../apps/api/src/common/auth/role';
import { MAX_SIMULATION_COHORT } from '../../apps/api/src/modules/simulations/simulation.models';
import { candidateInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/** A half-year and permit range no other file uses. */
const PERIOD = '2019-H1';

const RUN = `mutation($i: SimulationInput!) { simulateArrivals(input: $i) {
  id status error source households persons capacity upperBound cohortLeftOut
  shortage { households persons places shortfall tieHolders { households persons places shortfall } placed personsPlaced textNl textEn }
  policies { policy objective ofHindsight placed personsPlaced stranded tieHolders tieHoldersPlaced } } }`;

type Policy = { policy: string; objective: number; ofHindsight: number; placed: number; personsPlaced: number; stranded: number; tieHolders: number; tieHoldersPlaced: number };
type Shortage = {
  households: number;
  persons: number;
  places: number | null;
  shortfall: number | null;
  tieHolders: { households: number; persons: number; places: number | null; shortfall: number | null };
  placed: number;
  personsPlaced: number;
  textNl: string;
  textEn: string;
};
type Sim = { id: string; status: string; error: string | null; source: string; households: number | null; persons: number | null; capacity: number | null; upperBound: number | null; cohortLeftOut: number | null; shortage: Shortage | null; policies: Policy[] };

/**
 * simulateArrivals from a real cohort in the database: status holders' households only (R2), each
 * arriving on its permit day, scored exactly in the job against the period's remaining housing
 * tasks (R11), with the shortage report at the top (R11, R12).
 */
describe('arrival simulations from a cohort in the database', () => {
  let t: TestApp;
  let admin: string;
  let evaluator: string;
  const cohort: { id: string; persons: number }[] = [];
  let seeker: string;

  const createHousehold = async (candidate: Record<string, unknown>, size: number, arrivalDate = '2018-12-01') => {
    const c = await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ applicationDate: '2018-06-01', ...candidate }) }, admin);
    expect(c.errors).toBeUndefined();
    const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds: [c.data!.createCandidate.id], size, arrivalDate } }, admin);
    expect(h.errors).toBeUndefined();
    return h.data!.createHousehold.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [admin, evaluator] = await Promise.all([t.key(Role.ADMIN), t.key(Role.EVALUATOR)]);
    // Two tie holders near Eindhoven (R12, the factory's family tie), two without ties, sizes 1 to 4.
    const specs: [Record<string, unknown>, number][] = [
      [{ permitDate: '2019-01-10' }, 3],
      [{ permitDate: '2019-02-14' }, 1],
      [{ permitDate: '2019-03-01', ties: [], preferences: { regionCodes: ['AM15'] } }, 4],
      [{ permitDate: '2019-04-20', ties: [], preferences: { regionCodes: ['AM02'] } }, 2],
    ];
    for (const [c, size] of specs) cohort.push({ id: await createHousehold(c, size), persons: size });
    // R2: an asylum seeker's household (no permit) that arrived within the range.
    seeker = await createHousehold({ legalStatus: 'ASYLUM_SEEKER', permitDate: null, applicationDate: '2019-02-01' }, 2, '2019-03-15');
    expect((await t.gql(`mutation { setHousingNationalTotal(period: "${PERIOD}", total: 4000) { period } }`, {}, admin)).errors).toBeUndefined();
  }, 90_000);
  afterAll(() => t?.close());

  const check = (s: Sim) => {
    expect({ status: s.status, error: s.error, source: s.source, households: s.households }).toEqual({ status: 'DONE', error: null, source: 'COHORT', households: cohort.length });
    const persons = cohort.reduce((a, h) => a + h.persons, 0);
    expect(s.persons).toBe(persons);
    expect(s.policies.map((p) => p.policy)).toEqual(['hindsight', 'today', 'myopic', 'dynamic']);
    const hindsight = s.policies[0];
    // The hindsight optimum never exceeds its bound, and no online policy beats it.
    expect(hindsight.objective).toBeLessThanOrEqual(s.upperBound! + 1e-9);
    expect(hindsight.objective).toBeGreaterThan(0);
    for (const p of s.policies) {
      expect(p.objective).toBeLessThanOrEqual(hindsight.objective + 1e-9);
      expect(p.tieHoldersPlaced).toBeLessThanOrEqual(p.tieHolders);
    }
    expect(hindsight.tieHolders).toBe(2);
    // The shortage report, first: the cohort's persons against the period's places (R11), the tie holders against those within their radius (R12).
    const sh = s.shortage!;
    expect({ households: sh.households, persons: sh.persons, places: sh.places }).toEqual({ households: cohort.length, persons, places: s.capacity });
    expect(sh.tieHolders).toMatchObject({ households: 2, persons: 4 });
    expect(sh.tieHolders.places!).toBeGreaterThan(0);
    expect(sh.tieHolders.places!).toBeLessThan(sh.places!);
    expect(sh.placed).toBe(hindsight.placed);
    expect(sh.textNl).toContain(`${persons} personen in ${cohort.length} huishoudens`);
    expect(sh.textEn).toContain(`${persons} persons in ${cohort.length} households`);
    expect(sh.textEn).toMatch(/within 50 km of their hard ties/);
  };

  it('replays the named households, each on its permit day, against the hindsight optimum', async () => {
    const res = await t.gql<{ simulateArrivals: Sim }>(RUN, { i: { name: 'cohort by id', cohort: { householdIds: cohort.map((h) => h.id), period: PERIOD }, wait: true } }, evaluator);
    expect(res.errors).toBeUndefined();
    check(res.data!.simulateArrivals);
    expect(res.data!.simulateArrivals.cohortLeftOut).toBe(0);
  }, 180_000);

  it('by permit range: leaves the household without a status holder out and says how many (R2)', async () => {
    const res = await t.gql<{ simulateArrivals: Sim }>(RUN, { i: { name: 'cohort by permit', cohort: { permitFrom: '2019-01-01', permitTo: '2019-06-30', period: PERIOD }, wait: true } }, admin);
    expect(res.errors).toBeUndefined();
    check(res.data!.simulateArrivals);
    expect(res.data!.simulateArrivals.cohortLeftOut).toBe(1);
  }, 180_000);

  it('refuses a named household without a status holder, a period without a national total, a cohort too large, both sources at once', async () => {
    const ids = [cohort[0].id, seeker];
    const bad = await t.gql(RUN, { i: { name: 'x', cohort: { householdIds: ids, period: PERIOD } } }, evaluator);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.cohort.householdIds[1]', rule: 'R2' }] });
    const noTotal = await t.gql(RUN, { i: { name: 'x', cohort: { householdIds: [cohort[0].id], period: '2018-H2' } } }, evaluator);
    expect(noTotal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.cohort.period', rule: 'R11' }] });
    const many = Array.from({ length: MAX_SIMULATION_COHORT + 1 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const tooMany = await t.gql(RUN, { i: { name: 'x', cohort: { householdIds: many, period: PERIOD } } }, evaluator);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(tooMany.errors![0].extensions)).toContain('input.cohort.householdIds');
    const both = await t.gql(RUN, { i: { name: 'x', streamJsonl: '{}', cohort: { householdIds: [cohort[0].id] } } }, evaluator);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.cohort', rule: 'oneOf' }] });
    const range = await t.gql(RUN, { i: { name: 'x', cohort: { householdIds: [cohort[0].id], permitFrom: '2019-01-01' } } }, evaluator);
    expect(range.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.cohort', rule: 'oneOf' }] });
    // Nothing was queued by a refusal.
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM job WHERE kind = 'simulation' AND input->>'name' = 'x'`);
    expect(n).toBe(0);
  }, 60_000);

  it('is for evaluators and admins only: PLATFORM and ADVISER are forbidden', async () => {
    for (const role of [Role.PLATFORM, Role.ADVISER]) {
      const key = await t.key(role, `sim-cohort-${role}`);
      const res = await t.gql(RUN, { i: { name: 'y', cohort: { householdIds: [cohort[0].id], period: PERIOD } } }, key);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  }, 30_000);
});
