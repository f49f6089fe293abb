import { Role } from '../../apps/api/src/common/auth/role';
import { startTestApp, TestApp } from '../helpers/test-app';

const RUN = `mutation($i: SimulationInput!) { simulateArrivals(input: $i) {
  id name status error source households persons capacity upperBound
  policies { policy objective ofHindsight placed stranded strandedHindsightPlaces tieHolders tieHoldersPlaced maxRegionDeviation placedGap { gender size } repricings } } }`;

type Policy = { policy: string; objective: number; ofHindsight: number; placed: number; stranded: number; strandedHindsightPlaces: number; tieHolders: number; tieHoldersPlaced: number; maxRegionDeviation: number; repricings: number };
type Sim = { id: string; name: string; status: string; error: string | null; source: string; households: number | null; persons: number | null; capacity: number | null; upperBound: number | null; policies: Policy[] };

/** simulateArrivals: the arrival simulator of libs/matching as a background job for evaluators, like runScenario. */
describe('arrival simulations as jobs', () => {
  let t: TestApp;
  let evaluator: string;
  let other: string;
  let adviser: string;

  beforeAll(async () => {
    t = await startTestApp();
    [evaluator, other, adviser] = await Promise.all([t.key(Role.EVALUATOR), t.key(Role.EVALUATOR), t.key(Role.ADVISER)]);
  }, 60_000);
  afterAll(() => t?.close());

  it('replays a synthetic stream under every policy against the hindsight optimum', async () => {
    const res = await t.gql<{ simulateArrivals: Sim }>(RUN, { i: { name: 'tight 400', households: 400, seed: 3, tightness: 1.05, wait: true } }, evaluator);
    expect(res.errors).toBeUndefined();
    const s = res.data!.simulateArrivals;
    expect({ status: s.status, error: s.error, source: s.source, households: s.households }).toEqual({ status: 'DONE', error: null, source: 'SYNTHETIC', households: 400 });
    expect(s.policies.map((p) => p.policy)).toEqual(['hindsight', 'today', 'myopic', 'dynamic']);
    const hindsight = s.policies[0];
    expect(hindsight.ofHindsight).toBe(1);
    // No policy beats the hindsight optimum, and none exceeds its bound; tie holders are placed only within their radius.
    for (const p of s.policies) {
      expect(p.objective).toBeLessThanOrEqual(s.upperBound! + 1e-9);
      expect(p.ofHindsight).toBeLessThanOrEqual(1 + 1e-9);
      expect(p.tieHoldersPlaced).toBeLessThanOrEqual(p.tieHolders);
      expect(p.placed).toBeLessThanOrEqual(400);
    }
    expect(s.policies.find((p) => p.policy === 'dynamic')!.repricings).toBeGreaterThan(0);
    expect(s.persons!).toBeGreaterThan(400);
    const polled = await t.gql<{ simulation: Sim | null }>(`query($id: ID!) { simulation(id: $id) { status policies { policy } } }`, { id: s.id }, evaluator);
    expect(polled.data!.simulation).toEqual({ status: 'DONE', policies: s.policies.map((p) => ({ policy: p.policy })) });
    // Another evaluator's key does not see it; an adviser may not ask at all.
    expect((await t.gql<{ simulation: Sim | null }>(`query($id: ID!) { simulation(id: $id) { id } }`, { id: s.id }, other)).data!.simulation).toBeNull();
    expect((await t.gql(RUN, { i: { name: 'x', households: 10 } }, adviser)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const audit: { actor_role: string; details: { households: number; source: string } }[] = await t.dataSource.query(`SELECT actor_role, details FROM audit_event WHERE action = 'simulation.run' AND $1 = ANY(subject_refs)`, [s.id]);
    expect(audit.map((a) => [a.actor_role, a.details.households, a.details.source])).toEqual([['EVALUATOR', 400, 'SYNTHETIC']]);
  }, 180_000);

  it('refuses a bad stream with the field and the reason, as a failed run', async () => {
    const res = await t.gql<{ simulateArrivals: Sim }>(RUN, { i: { name: 'bad', streamJsonl: '{"not":"a stream"}\n', wait: true } }, evaluator);
    expect(res.data!.simulateArrivals.status).toBe('FAILED');
    expect(res.data!.simulateArrivals.error).toMatch(/^input\.streamJsonl: /);
    const wave = await t.gql(RUN, { i: { name: 'bad wave', wave: 'Utrecht:1:0.3' } }, evaluator);
    expect(wave.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.wave' }] });
  }, 60_000);
});
