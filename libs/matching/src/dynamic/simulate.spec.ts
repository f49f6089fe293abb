import { greedyChoices } from '../placement/greedy';
import { solvePlacement } from '../placement/solve-placement';
import type { PlacementMunicipality } from '../placement/types';
import { simulate } from './simulate';
import { problemOf, type ArrivalStream, type StreamHousehold } from './stream';
import { parseStreamJsonl, streamToJsonl } from './stream-jsonl';
import { syntheticStream, type SyntheticMunicipality } from './synthetic-stream';

const mun = (code: string, capacity: number, regionCode = 'AM01'): PlacementMunicipality => ({ code, capacity, regionCode, population: 1000 });
const hh = (id: string, persons: number, day: number, links: [number, number][], tieHolder = false): StreamHousehold => ({
  id,
  persons,
  day,
  mun: Int32Array.from(links, (l) => l[0]),
  score: Float64Array.from(links, (l) => l[1]),
  tieHolder,
  monitoring: { gender: 'FEMALE', ageBand: '25-34', origin: 'SY' },
});

/**
 * Utrecht (index 0) has room for one household of two; Zeist (1) for many. A household without
 * ties arrives first and fits Utrecht best; a household whose family lives in Utrecht (R12: only
 * Utrecht is within its radius) arrives ten days later. The earlier half-year had the same
 * pattern, so the forecast expects such a tie holder.
 */
function tieStream(): ArrivalStream {
  return {
    municipalities: [mun('GM0344', 2), mun('GM0355', 10)],
    households: [hh('a-first', 2, 0, [[0, 0.9], [1, 0.8]]), hh('b-tie', 2, 10, [[0, 0.7]], true)],
    history: [hh('p-first', 2, 0, [[0, 0.9], [1, 0.8]]), hh('p-tie', 2, 10, [[0, 0.7]], true)],
  };
}

describe('simulate: online policies against the hindsight optimum', () => {
  it('the dynamic policy keeps the place for a later tie holder that the myopic one gives away (R12)', async () => {
    const r = await simulate(tieStream(), { repriceDays: 1 });
    const by = new Map(r.metrics.map((m) => [m.policy, m]));
    expect(by.get('myopic')!.stranded).toBe(1);
    expect(by.get('myopic')!.strandedHindsightPlaces).toBe(1);
    expect(by.get('myopic')!.tieHoldersPlaced).toBe(0);
    expect(by.get('dynamic')!.stranded).toBe(0);
    expect(by.get('dynamic')!.tieHoldersPlaced).toBe(1);
    expect(by.get('dynamic')!.objective).toBeCloseTo(1.5, 9);
    expect(by.get('hindsight')!.objective).toBeCloseTo(1.5, 9);
    expect(by.get('dynamic')!.ofHindsight).toBeCloseTo(1, 9);
    expect(by.get('myopic')!.ofHindsight).toBeCloseTo(0.6, 9);
  });

  it('reports the shortage at the top: persons against places overall and for the tie holders within their reach (R11, R12)', async () => {
    const r = await simulate(tieStream(), { repriceDays: 1 });
    // 4 persons against 12 places; the tie holder (2 persons) reaches Utrecht only: 2 places.
    expect(r.shortage).toMatchObject({ households: 2, persons: 4, places: 12, shortfall: 0, tieHolders: { households: 1, persons: 2, places: 2, shortfall: 0 }, placed: 2, personsPlaced: 4 });
    // Tighter: Utrecht has no room for the tie holder at all, and overall 4 persons meet 3 places.
    const s = tieStream();
    const tight = await simulate({ ...s, municipalities: [mun('GM0344', 1), mun('GM0355', 2)] }, { repriceDays: 1 });
    expect(tight.shortage).toMatchObject({ persons: 4, places: 3, shortfall: 1, tieHolders: { persons: 2, places: 1, shortfall: 1 }, placed: 1 });
  });

  it('without a tie holder in the forecast, the dynamic policy has no reason to hold the place', async () => {
    const s = tieStream();
    const r = await simulate({ ...s, history: [] }, { repriceDays: 1 });
    expect(r.metrics.find((m) => m.policy === 'dynamic')!.stranded).toBe(1);
  });

  const munis: SyntheticMunicipality[] = Array.from({ length: 30 }, (_, i) => ({
    code: `GM${String(100 + i).padStart(4, '0')}`,
    regionCode: `AM0${1 + (i % 3)}`,
    population: 5000 + ((i * 7919) % 90000),
    centroid: { lat: 51.5 + (i % 6) * 0.25, lon: 4.5 + Math.floor(i / 6) * 0.3 },
  }));

  /** Where the test is about the online policies, the hindsight plan need not be proved optimal. */
  const FAST = { method: 'lagrangian' as const };

  it('the hindsight value equals solvePlacement on the same cohort and never exceeds its bound', async () => {
    for (const seed of [1, 2]) {
      const stream = syntheticStream(munis, { seed, households: 40, tightness: 1.1 });
      const r = await simulate(stream, { policies: ['myopic'] });
      expect(r.hindsight.method).toBe('exact');
      expect(r.hindsight.notes).toEqual([]);
      const plan = await solvePlacement(problemOf(stream.municipalities, stream.households));
      expect(r.hindsight.objective).toBeCloseTo(plan.objective, 9);
      expect(r.metrics[0].objective).toBeCloseTo(plan.objective, 9);
      expect(r.hindsight.objective).toBeLessThanOrEqual(r.hindsight.upperBound + 1e-9);
      for (const m of r.metrics) expect(m.objective).toBeLessThanOrEqual(r.hindsight.upperBound + 1e-9);
    }
    // The exact solves take a few seconds each; more on a busy machine.
  }, 120_000);

  it('the myopic policy is the plans\' greedy baseline (best link score with room, in arrival order)', async () => {
    const stream = syntheticStream(munis, { seed: 4, households: 150, tightness: 1.0 });
    const r = await simulate(stream, { policies: ['myopic'], hindsight: FAST });
    const problem = problemOf(stream.municipalities, stream.households);
    const greedy = greedyChoices(problem);
    const myopic = r.runs.find((x) => x.policy === 'myopic')!.choice;
    stream.households.forEach((_, i) => expect(myopic[i]).toBe(greedy[i] < 0 ? -1 : problem.pairs.mun[greedy[i]]));
  });

  it('never places a household outside its allowed municipalities or beyond capacity (R11, R12, R16)', async () => {
    const stream = syntheticStream(munis, { seed: 5, households: 200, tightness: 0.9, tieShare: 0.5 });
    const r = await simulate(stream, { hindsight: FAST });
    for (const run of r.runs) {
      const used = new Array(stream.municipalities.length).fill(0);
      stream.households.forEach((h, i) => {
        const m = run.choice[i];
        if (m < 0) return;
        expect([...h.mun]).toContain(m);
        used[m] += h.persons;
      });
      used.forEach((u, m) => expect(u).toBeLessThanOrEqual(stream.municipalities[m].capacity));
    }
  });

  it('the dynamic policy does not read the future: changing later arrivals leaves earlier decisions alone', async () => {
    const stream = syntheticStream(munis, { seed: 6, households: 200, tightness: 1.0, tieShare: 0.4 });
    const cut = 90;
    const altered: ArrivalStream = {
      ...stream,
      households: stream.households.map((h) => (h.day > cut ? { ...h, persons: 6, score: h.score.map(() => 1) } : h)),
    };
    const [a, b] = await Promise.all([simulate(stream, { policies: ['dynamic'], hindsight: FAST }), simulate(altered, { policies: ['dynamic'], hindsight: FAST })]);
    const ca = a.runs.find((x) => x.policy === 'dynamic')!.choice;
    const cb = b.runs.find((x) => x.policy === 'dynamic')!.choice;
    let compared = 0;
    stream.households.forEach((h, i) => {
      if (h.day > cut) return;
      compared++;
      expect(cb[i]).toBe(ca[i]);
    });
    expect(compared).toBeGreaterThan(50);
  });

  it('reports disparities from monitoring attributes that no policy reads (R17)', async () => {
    const stream = syntheticStream(munis, { seed: 7, households: 150, tightness: 0.8 });
    const blind: ArrivalStream = { ...stream, households: stream.households.map((h) => ({ ...h, monitoring: { gender: 'MALE', ageBand: '50+', origin: 'ER' } })) };
    const [a, b] = await Promise.all([simulate(stream, { hindsight: FAST }), simulate(blind, { hindsight: FAST })]);
    a.runs.forEach((run, k) => expect([...run.choice]).toEqual([...b.runs[k].choice]));
    expect(a.metrics[1].groups.filter((g) => g.dimension === 'origin').length).toBeGreaterThan(1);
    expect(b.metrics[1].groups.filter((g) => g.dimension === 'origin').map((g) => g.group)).toEqual(['ER']);
  });
});

describe('synthetic streams and JSON Lines', () => {
  const munis: SyntheticMunicipality[] = [
    { code: 'GM0344', regionCode: 'AM18', population: 360_000, centroid: { lat: 52.09, lon: 5.12 } },
    { code: 'GM0355', regionCode: 'AM18', population: 66_000, centroid: { lat: 52.09, lon: 5.24 } },
    { code: 'GM0014', regionCode: 'AM01', population: 235_000, centroid: { lat: 53.22, lon: 6.57 } },
  ];

  it('is deterministic for a seed, with tasks rounded up from the national total by population (R11)', () => {
    const a = syntheticStream(munis, { seed: 3, households: 100 });
    const b = syntheticStream(munis, { seed: 3, households: 100 });
    expect(streamToJsonl(a)).toBe(streamToJsonl(b));
    expect(streamToJsonl(syntheticStream(munis, { seed: 4, households: 100 }))).not.toBe(streamToJsonl(a));
    const persons = a.households.reduce((s, h) => s + h.persons, 0);
    const total = Math.round(1.05 * persons);
    a.municipalities.forEach((m) => expect(m.capacity).toBe(Math.ceil((total * m.population) / 661_000)));
    // A tie in Groningen allows only Groningen (the others are beyond 50 km, R12).
    const groningen = a.municipalities.findIndex((m) => m.code === 'GM0014');
    const groningenTies = a.households.filter((h) => h.tieHolder && [...h.mun].includes(groningen));
    expect(groningenTies.length).toBeGreaterThan(0);
    for (const h of groningenTies) expect([...h.mun]).toEqual([groningen]);
  });

  it('round-trips through JSON Lines and names the line of a bad field', () => {
    const a = syntheticStream(munis, { seed: 3, households: 20 });
    const text = streamToJsonl(a);
    expect(streamToJsonl(parseStreamJsonl(text))).toBe(text);
    const bad = text.replace('"persons":', '"persons":0,"x":');
    expect(() => parseStreamJsonl(bad)).toThrow(/line 4: persons must be a whole number >= 1/);
    expect(() => parseStreamJsonl('{"type":"household","id":"h","persons":1,"day":0,"links":{"GM9999":0.5}}')).toThrow(/line 1: links: 'GM9999' is not a municipality/);
  });
});
