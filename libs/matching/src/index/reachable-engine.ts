import { DISTANCE_TOLERANCE_KM, distanceKm, scorePrepared, type MunicipalityProfile, type PairScore, type PreparedCandidate, type PreparedVacancy, type ReachableAdult, type VacancyProfile } from '@kansrijk/scoring';
import { diplomaValue, languageValue, stabilityValue, timeToStartValue } from '@kansrijk/scoring/job/pair-core';
import { earliestWorkDay, type ContextLayer } from './context-layer';
import { DEG, dotThreshold, unitVector } from './geo';
import { MatchingInputError } from './matching-input-error';
import { ESTIMATE_EPS, assertEstimate, distanceValue, floorBelowCredits, pairDistanceKm, pairGates, rowRtwFlags, scoreFromParts, skillsEstimate } from './pair-estimate';
import { SkillSums } from './skill-postings';
import type { SlotStore } from './slot-store';
import type { ReachableResult } from './types';
import { ROW, VacancyView } from './vacancy-rows';
import { BlockRing, DiscCells, VacancyGrid, nlGridGeometry, type GridGeometry } from './vacancy-grid';

/** Default number of best scores `meanBestScore` averages. */
export const DEFAULT_BEST_OF = 5;

/** Slots added after the grid was built that the summary checks one by one before it rebuilds the grid. */
const MAX_EXTRAS = 512;

/** Cached discs and block rings, at most this many of each. */
const MAX_CACHED = 8192;

/** Packed sort keys (see `blockList`): slots below SLOT_SPACE, location-free parts to SORT_QUANTUM. */
const SLOT_SPACE = 2 ** 23;
const SORT_QUANTUM = 2 ** -19;

/** Vacancies per block read before the whole block is sorted. */
const TOP_OF_BLOCK = 12;

/**
 * The candidate as if they lived at (lat, lon): the prepared profile with only the location
 * moved. Everything else a prepared candidate holds is location-free (the spec checks this
 * against `prepareCandidate` on the moved profile, field by field).
 */
export function movedCandidate(pc: PreparedCandidate, lat: number, lon: number): PreparedCandidate {
  const latRad = lat * DEG;
  return { ...pc, profile: { ...pc.profile, location: { lat, lon } }, latRad, lonRad: lon * DEG, cosLat: Math.cos(latRad) };
}

interface SummariseArgs {
  store: SlotStore<VacancyProfile>;
  layer: ContextLayer;
  adults: PreparedCandidate[];
  municipalities: readonly MunicipalityProfile[];
  radiusKm?: number | null;
  bestOf?: number | null;
}

/** The best n estimates with their slots, best first (internal); n is small. */
class BestValues {
  readonly est: number[] = [];
  readonly slot: number[] = [];
  private n = 1;
  reset(n: number): void {
    this.n = n;
    this.est.length = 0;
    this.slot.length = 0;
  }
  get full(): boolean {
    return this.est.length >= this.n;
  }
  get min(): number {
    return this.full ? this.est[this.est.length - 1] : -Infinity;
  }
  /** Offers slot s with estimate e; a slot already held is ignored. */
  offer(e: number, s: number): void {
    if (this.full && e <= this.est[this.est.length - 1]) return;
    if (this.slot.includes(s)) return;
    let i = this.est.length;
    this.est.push(e);
    this.slot.push(s);
    while (i > 0 && this.est[i - 1] < e) {
      this.est[i] = this.est[i - 1];
      this.slot[i] = this.slot[i - 1];
      i--;
    }
    this.est[i] = e;
    this.slot[i] = s;
    if (this.est.length > this.n) {
      this.est.pop();
      this.slot.pop();
    }
  }
}

interface Ring {
  ring: BlockRing;
  /** Distance value at the block's nearest and farthest possible point. */
  valueNear: Float64Array;
  valueFar: Float64Array;
}

/**
 * The reachable-vacancy summary for municipality suggestions (R14, R16), exact.
 *
 * Per municipality m and adult a, with a moved to m's centroid and nothing else changed: the open
 * vacancies v with `scorePrepared(a@m, v).eligible` and distance(m, v) ≤ radiusKm (both with the
 * 1 m tolerance), their number, and the mean of the best `bestOf` of their scores (summed best
 * first; 0 when there are none). The same numbers as scoring every (m, a, v) by brute force.
 *
 * How, without 342 × 100,000 pair scores per adult:
 * 1. Per adult, one pass over the packed vacancy rows: the gates that do not depend on where the
 *    adult lives (R9.1 right to work, R9.2 hours, R9.3 diploma) and the location-free parts of the
 *    score (all but the distance component; see `estimateScore`). From it, a running count in
 *    grid order and each block's (8 km) highest location-free part.
 * 2. Per municipality, the count: the disc of min(radiusKm, the adult's maxTravelKm) is, row by
 *    row, runs of grid cells wholly inside (one subtraction each) and the points in the cells its
 *    edge crosses (listed once per centroid and radius, see `DiscCells`).
 * 3. Per municipality, the best scores, best first over the blocks the disc touches: a block can
 *    hold nothing better than its highest location-free part plus the distance component at its
 *    nearest point; a block's vacancies are read (sorted by location-free part, once per adult and
 *    block) only until that bound falls below the current best. The chosen vacancies are scored
 *    with `scorePrepared` on the moved adult.
 */
export class ReachableEngine {
  private readonly geometry: GridGeometry = nlGridGeometry();
  private grid: VacancyGrid | null = null;
  private discs = new Map<string, DiscCells>();
  private readonly rings = new Map<string, Ring>();
  // Per-adult scratch, by slot.
  private pass = new Uint8Array(0);
  private head = new Float64Array(0);
  private demand = new Float64Array(0);
  private start = new Float64Array(0);
  private stability = new Float64Array(0);
  private base = new Float64Array(0);
  private running = new Int32Array(0);
  private blockMax = new Float64Array(0);
  private blockTop: (Int32Array | undefined)[] = [];
  private blockFull: (Int32Array | undefined)[] = [];
  private spill = new Float64Array(0);
  private readonly sums = new SkillSums();
  private readonly view = new VacancyView();
  private readonly pairScore: PairScore = { eligible: false, score: 0, failedGates: 0 };
  private readonly best = new BestValues();
  private readonly centre = { latRad: 0, lonRad: 0, cosLat: 1 };

  summarise(args: SummariseArgs): ReachableResult {
    const { store, layer, adults, municipalities } = args;
    const ctx = layer.ctx;
    const radiusKm = args.radiusKm ?? ctx.policy.params.tieRadiusKm;
    if (typeof radiusKm !== 'number' || !Number.isFinite(radiusKm) || radiusKm < 0) throw new MatchingInputError('radiusKm', `must be a finite number >= 0, got ${String(radiusKm)}`);
    const bestOf = args.bestOf ?? DEFAULT_BEST_OF;
    if (!Number.isInteger(bestOf) || bestOf < 1 || bestOf > 1000) throw new MatchingInputError('bestOf', `must be an integer from 1 to 1000, got ${String(bestOf)}`);
    municipalities.forEach((m, i) => {
      const c = m?.centroid;
      if (!c || !Number.isFinite(c.lat) || !Number.isFinite(c.lon) || Math.abs(c.lat) > 90 || Math.abs(c.lon) > 180) {
        throw new MatchingInputError(`municipalities[${i}].centroid`, 'must be a WGS84 point');
      }
    });

    const grid = this.gridFor(store);
    const rows = municipalities.map((m) => ({ municipalityCode: m.code, reachable: { adults: [] as ReachableAdult[] } }));
    for (const pc of adults) {
      this.adultPass(grid, store, layer, pc);
      const limit = Math.min(radiusKm, pc.maxTravelKm) + DISTANCE_TOLERANCE_KM;
      municipalities.forEach((m, i) => {
        const count = this.countWithin(grid, store, m, limit);
        const meanBestScore = count === 0 ? 0 : this.meanBest(grid, store, layer, pc, m, limit, radiusKm + DISTANCE_TOLERANCE_KM, Math.min(bestOf, count));
        rows[i].reachable.adults.push({ candidateId: pc.id, eligibleVacancies: count, meanBestScore });
      });
    }
    return { municipalities: rows, radiusKm, bestOf, context: ctx };
  }

  private gridFor(store: SlotStore<VacancyProfile>): VacancyGrid {
    const g = this.grid;
    if (g && g.store === store && store.slots - g.watermark <= MAX_EXTRAS) return g;
    this.grid = new VacancyGrid(this.geometry, store);
    this.discs = new Map();
    return this.grid;
  }

  private ensureScratch(slots: number, blocks: number, positions: number): void {
    if (this.pass.length < slots) {
      const n = Math.max(slots, this.pass.length * 2, 1024);
      this.pass = new Uint8Array(n);
      this.head = new Float64Array(n);
      this.demand = new Float64Array(n);
      this.start = new Float64Array(n);
      this.stability = new Float64Array(n);
      this.base = new Float64Array(n);
    }
    if (this.blockMax.length < blocks) this.blockMax = new Float64Array(blocks);
    if (this.running.length < positions + 1) this.running = new Int32Array(positions + 1);
  }

  /**
   * Step 1: location-free gates and score parts of every vacancy for one adult, reading the packed
   * rows in slot order. Language and diploma values come from small tables the library's own
   * functions fill for this adult (they depend on the vacancy only through its required levels).
   */
  private adultPass(grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer, pc: PreparedCandidate): void {
    const g = grid.geometry;
    const nBlocks = g.blockRows * g.blockCols;
    this.ensureScratch(store.slots, nBlocks, grid.slots.length);
    const ctx = layer.ctx;
    const cp = ctx.cp;
    const sums = this.sums;
    sums.begin(store.slots);
    layer.vacancyPostings.sum(pc, sums);
    const rows = layer.vacancyRows.data;
    const W = ROW.WIDTH;
    const view = this.view;
    const pv = view.asPrepared;
    // Tables by required Dutch level (0-7), English level (0-7, 8 = English does not suffice) and diploma rank (0-5).
    const lang = new Float64Array(8 * 9);
    for (let d = 0; d < 8; d++) {
      for (let e = 0; e < 9; e++) {
        view.dutchRequired = d;
        view.englishRequired = e === 8 ? 99 : e;
        lang[d * 9 + e] = languageValue(pc, pv, ctx);
      }
    }
    const dipl = new Float64Array(6);
    for (let r = 0; r < 6; r++) {
      view.diplomaRank = r;
      dipl[r] = diplomaValue(pc, pv);
    }
    const floorSafe = floorBelowCredits(pc, ctx);

    const { alive, hours, day } = store;
    const { pass, head, demand, start, stability, base } = this;
    const hoursLimit = pc.hoursAvailable + 1e-9;
    const earliest = earliestWorkDay(pc, ctx);
    const never = Number.isNaN(earliest);
    const onDay = ctx.onDay;
    const n = store.slots;
    pass.fill(0, 0, n);
    for (let s = 0; s < n; s++) {
      if (never || alive[s] !== 1) continue;
      // R9.2 and R9.1 pre-tests on the store's plain columns (see `earliestWorkDay`), then the full R9.1 and R9.3.
      const h = hours[s];
      if (h > hoursLimit) continue;
      const st = day[s];
      if ((st > onDay ? st : onDay) < earliest) continue;
      const o = s * W;
      const end = rows[o + ROW.END_DAY];
      const rtw = rowRtwFlags(pc, ctx, st, end, rows[o + ROW.WILLING], rows[o + ROW.WAGE], h);
      if (rtw !== 0) continue;
      if (rows[o + ROW.REGULATED] === 1 && pairGates(pc, layer.vacancies[s] as PreparedVacancy, 0, 0) !== 0) continue;
      // Skills (R7): see `skillsEstimate`.
      view.skillDenominator = rows[o + ROW.SKILL_DENOMINATOR];
      view.isco4 = rows[o + ROW.ISCO4];
      view.isco3 = rows[o + ROW.ISCO3];
      const skills = skillsEstimate(pc, pv, ctx, sums, s, layer.vacancies, s, floorSafe);
      const dReq = rows[o + ROW.DUTCH_REQUIRED] | 0;
      const eReq = rows[o + ROW.ENGLISH_REQUIRED] | 0;
      let language: number;
      if (dReq >= 0 && dReq < 8 && ((eReq >= 0 && eReq < 8) || eReq === 99)) language = lang[(dReq * 9 + (eReq === 99 ? 8 : eReq)) | 0];
      else {
        view.dutchRequired = dReq;
        view.englishRequired = eReq;
        language = languageValue(pc, pv, ctx);
      }
      let hd = 0;
      hd += cp.wSkills * skills;
      hd += cp.wLanguage * language;
      hd += cp.wDiploma * dipl[rows[o + ROW.DIPLOMA_RANK] | 0];
      view.startDay = st;
      view.endDay = end;
      view.stabilityPart = rows[o + ROW.STABILITY_PART];
      const dm = cp.wDemand * rows[o + ROW.DEMAND_VALUE];
      const sta = cp.wStart * timeToStartValue(pc, pv, ctx, 0);
      const stb = cp.wStability * stabilityValue(pc, pv);
      pass[s] = 1;
      head[s] = hd;
      demand[s] = dm;
      start[s] = sta;
      stability[s] = stb;
      base[s] = hd + dm + sta + stb;
    }
    // Running count of passing vacancies in grid order, and each block's highest location-free part.
    const running = this.running;
    const slots = grid.slots;
    running[0] = 0;
    for (let p = 0; p < slots.length; p++) running[p + 1] = running[p] + pass[slots[p]];
    const blockMax = this.blockMax;
    blockMax.fill(-Infinity, 0, nBlocks);
    const blockOfSlot = grid.blockOfSlot;
    const w = grid.watermark;
    for (let s = 0; s < w; s++) {
      if (pass[s] !== 1) continue;
      const b = blockOfSlot[s];
      if (b >= 0 && base[s] > blockMax[b]) blockMax[b] = base[s];
    }
    this.blockTop = [];
    this.blockFull = [];
    if (this.spill.length < nBlocks) this.spill = new Float64Array(nBlocks);
  }

  /**
   * The passing vacancies of a block by location-free part, highest first: the best TOP_OF_BLOCK
   * (`full` false; `spill[b]` is then the highest part left out) or all of them; once per adult
   * and block. The full list is sorted natively on packed keys (the part rounded down to
   * SORT_QUANTUM, above the slot number), so its order holds to within SORT_QUANTUM and readers
   * allow for that.
   */
  private blockList(grid: VacancyGrid, b: number, full: boolean): Int32Array {
    const cache = full ? this.blockFull : this.blockTop;
    let list = cache[b];
    if (list) return list;
    const { pass, base } = this;
    const p0 = grid.blockStart[b];
    const p1 = grid.blockStart[b + 1];
    if (!full) {
      // Selection by insertion into a short sorted list.
      const top = new Int32Array(TOP_OF_BLOCK);
      let n = 0;
      let spill = -Infinity;
      for (let p = p0; p < p1; p++) {
        const s = grid.blockSlots[p];
        if (pass[s] !== 1) continue;
        const v = base[s];
        if (n === TOP_OF_BLOCK) {
          const last = base[top[n - 1]];
          if (v <= last) {
            if (v > spill) spill = v;
            continue;
          }
          if (last > spill) spill = last;
          n--;
        }
        let i = n++;
        while (i > 0 && base[top[i - 1]] < v) {
          top[i] = top[i - 1];
          i--;
        }
        top[i] = s;
      }
      this.spill[b] = spill;
      list = n === TOP_OF_BLOCK ? top : top.slice(0, n);
    } else {
      let n = 0;
      for (let p = p0; p < p1; p++) n += pass[grid.blockSlots[p]];
      const keys = new Float64Array(n);
      let k = 0;
      for (let p = p0; p < p1; p++) {
        const s = grid.blockSlots[p];
        if (pass[s] === 1) keys[k++] = Math.floor(Math.max(0, 2 - base[s]) / SORT_QUANTUM) * SLOT_SPACE + s;
      }
      keys.sort();
      list = new Int32Array(n);
      for (let i = 0; i < n; i++) list[i] = keys[i] % SLOT_SPACE;
    }
    cache[b] = list;
    return list;
  }

  private disc(grid: VacancyGrid, store: SlotStore<VacancyProfile>, m: MunicipalityProfile, km: number): DiscCells {
    const key = `${m.centroid.lat},${m.centroid.lon},${km}`;
    let d = this.discs.get(key);
    if (!d) {
      if (this.discs.size >= MAX_CACHED) this.discs.clear();
      d = new DiscCells(grid, store, m.centroid, km);
      this.discs.set(key, d);
    }
    return d;
  }

  private ring(m: MunicipalityProfile, km: number, decayPerKm: number): Ring {
    const key = `${m.centroid.lat},${m.centroid.lon},${km},${decayPerKm}`;
    let r = this.rings.get(key);
    if (!r) {
      if (this.rings.size >= MAX_CACHED) this.rings.clear();
      const ring = new BlockRing(this.geometry, m.centroid, km);
      const n = ring.block.length;
      const valueNear = new Float64Array(n);
      const valueFar = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const a = Math.exp(decayPerKm * ring.minKm[i]);
        const b = Math.exp(decayPerKm * ring.maxKm[i]);
        valueNear[i] = Math.max(a, b);
        valueFar[i] = Math.min(a, b);
      }
      r = { ring, valueNear, valueFar };
      this.rings.set(key, r);
    }
    return r;
  }

  /** Step 2: eligible vacancies within `limit` km of the centroid. */
  private countWithin(grid: VacancyGrid, store: SlotStore<VacancyProfile>, m: MunicipalityProfile, limit: number): number {
    const disc = this.disc(grid, store, m, limit);
    const { running, pass } = this;
    const slots = grid.slots;
    let count = 0;
    const runs = disc.runs;
    for (let i = 0; i < runs.length; i += 2) count += running[runs[i + 1]] - running[runs[i]];
    const edge = disc.edge;
    for (let i = 0; i < edge.length; i++) count += pass[slots[edge[i]]];
    this.forEachLoose(grid, store, m, limit, () => count++);
    return count;
  }

  /** Calls `f` with each passing slot outside the grid's lists (strays, slots added since it was built) within `limit` km. */
  private forEachLoose(grid: VacancyGrid, store: SlotStore<VacancyProfile>, m: MunicipalityProfile, limit: number, f: (s: number) => void): void {
    const pass = this.pass;
    if (grid.strays.length === 0 && store.slots === grid.watermark) return;
    const [cx, cy, cz] = unitVector(m.centroid.lat, m.centroid.lon);
    const near = dotThreshold(limit);
    const visit = (s: number): void => {
      if (pass[s] !== 1) return;
      const dot = store.ux[s] * cx + store.uy[s] * cy + store.uz[s] * cz;
      if (dot >= near.inside || (dot >= near.outside && distanceKm(m.centroid, { lat: store.lat[s], lon: store.lon[s] }) <= limit)) f(s);
    };
    for (let i = 0; i < grid.strays.length; i++) visit(grid.strays[i]);
    for (let s = grid.watermark; s < store.slots; s++) visit(s);
  }

  /** Step 3: the mean of the best n scores of the eligible vacancies within `limit` km. */
  private meanBest(grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer, pc: PreparedCandidate, m: MunicipalityProfile, limit: number, ringKm: number, n: number): number {
    const ctx = layer.ctx;
    const wDist = ctx.cp.wDistance;
    const { ring, valueNear } = this.ring(m, ringKm, ctx.cp.decayPerKm);
    const { blockMax, base } = this;
    const [cx, cy, cz] = unitVector(m.centroid.lat, m.centroid.lon);
    const near = dotThreshold(limit);
    const centre = this.centre;
    centre.latRad = m.centroid.lat * DEG;
    centre.lonRad = m.centroid.lon * DEG;
    centre.cosLat = Math.cos(centre.latRad);
    const best = this.best;
    best.reset(n);

    // Blocks the disc touches, nearest first; a block is read only while its bound reaches the n-th best.
    const { ux, uy, uz } = store;
    const nb = ring.block.length;
    for (let i = 0; i < nb && ring.minKm[i] <= limit; i++) {
      const b = ring.block[i];
      const bm = blockMax[b];
      const reach = wDist * valueNear[i] + ESTIMATE_EPS + SORT_QUANTUM;
      if (bm === -Infinity || (best.full && bm + reach < best.min)) continue;
      let list = this.blockList(grid, b, false);
      let done = false;
      for (let pass = 0; pass < 2 && !done; pass++) {
        let j = 0;
        for (; j < list.length; j++) {
          const s = list[j];
          if (best.full && base[s] + reach < best.min) break;
          const dot = ux[s] * cx + uy[s] * cy + uz[s] * cz;
          if (dot < near.outside) continue;
          this.offer(layer, s, limit);
        }
        // Read to the end of the cut list and the rest could still count: read the whole block.
        done = pass === 1 || j < list.length || this.spill[b] === -Infinity || (best.full && this.spill[b] + reach < best.min);
        if (!done) list = this.blockList(grid, b, true);
      }
    }
    this.forEachLoose(grid, store, m, limit, (s) => this.offer(layer, s, limit));

    // The chosen vacancies, scored by the library on the moved adult; their mean, summed best first.
    const moved = movedCandidate(pc, m.centroid.lat, m.centroid.lon);
    const scores: number[] = [];
    for (let j = 0; j < best.est.length; j++) {
      const pv = layer.vacancies[best.slot[j]] as PreparedVacancy;
      const r = scorePrepared(moved, pv, ctx, this.pairScore);
      if (!r.eligible) throw new Error(`matching index: vacancy ${pv.id} counted as reachable for ${moved.id} but not eligible`);
      assertEstimate(best.est[j], r.score, `candidate ${moved.id} at ${m.code} × vacancy ${pv.id}`);
      scores.push(r.score);
    }
    scores.sort((a, b) => b - a);
    let sum = 0;
    for (const x of scores) sum += x;
    return scores.length === 0 ? 0 : sum / scores.length;
  }

  /** Offers slot s to the best values when it lies within `limit` km of the centre (exact haversine). */
  private offer(layer: ContextLayer, s: number, limit: number): void {
    const rows = layer.vacancyRows.data;
    const o = s * ROW.WIDTH;
    const view = this.view;
    view.latRad = rows[o + ROW.LAT_RAD];
    view.lonRad = rows[o + ROW.LON_RAD];
    view.cosLat = rows[o + ROW.COS_LAT];
    // pairDistanceKm reads only the locations: the centre stands for the moved adult.
    const km = pairDistanceKm(this.centre as unknown as PreparedCandidate, view.asPrepared);
    if (km <= limit) {
      const ctx = layer.ctx;
      this.best.offer(scoreFromParts(this.head[s], ctx.cp.wDistance * distanceValue(km, ctx), this.demand[s], this.start[s], this.stability[s]), s);
    }
  }
}
