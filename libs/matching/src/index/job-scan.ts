/**
 * The eligible-only job search of one candidate (internal): the default list a platform or an
 * adviser asks for, without ISCO, sector or minimum-score filters. It returns exactly what
 * `MatchingIndex`'s general loop returns (the count of eligible vacancies and a shortlist whose
 * exact scoring gives the top k), in two passes over plain typed arrays:
 *
 * 1. Every vacancy within reach (grid cells wholly inside the disc without a distance test, cells
 *    on its edge with one) passes the R9 gates on columns: hours (R9.2), the earliest work day and
 *    the full right-to-work flags for asylum seekers (R9.1, R1-R3), a regulated profession (R9.3);
 *    distance (R9.4) is the disc itself. Each eligible one is counted and gets an upper bound of
 *    its score with the distance and time-to-start components at their best (1): the skills part
 *    from the candidate's shared-skill sums (or the ISCO floor, R7), language (R5) and diploma
 *    (R6) from small per-candidate tables, labour demand and stability from the columns.
 * 2. The score of any eligible pair is at least its bound less `slack` (the most the distance and
 *    time-to-start components can fall short of 1 within reach), so the k-th largest bound less
 *    `slack` is a floor the top k all reach: only pairs whose bound reaches that floor are
 *    estimated exactly (`estimateScore`, as the general loop does) and offered to the shortlist,
 *    best bound first, stopping when the next bound falls below the shortlist's k-th estimate.
 *
 * No allocation per vacancy; buffers grow once and are reused.
 */
import { ASYLUM, rtwDependsOnVacancy, rtwFlags } from '@kansrijk/scoring/rights/right-to-work-core';
import { type PreparedCandidate, type PreparedJobContext, type PreparedVacancy } from '@kansrijk/scoring';
import { distanceValue, languageValue, timeToStartValue } from '@kansrijk/scoring/job/pair-core';
import { haversineRad } from '@kansrijk/scoring/util/haversine';
import { dotThreshold, unitVector } from './geo';
import { ESTIMATE_EPS, pairDistanceKm, skillsEstimate } from './pair-estimate';
import { KLargest, type Shortlist } from './ranking';
import type { SkillSums } from './skill-postings';
import type { SlotStore } from './slot-store';
import { earliestWorkDay, type ContextLayer } from './context-layer';
import { LANGUAGE_CODE_NONE, ROW, VacancyView, languageOfCode } from './vacancy-rows';
import { DiscRuns, cellOf, type GridGeometry, type VacancyGrid } from './vacancy-grid';
import { resized } from './typed-arrays';

/**
 * The items in the grid's cell order (row-major; points outside the grid last), in their given
 * order within a cell. Vacancy slots are numbered this way, so the grid's positions are the slots
 * themselves and a row of cells across a disc is one run of consecutive slots: the scan reads
 * every column sequentially instead of jumping through memory.
 */
export function cellOrder<T extends { location: { lat: number; lon: number } }>(items: readonly T[], geometry: GridGeometry): T[] {
  const keyed = items.map((it, i) => {
    const c = Number.isFinite(it.location.lat) && Number.isFinite(it.location.lon) ? cellOf(geometry, it.location.lat, it.location.lon) : -1;
    return { it, c: c < 0 ? Infinity : c, i };
  });
  keyed.sort((a, b) => a.c - b.c || a.i - b.i);
  return keyed.map((x) => x.it);
}

/** Restores the max-heap (by `key`) of `idx[0 .. n)` below position `i`. */
function siftDown(idx: Int32Array, n: number, key: Float64Array, i: number): void {
  const v = idx[i];
  const kv = key[v];
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && key[idx[r]] > key[idx[l]] ? r : l;
    if (key[idx[c]] <= kv) break;
    idx[i] = idx[c];
    i = c;
  }
  idx[i] = v;
}

/** What one eligible-only search needs besides the index's own structures. */
export interface JobScanArgs {
  pc: PreparedCandidate;
  ctx: PreparedJobContext;
  layer: ContextLayer;
  store: SlotStore<{ id: string; location: { lat: number; lon: number } }>;
  grid: VacancyGrid;
  /** The disc's radius: the pair radius plus the 1 m tolerance. */
  limitKm: number;
  minHours: number | null;
  maxHours: number | null;
  /** Scratch for the candidate's shared-skill sums (filled here). */
  sums: SkillSums;
  /** See `floorBelowCredits`. */
  floorSafe: boolean;
  /** Filled with (estimate, slot) pairs; its owner scores them exactly. */
  list: Shortlist;
  k: number;
}

/** Reusable state of the eligible-only search (see the file comment). */
export class JobScan {
  private readonly runs = new DiscRuns();
  private slots = new Int32Array(4096);
  private bounds = new Float64Array(4096);
  private partial = new Float64Array(4096);
  private n = 0;
  /** Indices into the kept pairs, as a max-heap by bound in pass 2. */
  private order = new Int32Array(4096);
  /** The k largest bounds of pass 1. */
  private readonly bestBounds = new KLargest();
  private readonly view = new VacancyView();
  private readonly languageTable = new Float64Array(64);

  /** Counts the eligible vacancies and fills `args.list`; returns the count. */
  run(args: JobScanArgs): number {
    const { pc, ctx, layer, store, grid, limitKm, sums, list, k } = args;
    const cp = ctx.cp;
    const onDay = ctx.onDay;
    const rows = layer.vacancyRows;
    const earliest = earliestWorkDay(pc, ctx);
    this.n = 0;
    this.bestBounds.reset(k);
    if (Number.isNaN(earliest)) return 0;

    // Per candidate: the weighted language value of each requirement code (R5), the diploma value
    // per required rank (R6), the ISCO floor's inputs (R7) and the regulated professions held (R9.3).
    const lt = this.languageTable;
    const wLanguage = cp.wLanguage;
    const probe = this.view;
    for (let c = 0; c < 64; c++) {
      const { dutchRequired, englishRequired } = languageOfCode(c);
      probe.dutchRequired = dutchRequired;
      probe.englishRequired = englishRequired;
      lt[c] = wLanguage * languageValue(pc, probe.asPrepared, ctx);
    }
    const wDiploma = cp.wDiploma;
    const dv = pc.diplomaValueByRank;
    const professions = rows.professions;
    const recognised = new Uint8Array(professions.length);
    for (let i = 0; i < professions.length; i++) recognised[i] = pc.recognisedProfessions.includes(professions[i]) ? 1 : 0;
    const sp = cp.policy.params.skills;
    const f4 = sp.sameIsco4Factor;
    const f3 = sp.sameIsco3Factor;
    const occ4 = pc.occIsco4;
    const occ3 = pc.occIsco3;
    const occC = pc.occCredit;
    const nOcc = occ4.length;
    const noSkills = sp.noSkillsListedValue;
    const wSkills = cp.wSkills;
    const wStab = cp.wStability;
    const stabC = pc.stabilityPart;
    const asylum = pc.rtw.status === ASYLUM;
    // R1 for an asylum seeker, R9.5 for anyone under the youth age: R9.1/R9.5 then depend on the vacancy.
    const conditional = rtwDependsOnVacancy(pc.rtw, ctx.onDay);
    // The distance and time-to-start components at their best: 1 each.
    const best = cp.wDistance + cp.wStart;
    // Within reach the distance value is at least its value at the limit; time to start is at least 0
    // for an asylum seeker and exactly 1 for anyone else (R10).
    const slack = cp.wDistance * (1 - Math.exp(cp.decayPerKm * limitKm)) + (asylum ? cp.wStart : 0);

    const { alive, hours, day, ux, uy, uz } = store;
    const { end, wage, flags, denominator, isco4, isco3, languageCode, diplomaRank, demandPart, stabilityPart } = rows;
    const vacancies = layer.vacancies;
    const hoursLimit = pc.hoursAvailable + 1e-9;
    const minHours = args.minHours;
    const maxHours = args.maxHours;
    const [cx, cy, cz] = unitVector(pc.profile.location.lat, pc.profile.location.lon);
    const near = dotThreshold(limitKm);
    const nearInside = near.inside;
    const nearOutside = near.outside;
    const floorSafe = args.floorSafe;
    const gslots = grid.slots;
    let matched = 0;
    let floorOfK = -Infinity;

    const runs = this.runs;
    runs.fill(grid, pc.profile.location.lat, pc.profile.location.lon, limitKm);
    const strays = grid.strays;
    // R7 shared skills, summed only over the slots the disc can reach: grid positions hold
    // ascending slots (the owner keeps the slots in cell order), so the disc's positions span one
    // slot range; strays and later slots come after it.
    sums.begin(store.slots);
    let minPos = Infinity;
    let maxPos = -Infinity;
    for (let r = 0; r < runs.nInside; r += 2) {
      if (runs.inside[r] < minPos) minPos = runs.inside[r];
      if (runs.inside[r + 1] > maxPos) maxPos = runs.inside[r + 1];
    }
    for (let r = 0; r < runs.nEdge; r += 2) {
      if (runs.edge[r] < minPos) minPos = runs.edge[r];
      if (runs.edge[r + 1] > maxPos) maxPos = runs.edge[r + 1];
    }
    const lo = maxPos > minPos ? gslots[minPos] : 0;
    const hi = maxPos > minPos ? gslots[maxPos - 1] + 1 : 0;
    const tail = strays.length > 0 ? Math.min(strays[0], grid.watermark) : grid.watermark;
    layer.vacancyPostings.sumRange(pc, sums, lo, Math.min(hi, tail), tail);
    const nSeg = runs.nInside / 2 + runs.nEdge / 2 + 2;
    // Segments of positions: the inside runs (no distance test), the edge runs, the strays outside
    // the grid, and the slots added since the grid was built (the last three with a distance test).
    for (let seg = 0; seg < nSeg; seg++) {
      let src: Int32Array | null = gslots;
      let a: number;
      let b: number;
      let test = 1;
      if (seg < runs.nInside / 2) {
        a = runs.inside[2 * seg];
        b = runs.inside[2 * seg + 1];
        test = 0;
      } else if (seg < nSeg - 2) {
        const e = 2 * (seg - runs.nInside / 2);
        a = runs.edge[e];
        b = runs.edge[e + 1];
      } else if (seg === nSeg - 2) {
        src = strays;
        a = 0;
        b = strays.length;
      } else {
        src = null;
        a = grid.watermark;
        b = store.slots;
      }
      for (let p = a; p < b; p++) {
        const s = src === null ? p : src[p];
        if (alive[s] !== 1) continue;
        const h = hours[s];
        if (h > hoursLimit) continue;
        if ((minHours !== null && h < minHours) || (maxHours !== null && h > maxHours)) continue;
        if (test !== 0) {
          const dot = ux[s] * cx + uy[s] * cy + uz[s] * cz;
          if (dot < nearOutside) continue;
          if (dot < nearInside && !(pairDistanceKm(pc, rows.load(s, probe).asPrepared) <= limitKm)) continue;
        }
        const f = flags[s];
        if (conditional) {
          const st = day[s];
          if ((st > onDay ? st : onDay) < earliest) continue;
          if (rtwFlags(pc.rtw, onDay, st, end[s], cp, (f & 1) !== 0, wage[s], h) !== 0) continue;
        }
        if (f > 1 && recognised[(f >> 1) - 1] !== 1) continue;
        matched++;
        // The bound, summed in scorePrepared's order.
        let sk: number;
        if (sums.has(s)) {
          sk = skillsEstimate(pc, vacancies[s] as PreparedVacancy, ctx, sums, s, vacancies, s, floorSafe);
        } else if (denominator[s] <= 0) {
          sk = noSkills;
        } else {
          // R7: no shared skill, so every skill gets the ISCO floor (0 without a related occupation):
          // relatedFloor's loop over the ISCO columns, not over the prepared vacancy objects (calling
          // relatedFloor on each vacancy's object made the whole search 1.7× slower: bench (a) p50
          // 0.85 against 0.49 ms).
          sk = 0;
          if (nOcc > 0) {
            const v4 = isco4[s];
            const v3 = isco3[s];
            for (let i = 0; i < nOcc; i++) {
              let fac = 0;
              if (v4 >= 0 && occ4[i] === v4) fac = f4;
              else if (v3 >= 0 && occ3[i] === v3) fac = f3;
              const v = fac * occC[i];
              if (v > sk) sk = v;
            }
          }
        }
        // Every component but distance and time to start, then the bound with both at 1.
        const code = languageCode[s];
        let x = wSkills * sk;
        x += code !== LANGUAGE_CODE_NONE ? lt[code] : wLanguage * languageValue(pc, rows.load(s, probe).asPrepared, ctx);
        x += wDiploma * dv[diplomaRank[s]];
        x += demandPart[s];
        const stab = stabilityPart[s] + stabC;
        x += wStab * (stab > 1 ? 1 : stab);
        let bound = x + best;
        if (bound > 1) bound = 1;
        if (bound + 2 * ESTIMATE_EPS < floorOfK) continue;
        this.keep(s, bound, x);
        const kth = this.bestBounds.offer(bound);
        if (kth - slack - 2 * ESTIMATE_EPS > floorOfK) floorOfK = kth - slack - 2 * ESTIMATE_EPS;
      }
    }

    // Pass 2: best bound first; a bound below the shortlist's k-th estimate ends it.
    const data = rows.data;
    const m = this.heapifyAbove(floorOfK);
    const bounds = this.bounds;
    const idx = this.order;
    let size = m;
    while (size > 0) {
      const j = idx[0];
      const b = bounds[j];
      if (b + 2 * ESTIMATE_EPS < list.threshold) break;
      idx[0] = idx[--size];
      siftDown(idx, size, bounds, 0);
      const s = this.slots[j];
      // The estimate: the same components, the distance one from the haversine (R10).
      const o = s * ROW.WIDTH;
      const km = haversineRad(pc.latRad, pc.lonRad, pc.cosLat, data[o + ROW.LAT_RAD], data[o + ROW.LON_RAD], data[o + ROW.COS_LAT]);
      let est = this.partial[j] + cp.wDistance * distanceValue(km, ctx);
      if (asylum) {
        probe.startDay = day[s];
        probe.endDay = end[s];
        est += cp.wStart * timeToStartValue(pc, probe.asPrepared, ctx, 0);
      } else {
        est += cp.wStart;
      }
      list.offer(est > 1 ? 1 : est, s);
    }
    return matched;
  }

  /** Keeps an eligible pair for pass 2: its slot, its bound and the sum of its components but distance and time to start. */
  private keep(s: number, b: number, partial: number): void {
    if (this.n === this.slots.length) {
      this.slots = resized(this.slots, this.n * 2);
      this.bounds = resized(this.bounds, this.n * 2);
      this.partial = resized(this.partial, this.n * 2);
    }
    this.slots[this.n] = s;
    this.bounds[this.n] = b;
    this.partial[this.n] = partial;
    this.n++;
  }

  /** Puts the indices of the kept pairs whose bound reaches `floor` in `order` as a max-heap by bound; returns how many. */
  private heapifyAbove(floor: number): number {
    if (this.order.length < this.n) this.order = new Int32Array(this.slots.length);
    const idx = this.order;
    const bounds = this.bounds;
    let m = 0;
    for (let i = 0; i < this.n; i++) if (bounds[i] + 2 * ESTIMATE_EPS >= floor) idx[m++] = i;
    for (let i = (m >> 1) - 1; i >= 0; i--) siftDown(idx, m, bounds, i);
    return m;
  }
}
