import { EARTH_RADIUS_KM, distanceKm } from '@kansrijk/scoring';
import { DEG, SAFE_KM, dotThreshold, unitVector } from './geo';
import type { SlotStore } from './slot-store';
import { resized } from './typed-arrays';

/**
 * A fixed latitude/longitude grid over the Netherlands with a margin (internal): rows of
 * `cellKm` high, columns `cellKm` wide at 52.2° N, grouped into square blocks of `blockCells` ×
 * `blockCells` cells. Points outside it are "strays" and are always checked one by one.
 */
export interface GridGeometry {
  lat0: number;
  lon0: number;
  dLat: number;
  dLon: number;
  rows: number;
  cols: number;
  blockCells: number;
  blockRows: number;
  blockCols: number;
}

export function nlGridGeometry(cellKm = 0.5, blockCells = 16): GridGeometry {
  const lat0 = 50.5;
  const lat1 = 53.9;
  const lon0 = 3.0;
  const lon1 = 7.6;
  const dLat = cellKm / (EARTH_RADIUS_KM * DEG);
  const dLon = dLat / Math.cos(52.2 * DEG);
  const rows = Math.ceil((lat1 - lat0) / dLat);
  const cols = Math.ceil((lon1 - lon0) / dLon);
  return { lat0, lon0, dLat, dLon, rows, cols, blockCells, blockRows: Math.ceil(rows / blockCells), blockCols: Math.ceil(cols / blockCells) };
}

/** Row-major cell of a point, or -1 outside the grid. */
export function cellOf(g: GridGeometry, lat: number, lon: number): number {
  const r = Math.floor((lat - g.lat0) / g.dLat);
  const c = Math.floor((lon - g.lon0) / g.dLon);
  if (r < 0 || r >= g.rows || c < 0 || c >= g.cols) return -1;
  return r * g.cols + c;
}

function blockOfCell(g: GridGeometry, cell: number): number {
  const r = Math.floor(cell / g.cols);
  const c = cell - r * g.cols;
  return Math.floor(r / g.blockCells) * g.blockCols + Math.floor(c / g.blockCells);
}

/**
 * The vacancy slots of a store by grid cell and by block, in compressed form (internal): the
 * slots of cell c are `slots[start[c] .. start[c + 1])` with cells in row-major order, so a run of
 * cells in one row is one contiguous range of positions; the slots of block b are
 * `blockSlots[blockStart[b] .. blockStart[b + 1])`. Built for the slots below `watermark` that were
 * live then; slots added later ("extras") and strays outside the grid are handled apart. Retired
 * slots stay until the next build; readers skip them.
 */
export class VacancyGrid {
  readonly start: Int32Array;
  readonly slots: Int32Array;
  readonly blockStart: Int32Array;
  readonly blockSlots: Int32Array;
  readonly strays: Int32Array;
  readonly watermark: number;
  /** Block of each slot below the watermark, -1 for strays and slots retired at build time. */
  readonly blockOfSlot: Int32Array;

  /** Over the slots below `upTo` (default: all so far); later ones are the reader's "extras". */
  constructor(
    readonly geometry: GridGeometry,
    readonly store: SlotStore<{ id: string; location: { lat: number; lon: number } }>,
    upTo = store.slots,
  ) {
    const g = geometry;
    const n = Math.min(upTo, store.slots);
    const nCells = g.rows * g.cols;
    const nBlocks = g.blockRows * g.blockCols;
    const cellOfSlot = new Int32Array(n);
    const blockOfSlot = new Int32Array(n).fill(-1);
    const counts = new Int32Array(nCells + 1);
    const blockCounts = new Int32Array(nBlocks + 1);
    const strays: number[] = [];
    let inGrid = 0;
    for (let s = 0; s < n; s++) {
      if (store.alive[s] !== 1) {
        cellOfSlot[s] = -2;
        continue;
      }
      const c = cellOf(g, store.lat[s], store.lon[s]);
      cellOfSlot[s] = c;
      if (c < 0) {
        strays.push(s);
        continue;
      }
      counts[c + 1]++;
      const b = blockOfCell(g, c);
      blockOfSlot[s] = b;
      blockCounts[b + 1]++;
      inGrid++;
    }
    const start = new Int32Array(nCells + 1);
    for (let c = 0; c < nCells; c++) start[c + 1] = start[c] + counts[c + 1];
    const blockStart = new Int32Array(nBlocks + 1);
    for (let b = 0; b < nBlocks; b++) blockStart[b + 1] = blockStart[b] + blockCounts[b + 1];
    const fill = start.slice(0, nCells);
    const blockFill = blockStart.slice(0, nBlocks);
    const slots = new Int32Array(inGrid);
    const blockSlots = new Int32Array(inGrid);
    for (let s = 0; s < n; s++) {
      const c = cellOfSlot[s];
      if (c < 0) continue;
      slots[fill[c]++] = s;
      blockSlots[blockFill[blockOfSlot[s]]++] = s;
    }
    this.start = start;
    this.slots = slots;
    this.blockStart = blockStart;
    this.blockSlots = blockSlots;
    this.strays = Int32Array.from(strays);
    this.watermark = n;
    this.blockOfSlot = blockOfSlot;
  }
}

const hav = (x: number): number => {
  const s = Math.sin(x / 2);
  return s * s;
};

/**
 * Grid positions within `km` of a centre as ranges (internal): `inside` ranges hold cells wholly
 * inside the disc (1 mm clear of its edge, see `DiscCells` for why the corner test is exact),
 * `edge` ranges the cells the edge crosses, whose points the caller tests one by one. Together
 * they cover every grid position within `km`.
 */
export class DiscRuns {
  inside = new Int32Array(1024);
  nInside = 0;
  edge = new Int32Array(1024);
  nEdge = 0;

  fill(grid: VacancyGrid, lat: number, lon: number, km: number): void {
    this.nInside = 0;
    this.nEdge = 0;
    const g = grid.geometry;
    const start = grid.start;
    const dIn = Math.max(0, km - SAFE_KM) / EARTH_RADIUS_KM;
    const dOut = (km + SAFE_KM) / EARTH_RADIUS_KM;
    const phiC = lat * DEG;
    const cosC = Math.cos(phiC);
    const spanDeg = dOut / DEG;
    const r0 = Math.max(0, Math.floor((lat - spanDeg - g.lat0) / g.dLat) - 1);
    const r1 = Math.min(g.rows - 1, Math.floor((lat + spanDeg - g.lat0) / g.dLat) + 1);
    const havIn = hav(dIn);
    const havOut = hav(dOut);
    // Half-width of the disc (degrees of longitude) along a parallel, or -1 where it misses it.
    const halfWidth = (havD: number, phi: number): number => {
      const num = havD - hav(phi - phiC);
      if (num < 0) return -1;
      const h = num / (Math.cos(phi) * cosC);
      return h >= 1 ? 360 : (2 * Math.asin(Math.sqrt(h))) / DEG;
    };
    for (let row = r0; row <= r1; row++) {
      const latA = g.lat0 + row * g.dLat;
      const phiA = latA * DEG;
      const phiB = (latA + g.dLat) * DEG;
      // Touched: the widest the outer disc can be anywhere in the row's latitude band.
      const phiNear = Math.min(Math.max(phiC, phiA), phiB);
      const num = havOut - hav(phiNear - phiC);
      if (num < 0) continue;
      const h = num / (Math.min(Math.cos(phiA), Math.cos(phiB)) * cosC);
      const wo = h >= 1 ? 360 : ((2 * Math.asin(Math.sqrt(h))) / DEG) * (1 + 1e-9) + 1e-12;
      const o0 = Math.max(0, Math.floor((lon - wo - g.lon0) / g.dLon));
      const o1 = Math.min(g.cols - 1, Math.floor((lon + wo - g.lon0) / g.dLon));
      if (o1 < o0) continue;
      const rowOff = row * g.cols;
      // Wholly inside: both bounding parallels of the row within the inner disc across the cell.
      const w = Math.min(halfWidth(havIn, phiA), halfWidth(havIn, phiB));
      const a = w >= 0 ? Math.max(o0, Math.ceil((lon - w - g.lon0) / g.dLon)) : 1;
      const b = w >= 0 ? Math.min(o1, Math.floor((lon + w - g.lon0) / g.dLon) - 1) : 0;
      if (b >= a) {
        this.pushInside(start[rowOff + a], start[rowOff + b + 1]);
        if (a > o0) this.pushEdge(start[rowOff + o0], start[rowOff + a]);
        if (o1 > b) this.pushEdge(start[rowOff + b + 1], start[rowOff + o1 + 1]);
      } else {
        this.pushEdge(start[rowOff + o0], start[rowOff + o1 + 1]);
      }
    }
  }

  private pushInside(a: number, b: number): void {
    if (b <= a) return;
    if (this.nInside + 2 > this.inside.length) this.inside = resized(this.inside, this.inside.length * 2);
    this.inside[this.nInside++] = a;
    this.inside[this.nInside++] = b;
  }

  private pushEdge(a: number, b: number): void {
    if (b <= a) return;
    if (this.nEdge + 2 > this.edge.length) this.edge = resized(this.edge, this.edge.length * 2);
    this.edge[this.nEdge++] = a;
    this.edge[this.nEdge++] = b;
  }
}

/**
 * The grid cells within `km` of a centre, for counting (internal): `runs` are ranges of grid
 * positions `[runs[2i], runs[2i + 1])` whose cells lie wholly inside the disc (1 mm clear of its
 * edge), and `edge` the positions in the cells the edge crosses whose point lies within `km` (as
 * the haversine decides): `DiscRuns` with its edge ranges resolved point by point. Every position
 * of the grid within `km` is in exactly one of them.
 */
export class DiscCells {
  readonly runs: Int32Array;
  readonly edge: Int32Array;

  constructor(grid: VacancyGrid, store: SlotStore<{ id: string; location: { lat: number; lon: number } }>, centre: { lat: number; lon: number }, km: number) {
    const disc = new DiscRuns();
    disc.fill(grid, centre.lat, centre.lon, km);
    const [cx, cy, cz] = unitVector(centre.lat, centre.lon);
    const near = dotThreshold(km);
    const edge: number[] = [];
    const slots = grid.slots;
    for (let r = 0; r < disc.nEdge; r += 2) {
      for (let p = disc.edge[r]; p < disc.edge[r + 1]; p++) {
        const s = slots[p];
        const dot = store.ux[s] * cx + store.uy[s] * cy + store.uz[s] * cz;
        if (dot >= near.inside || (dot >= near.outside && distanceKm(centre, { lat: store.lat[s], lon: store.lon[s] }) <= km)) edge.push(p);
      }
    }
    this.runs = disc.inside.slice(0, disc.nInside);
    this.edge = Int32Array.from(edge);
  }
}

/**
 * The blocks a disc of `km` around a centre touches (internal), each with a lower bound `minKm`
 * and an upper bound `maxKm` of the distance from the centre to any point in it, 1 mm outward:
 * the farthest point of a latitude/longitude rectangle is a corner (see `DiscCells`), the nearest
 * at least the centre's distance less the half-diagonal.
 */
export class BlockRing {
  readonly block: Int32Array;
  readonly minKm: Float64Array;
  readonly maxKm: Float64Array;

  constructor(g: GridGeometry, centre: { lat: number; lon: number }, km: number) {
    const { lat, lon } = centre;
    const bLat = g.dLat * g.blockCells;
    const bLon = g.dLon * g.blockCells;
    const spanLat = ((km + SAFE_KM) / EARTH_RADIUS_KM / DEG) * 1.01 + bLat;
    const br0 = Math.max(0, Math.floor((lat - spanLat - g.lat0) / bLat));
    const br1 = Math.min(g.blockRows - 1, Math.floor((lat + spanLat - g.lat0) / bLat));
    const found: { b: number; min: number; max: number }[] = [];
    for (let br = br0; br <= br1; br++) {
      const latA = g.lat0 + br * bLat;
      const latB = latA + bLat;
      const latM = (latA + latB) / 2;
      const cosM = Math.cos(latM * DEG);
      const spanLon = cosM > 1e-6 ? spanLat / Math.min(cosM, Math.cos(Math.max(Math.abs(latA), Math.abs(latB)) * DEG)) + bLon : 360;
      const bc0 = Math.max(0, Math.floor((lon - spanLon - g.lon0) / bLon));
      const bc1 = Math.min(g.blockCols - 1, Math.floor((lon + spanLon - g.lon0) / bLon));
      if (bc1 < bc0) continue;
      // Every block of a row has the same shape: measured on the row's first column, so that a
      // block's distances are the same numbers in every ring, whatever its radius (a narrower
      // radius then reads the wider one's bounds as its own, see ReachableEngine.openMany).
      const lonA = g.lon0;
      const mid = { lat: latM, lon: lonA + bLon / 2 };
      const halfDiag = Math.max(distanceKm(mid, { lat: latA, lon: lonA }), distanceKm(mid, { lat: latB, lon: lonA })) + SAFE_KM;
      for (let bc = bc0; bc <= bc1; bc++) {
        const l0 = g.lon0 + bc * bLon;
        const min = Math.max(0, distanceKm(centre, { lat: latM, lon: l0 + bLon / 2 }) - halfDiag - SAFE_KM);
        if (min > km + SAFE_KM) continue;
        const max = Math.max(distanceKm(centre, { lat: latA, lon: l0 }), distanceKm(centre, { lat: latA, lon: l0 + bLon }), distanceKm(centre, { lat: latB, lon: l0 }), distanceKm(centre, { lat: latB, lon: l0 + bLon })) + SAFE_KM;
        found.push({ b: br * g.blockCols + bc, min, max });
      }
    }
    found.sort((x, y) => x.min - y.min);
    this.block = Int32Array.from(found, (f) => f.b);
    this.minKm = Float64Array.from(found, (f) => f.min);
    this.maxKm = Float64Array.from(found, (f) => f.max);
  }
}
