import { distanceKm, prepareCandidate, prepareVacancy, type CandidateProfile, type PreparedJobContext, type VacancyProfile } from '@kansrijk/scoring';
import { cellOrder } from './job-scan';
import { MatchingIndex } from './matching-index';
import { SlotStore } from './slot-store';
import { bruteTopJobs } from './testing/brute-force';
import { NL, randomWorld, rng } from './testing/random-world';
import { DiscRuns, VacancyGrid, cellOf, nlGridGeometry } from './vacancy-grid';

const bruteInputs = (ctx: PreparedJobContext, vacancies: Iterable<VacancyProfile>, candidates: Iterable<CandidateProfile>) => ({
  pvs: [...vacancies].map((v) => prepareVacancy(v, ctx)),
  pcs: [...candidates].map((c) => prepareCandidate(c, ctx)),
});

describe('DiscRuns', () => {
  // Points on a fine random scatter, some in one spot, in grid order as the index numbers them.
  const r = rng(5);
  const g = nlGridGeometry();
  const points = cellOrder(
    Array.from({ length: 20_000 }, (_, i) => ({ id: `p${i}`, location: { lat: NL.minLat + r() * (NL.maxLat - NL.minLat), lon: NL.minLon + r() * (NL.maxLon - NL.minLon) } })),
    g,
  );
  const store = new SlotStore<{ id: string; location: { lat: number; lon: number } }>();
  for (const p of points) store.add(p, 0, 0, 0);
  const grid = new VacancyGrid(g, store);

  it.each([
    ['Utrecht, 30 km', 52.09, 5.12, 30],
    ['Groningen, 60 km', 53.22, 6.57, 60],
    ['near the southern edge, 75 km', 50.85, 5.7, 75],
    ['outside the grid to the east, 40 km', 52.2, 7.9, 40],
    ['0 km on a point', points[777].location.lat, points[777].location.lon, 0],
  ])('%s: inside runs hold only points within reach, and inside plus edge runs hold every one', (_name, lat, lon, km) => {
    const runs = new DiscRuns();
    runs.fill(grid, lat, lon, km);
    const inside = new Set<number>();
    const edge = new Set<number>();
    for (let i = 0; i < runs.nInside; i += 2) for (let p = runs.inside[i]; p < runs.inside[i + 1]; p++) inside.add(grid.slots[p]);
    for (let i = 0; i < runs.nEdge; i += 2) for (let p = runs.edge[i]; p < runs.edge[i + 1]; p++) edge.add(grid.slots[p]);
    let within = 0;
    const wrong: string[] = [];
    for (let s = 0; s < store.slots; s++) {
      const d = distanceKm({ lat, lon }, points[s].location);
      if (inside.has(s) && d > km) wrong.push(`${s} inside at ${d} km`);
      if (d <= km) {
        within++;
        if (!inside.has(s) && !edge.has(s)) wrong.push(`${s} missed at ${d} km`);
      }
      if (inside.has(s) && edge.has(s)) wrong.push(`${s} twice`);
    }
    expect(wrong).toEqual([]);
    if (km >= 30 && lon < 7.6) expect(within).toBeGreaterThan(100);
  });

  it('cellOrder numbers points so that grid positions hold ascending slots, points outside the grid last', () => {
    let descending = 0;
    for (let p = 1; p < grid.slots.length; p++) if (grid.slots[p] <= grid.slots[p - 1]) descending++;
    expect(descending).toBe(0);
    expect(grid.slots.length).toBe(points.length);
    const mixed = cellOrder([{ location: { lat: 52, lon: 8.5 } }, { location: { lat: 52, lon: 5 } }, { location: { lat: 51, lon: 5 } }], g);
    expect(mixed.map((m) => m.location)).toEqual([
      { lat: 51, lon: 5 },
      { lat: 52, lon: 5 },
      { lat: 52, lon: 8.5 },
    ]);
    expect(cellOf(g, 52, 8.5)).toBe(-1);
  });
});

describe('the default job list (JobScan) where the grid does not reach', () => {
  it('equals brute force with many vacancies outside the grid and many added after the last ordering, for candidates inside and outside it', () => {
    // 5% of the vacancies east of the grid; then additions, updates and closes that stay below the
    // renumbering threshold, so the grid's extras are scanned one by one.
    const world = randomWorld(11, { vacancies: 2000, candidates: 200, strays: 0.05 });
    const index = new MatchingIndex({ context: world.context });
    index.build({ vacancies: world.vacancies, candidates: world.candidates });
    const ctx = index.context;
    const vacancies = new Map(world.vacancies.map((v) => [v.id, v]));
    const r = rng(3);
    const ids = [...vacancies.keys()];
    for (let i = 0; i < 1500; i++) {
      const u = r();
      if (u < 0.5) {
        const v = world.vacancy(`late${i}`);
        vacancies.set(v.id, v);
        index.upsertVacancy(v);
      } else if (u < 0.8) {
        const id = ids[Math.floor(r() * ids.length)];
        const v = world.vacancy(id);
        vacancies.set(id, v);
        index.upsertVacancy(v);
      } else {
        const id = ids[Math.floor(r() * ids.length)];
        vacancies.delete(id);
        index.removeVacancy(id);
      }
    }
    // Some candidates east of the grid too.
    const candidates = world.candidates.map((c, i) => (i % 10 === 0 ? { ...c, location: { lat: 52 + (i % 7) * 0.1, lon: 7.65 + (i % 5) * 0.05 }, maxTravelKm: 40 } : c));
    candidates.forEach((c) => index.upsertCandidate(c));
    const b = bruteInputs(ctx, vacancies.values(), candidates);
    let nonEmpty = 0;
    for (const pc of b.pcs) {
      const got = index.topJobsForCandidate({ candidate: pc.id, k: 10, context: ctx });
      const want = bruteTopJobs(ctx, pc, b.pvs, 10);
      expect(got.items).toEqual(want.items);
      expect(got.matched).toBe(want.matched);
      if (want.items.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });
});
