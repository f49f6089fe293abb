import * as fc from 'fast-check';
import { DISTANCE_TOLERANCE_KM, distanceKm } from '@kansrijk/scoring';
import { boxAround, kmAtLeast, unitVector } from './geo';
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

describe('kmAtLeast', () => {
  it('is never above the haversine distance, and below it only by the chord\'s shortfall and a metre (the chord of two unit vectors)', () => {
    fc.assert(
      fc.property(point, fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), (a, dLat, dLon) => {
        // From the same point to ~300 km, most of them close (where rounding matters most).
        const b = { lat: a.lat + Math.sign(dLat) * dLat ** 4 * 80, lon: a.lon + Math.sign(dLon) * dLon ** 4 * 128 };
        const [ax, ay, az] = unitVector(a.lat, a.lon);
        const [bx, by, bz] = unitVector(b.lat, b.lon);
        const km = distanceKm(a, b);
        const low = kmAtLeast(ax * bx + ay * by + az * bz);
        // The arc exceeds its chord by about km³ / (24 R²): 0.2 m at 60 km, 27 m at 300 km; and
        // the rounding taken off costs at most 0.6 m, near 0.
        return low <= km && km - low <= km ** 3 / (24 * 6371 ** 2) + 1e-3;
      }),
      { numRuns: 5000 },
    );
    // The same point: no distance at all (the bound may not be above 0).
    const [x, y, z] = unitVector(52.1, 5.2);
    expect(kmAtLeast(x * x + y * y + z * z)).toBeLessThanOrEqual(0);
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
