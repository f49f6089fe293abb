import * as fc from 'fast-check';
import { DISTANCE_TOLERANCE_KM, distanceKm } from '@kansrijk/scoring';
import { boxAround } from './geo';
import { SlotStore } from './slot-store';
import { DiscCells, VacancyGrid, nlGridGeometry } from './vacancy-grid';
import { NL, rng } from './testing/random-world';

const point = fc.record({ lat: fc.double({ min: NL.minLat - 0.5, max: NL.maxLat + 0.5, noNaN: true }), lon: fc.double({ min: NL.minLon - 0.8, max: NL.maxLon + 0.8, noNaN: true }) });

describe('boxAround', () => {
  it('holds every point within the distance (great circle)', () => {
    fc.assert(
      fc.property(point, fc.double({ min: 0, max: 300, noNaN: true }), fc.array(point, { minLength: 20, maxLength: 20 }), (c, km, others) => {
        const box = boxAround(c.lat, c.lon, km);
        for (const p of others) {
          if (distanceKm(c, p) <= km && !(p.lat >= box.minLat && p.lat <= box.maxLat && p.lon >= box.minLon && p.lon <= box.maxLon)) return false;
        }
        // Points exactly on the circle, due north, south, east and west.
        const dLat = (km / 6371) * (180 / Math.PI);
        return c.lat + dLat * 0.999999 <= box.maxLat && c.lat - dLat * 0.999999 >= box.minLat;
      }),
      { numRuns: 300 },
    );
  });
});

describe('DiscCells', () => {
  // 6,000 points over the grid and beyond it, a few on top of each other.
  const r = rng(3);
  const store = new SlotStore<{ id: string; location: { lat: number; lon: number } }>();
  for (let i = 0; i < 6000; i++) {
    const location = i % 50 === 49 ? { ...(store.profiles[i - 1] as { location: { lat: number; lon: number } }).location } : { lat: NL.minLat - 0.3 + r() * 3.4, lon: NL.minLon - 0.5 + r() * 4.7 };
    store.add({ id: `p${i}`, location }, 0, 0, NaN);
  }
  const grid = new VacancyGrid(nlGridGeometry(), store);

  it('lists each grid point within the distance exactly once (runs wholly inside, or edge points as the haversine decides)', () => {
    fc.assert(
      fc.property(point, fc.double({ min: 0, max: 120, noNaN: true }), (c, radius) => {
        const km = radius + DISTANCE_TOLERANCE_KM;
        const disc = new DiscCells(grid, store, c, km);
        const listed: number[] = [];
        for (let i = 0; i < disc.runs.length; i += 2) for (let p = disc.runs[i]; p < disc.runs[i + 1]; p++) listed.push(grid.slots[p]);
        for (const p of disc.edge) listed.push(grid.slots[p]);
        const want = [...grid.slots].filter((s) => distanceKm(c, { lat: store.lat[s], lon: store.lon[s] }) <= km).sort((a, b) => a - b);
        expect(listed.sort((a, b) => a - b)).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('puts points off the grid among the strays', () => {
    const off = [...Array(store.slots).keys()].filter((s) => !grid.slots.includes(s));
    expect(off.length).toBeGreaterThan(0);
    expect([...grid.strays].sort((a, b) => a - b)).toEqual(off);
  });
});
