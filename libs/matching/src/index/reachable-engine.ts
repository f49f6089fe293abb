import {
  DISTANCE_TOLERANCE_KM,
  distanceKm,
  scorePrepared,
  type MunicipalityProfile,
  type PairScore,
  type PreparedCandidate,
  type PreparedJobContext,
  type PreparedVacancy,
  type ReachableAdult,
  type VacancyProfile,
} from '@kansrijk/scoring';
import { diplomaValue, languageValue, relatedFloor, skillsValue, stabilityValue, timeToStartValue } from '@kansrijk/scoring/job/pair-core';
import { earliestWorkDay, type ContextLayer } from './context-layer';
import { DEG, dotThreshold, kmAtLeast, unitVector, type DotThreshold } from './geo';
import { MatchingInputError } from './matching-input-error';
import { ESTIMATE_EPS, assertEstimate, distanceValue, floorBelowCredits, pairDistanceKm, pairGates, scoreFromParts, skillsEstimate } from './pair-estimate';
import { rtwDependsOnVacancy, rtwFlags } from '@kansrijk/scoring/rights/right-to-work-core';
import { SkillSums } from './skill-postings';
import type { SlotStore } from './slot-store';
import type { MunicipalityReachable, ReachableResult } from './types';
import { ROW, VacancyView } from './vacancy-rows';
import { BlockRing, DiscCells, VacancyGrid, nlGridGeometry, type GridGeometry } from './vacancy-grid';

/** Default number of best scores `meanBestScore` averages. */
export const DEFAULT_BEST_OF = 5;

/** Slots added after the grid was built that the summary checks one by one before it rebuilds the grid. */
const MAX_EXTRAS = 512;

/** Cached discs and block rings, at most this many of each. */
const MAX_CACHED = 8192;

/** Vacancies per block kept best first by the pass; a block needing more is read whole. */
const TOP_OF_BLOCK = 16;

/** Blocks with the highest bounds, read first so that the bound to beat is high early. */
const FIRST_BLOCKS = 4;

/** Gate sets (see `DateFreeGate`) kept per state of the vacancies. */
const MAX_GATES = 8;

/** ISCO-08 unit groups are 4-digit codes, minor groups 3-digit (codes outside are checked one by one). */
const ISCO4_CODES = 10000;
const ISCO3_CODES = 1000;

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

/**
 * The candidates for the best n by estimate, best first (internal). Estimates differ from
 * `scorePrepared` by rounding only (< ESTIMATE_EPS), so everything within 2 × EPS of the n-th
 * best estimate is kept too (near-ties, e.g. copies of one vacancy) and scored exactly.
 */
class BestValues {
  readonly est: number[] = [];
  readonly slot: number[] = [];
  private n = 1;

  reset(n: number): void {
    this.n = n;
    this.est.length = 0;
    this.slot.length = 0;
    this.floor = -Infinity;
  }

  /** No estimate below this can belong to the best n (it only rises). */
  floor = -Infinity;

  /** Offers slot s with estimate e; a slot already held is ignored. */
  offer(e: number, s: number): void {
    if (e < this.floor || this.slot.includes(s)) return;
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
    if (this.est.length >= this.n) this.floor = this.est[this.n - 1] - 2 * ESTIMATE_EPS;
    const floor = this.floor;
    while (this.est.length > this.n && this.est[this.est.length - 1] < floor) {
      this.est.pop();
      this.slot.pop();
    }
  }
}

/** The n highest of the values offered, for a bound on the mean of the best n (internal). */
class TopBounds {
  private values = new Float64Array(16);
  private size = 0;
  private n = 1;
  /** A value at most this cannot enter (it is -Infinity until n values are held). */
  floor = -Infinity;

  reset(n: number): void {
    if (this.values.length < n) this.values = new Float64Array(Math.max(n, this.values.length * 2));
    this.n = n;
    this.size = 0;
    this.floor = -Infinity;
  }

  /** Whether v entered (then a lower value might too). */
  offer(v: number): boolean {
    if (v <= this.floor) return false;
    const xs = this.values;
    let i = this.size < this.n ? this.size++ : this.n - 1;
    while (i > 0 && xs[i - 1] < v) {
      xs[i] = xs[i - 1];
      i--;
    }
    xs[i] = v;
    if (this.size === this.n) this.floor = xs[this.n - 1];
    return true;
  }

  /** Offers `copies` copies of v (at most n count). */
  offerCopies(v: number, copies: number): void {
    for (let c = 0; c < copies && c < this.n; c++) if (!this.offer(v)) return;
  }

  /** The mean of the n held. Callers offer at least n values; were fewer held, each missing one would count as the highest. */
  mean(): number {
    if (this.size === 0) return -Infinity;
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += this.values[i];
    return (sum + (this.n - this.size) * this.values[0]) / this.n;
  }
}

/**
 * Per block, what bounds the location-free part of its vacancies whatever the adult (internal):
 * the language classes present (required Dutch level × 9 + English level, 8 for "English does
 * not suffice"; `langOther` when a level falls outside), the diploma ranks present, and the
 * highest labour-demand value and stability part. Over every vacancy of the grid's build, so an
 * upper bound for those still open.
 */
class BlockRest {
  readonly langMask: Uint32Array;
  readonly langOther: Uint8Array;
  readonly rankMask: Uint8Array;
  readonly maxDemand: Float64Array;
  readonly maxStability: Float64Array;

  constructor(grid: VacancyGrid, rows: Float64Array) {
    const g = grid.geometry;
    const n = g.blockRows * g.blockCols;
    this.langMask = new Uint32Array(n * 3);
    this.langOther = new Uint8Array(n);
    this.rankMask = new Uint8Array(n);
    this.maxDemand = new Float64Array(n).fill(-Infinity);
    this.maxStability = new Float64Array(n).fill(-Infinity);
    for (let b = 0; b < n; b++) {
      for (let p = grid.blockStart[b]; p < grid.blockStart[b + 1]; p++) {
        const o = grid.blockSlots[p] * ROW.WIDTH;
        const d = rows[o + ROW.DUTCH_REQUIRED];
        const e = rows[o + ROW.ENGLISH_REQUIRED];
        if (d >= 0 && d < 8 && ((e >= 0 && e < 8) || e === 99)) {
          const c = d * 9 + (e === 99 ? 8 : e);
          this.langMask[b * 3 + (c >> 5)] |= 1 << (c & 31);
        } else this.langOther[b] = 1;
        this.rankMask[b] |= 1 << rows[o + ROW.DIPLOMA_RANK];
        if (rows[o + ROW.DEMAND_VALUE] > this.maxDemand[b]) this.maxDemand[b] = rows[o + ROW.DEMAND_VALUE];
        if (rows[o + ROW.STABILITY_PART] > this.maxStability[b]) this.maxStability[b] = rows[o + ROW.STABILITY_PART];
      }
    }
  }
}

/**
 * The gates of an adult whose gates do not depend on a vacancy's dates, wage or employer (R9.1
 * holds for every vacancy: a status holder, R2, or someone displaced from Ukraine, R3): then only
 * R9.2 hours and R9.3 regulated profession remain, the same for every adult with the same hours
 * available and recognised professions, so they are kept per such pair while the vacancies do not
 * change (internal). `ok` per slot, a running count of `ok` in grid order, and per block its
 * count of `ok`.
 */
class DateFreeGate {
  /** Counts (step 2) by disc radius and centroid: the same for every adult with these gates. */
  readonly counts = new Map<number, Map<string, number>>();

  constructor(
    readonly ok: Uint8Array,
    readonly running: Int32Array,
    readonly blockCount: Int32Array,
  ) {}

  countsWithin(limit: number): Map<string, number> {
    let m = this.counts.get(limit);
    if (!m) this.counts.set(limit, (m = new Map()));
    return m;
  }
}

/**
 * The grid's vacancies an adult may share more than nothing with, by what they share, for the
 * sparse pass (internal, per context layer and grid): those listing no skills (their skills
 * component is the policy's fixed value), and those by ISCO unit and minor group (a held
 * occupation there gives a related floor, R7). Those sharing a skill come from the adult's
 * skill postings.
 */
class SharedIndex {
  readonly noSkills: Int32Array;
  readonly byIsco4 = new Map<number, Int32Array>();
  readonly byIsco3 = new Map<number, Int32Array>();

  constructor(grid: VacancyGrid, rows: { denominator: Float64Array; isco4: Int32Array; isco3: Int32Array }) {
    const noSkills: number[] = [];
    const by4 = new Map<number, number[]>();
    const by3 = new Map<number, number[]>();
    const add = (m: Map<number, number[]>, k: number, s: number) => {
      let l = m.get(k);
      if (!l) m.set(k, (l = []));
      l.push(s);
    };
    for (let s = 0; s < grid.watermark; s++) {
      if (grid.blockOfSlot[s] < 0) continue;
      if (!(rows.denominator[s] > 0)) noSkills.push(s);
      if (rows.isco4[s] >= 0) add(by4, rows.isco4[s], s);
      if (rows.isco3[s] >= 0) add(by3, rows.isco3[s], s);
    }
    this.noSkills = Int32Array.from(noSkills);
    for (const [k, l] of by4) this.byIsco4.set(k, Int32Array.from(l));
    for (const [k, l] of by3) this.byIsco3.set(k, Int32Array.from(l));
  }
}

/** What the pass reads of one adult. */
interface AdultFacts {
  pc: PreparedCandidate;
  ctx: PreparedJobContext;
  layer: ContextLayer;
  rows: Float64Array;
  floorSafe: boolean;
  hoursLimit: number;
  earliest: number;
  never: boolean;
  /** R9.3 by regulated profession number (see `professionOk`). */
  professions: (boolean | undefined)[];
  /** Whether the adult held any occupation (then a vacancy in its ISCO group has a skills floor). */
  related: boolean;
}

/**
 * One adult's scratch (internal): what `adultPass` leaves for the counts and the best scores,
 * by slot and by block. A session keeps one per adult, so that the best scores of any
 * municipality can be asked for after every adult's pass.
 */
class AdultScratch {
  pass = new Uint8Array(0);
  head = new Float64Array(0);
  /** Memo of the exact skills + language + diploma part (see `exactScore`), valid where `exactStamp` is `stamp`. */
  exactHead = new Float64Array(0);
  exactStamp = new Int32Array(0);
  stamp = 0;
  base = new Float64Array(0);
  running = new Int32Array(0);
  /** What the counts read: the running count of passing vacancies in grid order, and per slot whether it passes (non-zero). */
  counted: Int32Array = new Int32Array(0);
  passing: Uint8Array = new Uint8Array(0);
  /** The adult's date-free gates, when they have them (see `sparsePass`). */
  gate: DateFreeGate | null = null;
  /** Scratch of the sparse pass: the slots it computed, and the same by block. */
  eager = new Int32Array(0);
  eagerByBlock = new Int32Array(0);
  eagerStart = new Int32Array(0);
  eagerFill = new Int32Array(0);
  blockMax = new Float64Array(0);
  reached = new Uint8Array(0);
  topSlots = new Int32Array(0);
  topCount = new Int32Array(0);
  spill = new Float64Array(0);
  /** Per block: passing vacancies whose parts wait (see `gatePass`), and a bound on their best part. */
  plainCount = new Int32Array(0);
  plainBound = new Float64Array(0);
  /**
   * The highest of every block's part bound (its highest part, or its waiting vacancies' bound),
   * set after the adult's pass. It never rises later: computing a block's waiting parts gives
   * values at most their bound.
   */
  partCap = -Infinity;
  /** Language values by required Dutch level × 9 + English level, diploma values by rank (see `adultPass`). */
  readonly langTable = new Float64Array(8 * 9);
  readonly diplomaTable = new Float64Array(6);
  /** The ISCO unit (4-digit) and minor (3-digit) groups the adult held an occupation in. */
  readonly held4 = new Uint8Array(ISCO4_CODES);
  readonly held3 = new Uint8Array(ISCO3_CODES);
  adult: AdultFacts | null = null;

  ensure(slots: number, blocks: number, positions: number): void {
    if (this.pass.length < slots) {
      const n = Math.max(slots, this.pass.length * 2, 1024);
      this.pass = new Uint8Array(n);
      this.head = new Float64Array(n);
      this.exactHead = new Float64Array(n);
      this.exactStamp = new Int32Array(n);
      this.stamp = 0;
      this.base = new Float64Array(n);
    }
    if (this.blockMax.length < blocks) {
      this.blockMax = new Float64Array(blocks);
      this.reached = new Uint8Array(blocks);
      this.spill = new Float64Array(blocks);
      this.topCount = new Int32Array(blocks);
      this.topSlots = new Int32Array(blocks * TOP_OF_BLOCK);
      this.plainCount = new Int32Array(blocks);
      this.plainBound = new Float64Array(blocks);
    }
    if (this.running.length < positions + 1) this.running = new Int32Array(positions + 1);
    if (this.eager.length < slots) {
      this.eager = new Int32Array(this.pass.length);
      this.eagerByBlock = new Int32Array(this.pass.length);
    }
    if (this.eagerStart.length < blocks + 1) {
      this.eagerStart = new Int32Array(blocks + 1);
      this.eagerFill = new Int32Array(blocks + 1);
    }
  }
}

/**
 * One `open`: for adult a and municipality i (in the order given), `counts[a][i]` is exact and
 * `bestUpper(a, i)` is at least the mean of the best (0 where the count is 0), computed when
 * asked; `complete` gives the exact rows for the positions asked, as `summarise` has them.
 */
export interface ReachableSession {
  radiusKm: number;
  bestOf: number;
  context: PreparedJobContext;
  counts: Int32Array[];
  bestUpper(adult: number, position: number): number;
  /**
   * A bound like `bestUpper` that holds for every municipality of the session at once (0 where the
   * count is 0): the best any reachable vacancy could score with the distance component at its
   * best. Known from the passes, so it costs nothing; looser than `bestUpper`, which reads the
   * blocks around one municipality.
   */
  anywhereUpper(adult: number, position: number): number;
  complete(positions: readonly number[]): MunicipalityReachable[];
  /**
   * How many (adult, municipality) means of the best (`completed`) and `bestUpper` bounds
   * (`bounded`) this session computed, and how many of either it took from a wider radius's
   * session of the same `openMany` instead (see there).
   */
  readonly work: { completed: number; bounded: number; fromWider: number };
}

/** A municipality as the summary reads it, prepared once per call. */
interface Place {
  m: MunicipalityProfile;
  /** Cache key: the centroid. */
  key: string;
  /** The centroid, the ring's radius and decay, and the disc cache this place was prepared with. */
  lat: number;
  lon: number;
  ringKm: number;
  decayPerKm: number;
  discsOf: Map<string, Map<number, DiscCells>>;
  /** Unit vector and radians of the centroid. */
  x: number;
  y: number;
  z: number;
  latRad: number;
  lonRad: number;
  cosLat: number;
  ring: Ring;
  /** Cached discs of this centroid, by radius. */
  discs: Map<number, DiscCells>;
}

interface Ring {
  ring: BlockRing;
  /** The distance value at the block's nearest possible point (its highest). */
  valueNear: Float64Array;
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
 * 1. Per adult, one pass over the vacancies in slot order: the gates that do not depend on where
 *    the adult lives (R9.1 right to work, R9.2 hours, R9.3 diploma), a running count of those that
 *    pass in grid order, and the location-free part of the score (all but the distance component,
 *    see `estimateScore`) of those sharing a skill or an ISCO group with the adult. The others'
 *    skills component is exactly 0; their parts wait until a municipality could need them (a
 *    per-block bound, `plainBounds`). Per 8 km block: the highest part and the best 16.
 * 2. Per municipality, the count: the disc of min(radiusKm, the adult's maxTravelKm) is, row by
 *    row, runs of 0.5 km grid cells wholly inside (one subtraction each) and the points in the
 *    cells its edge crosses (listed once per centroid and radius, see `DiscCells`).
 * 3. Per municipality, the best scores: a block can hold nothing better than its highest part plus
 *    the distance component at its nearest point, so blocks are read (their best 16, then the
 *    waiting or the rest when those could still count) only while that bound reaches the n-th best
 *    estimate. Every candidate within 2e-9 of the n-th best is then scored exactly, with the
 *    library's per-pair functions summed in `scorePrepared`'s order (`exactScore`); once per call
 *    `scorePrepared` itself checks one of them on the moved adult, to the last bit.
 */
export class ReachableEngine {
  private readonly geometry: GridGeometry = nlGridGeometry();
  private grid: VacancyGrid | null = null;
  /** Discs by centroid, then by radius; dropped with the grid. */
  private discs = new Map<string, Map<number, DiscCells>>();
  private readonly rings = new Map<string, Ring>();
  /** Per municipality object, its places as last prepared, by ring radius (see `places`). */
  private readonly placeOf = new WeakMap<MunicipalityProfile, Map<number, Place>>();
  /** The current adult's scratch; one per adult of a session, kept for the next. */
  private sc = new AdultScratch();
  private readonly scratches: AdultScratch[] = [];
  /** Counts `open` calls: a session answers only while it is the latest. */
  private generation = 0;
  private readonly restOfBlocks = new WeakMap<ContextLayer, { grid: VacancyGrid; rest: BlockRest }>();
  private readonly sharedOf = new WeakMap<ContextLayer, { grid: VacancyGrid; shared: SharedIndex }>();
  /** Date-free gates by hours available and recognised professions, for one state of the vacancies. */
  private gates: { grid: VacancyGrid | null; changes: number; slots: number; byKey: Map<string, DateFreeGate> } = { grid: null, changes: -1, slots: -1, byKey: new Map() };
  private bound = new Float64Array(0);
  private readonly first = new Int32Array(FIRST_BLOCKS);
  private readonly sums = new SkillSums();
  private readonly view = new VacancyView();
  private readonly pairScore: PairScore = { eligible: false, score: 0, failedGates: 0 };
  private readonly best = new BestValues();
  private readonly topBounds = new TopBounds();
  /** Whether the next summary still checks one score against `scorePrepared` itself. */
  private checkNext = true;
  /** The farthest of the last `meanBest`'s candidates from its centre, km. */
  private farthest = 0;
  private readonly centre = { latRad: 0, lonRad: 0, cosLat: 1 };

  /** The summary of every municipality: a session completed for all of them. */
  summarise(args: SummariseArgs): ReachableResult {
    const session = this.open(args);
    return { municipalities: session.complete(args.municipalities.map((_, i) => i)), radiusKm: session.radiusKm, bestOf: session.bestOf, context: session.context };
  }

  /**
   * Every adult's pass (step 1) and every count (step 2) at once; the best scores (step 3) only
   * for the municipalities the caller then asks for, with a bound for the others that never lies
   * below the exact mean. Valid until the next `open` or `summarise` on this engine or a change to
   * the vacancies; `complete` refuses to answer after either.
   */
  open(args: SummariseArgs): ReachableSession {
    return this.openMany(args, [args.radiusKm ?? args.layer.ctx.policy.params.tieRadiusKm])[0];
  }

  /**
   * `open` for several radii at once (say a baseline's 50 km and a variant's 30 km): one pass per
   * adult (step 1, which does not depend on the radius: it reads every block the largest disc
   * reaches) and, per radius, the counts, bounds and completions of its own session. All are
   * valid until the next `open` or change to the vacancies.
   */
  openMany(args: SummariseArgs, radii: readonly number[]): ReachableSession[] {
    const { store, layer, adults, municipalities } = args;
    const ctx = layer.ctx;
    if (radii.length === 0) throw new MatchingInputError('radii', 'must hold at least one radius');
    for (const radiusKm of radii) {
      if (typeof radiusKm !== 'number' || !Number.isFinite(radiusKm) || radiusKm < 0) throw new MatchingInputError('radiusKm', `must be a finite number >= 0, got ${String(radiusKm)}`);
    }
    const bestOf = args.bestOf ?? DEFAULT_BEST_OF;
    if (!Number.isInteger(bestOf) || bestOf < 1 || bestOf > 1000) throw new MatchingInputError('bestOf', `must be an integer from 1 to 1000, got ${String(bestOf)}`);
    municipalities.forEach((m, i) => {
      const c = m?.centroid;
      if (!c || !Number.isFinite(c.lat) || !Number.isFinite(c.lon) || Math.abs(c.lat) > 90 || Math.abs(c.lon) > 180) {
        throw new MatchingInputError(`municipalities[${i}].centroid`, 'must be a WGS84 point');
      }
    });

    const grid = this.gridFor(store);
    const decayPerKm = ctx.cp.decayPerKm;
    // Per radius and municipality, once per call: the cache key, the unit vector and the block ring.
    const placesOf = radii.map((radiusKm) => this.places(municipalities, radiusKm + DISTANCE_TOLERANCE_KM, decayPerKm));
    const widest = radii.indexOf(Math.max(...radii));
    const generation = ++this.generation;
    const changes = store.changes;
    const limitsOf = radii.map((radiusKm) => adults.map((pc) => Math.min(radiusKm, pc.maxTravelKm) + DISTANCE_TOLERANCE_KM));
    const nearsOf = limitsOf.map((limits) => limits.map((limit) => dotThreshold(limit)));
    const countsOf: Int32Array[][] = radii.map(() => []);
    adults.forEach((pc, a) => {
      this.sc = this.scratches[a] ??= new AdultScratch();
      // The widest disc's blocks hold every narrower one's.
      this.adultPass(grid, store, layer, pc, placesOf[widest], limitsOf[widest][a]);
      radii.forEach((_, r) => countsOf[r].push(this.countRow(grid, store, placesOf[r], limitsOf[r][a], nearsOf[r][a])));
    });
    // Per adult, after its pass (what `anywhereUpper` reads): it holds within any disc.
    const nBlocks = grid.geometry.blockRows * grid.geometry.blockCols;
    const anywhere = adults.map((_, a) => {
      this.sc = this.scratches[a];
      this.sc.partCap = this.partCap(nBlocks);
      return Math.min(1, this.bestAnywhere(grid, store, layer) + 2 * ESTIMATE_EPS);
    });
    this.checkNext = true;
    // A wider radius's mean of the best serves a narrower one where every candidate it weighed
    // lies within the narrower limit: the best n of the wider disc are then in the narrower one,
    // so they are its best n too (and if the wider disc held fewer than n, both hold the same).
    // Kept per radius, adult and position when there is more than one radius.
    const memo = radii.length > 1 ? radii.map(() => adults.map(() => ({ mean: new Float64Array(municipalities.length).fill(NaN), far: new Float64Array(municipalities.length) }))) : null;
    const widerOf = radii.map((radiusKm) => radii.flatMap((w, r) => (w > radiusKm ? [r] : [])));
    return radii.map((radiusKm, r) => {
      const places = placesOf[r];
      const limits = limitsOf[r];
      const nears = nearsOf[r];
      const counts = countsOf[r];
      const current = (i: number): void => {
        if (generation !== this.generation || this.grid !== grid || store.changes !== changes) {
          throw new Error('matching index: a reachable session was used after the vacancies changed or another summary began; open a new one');
        }
        if (!Number.isInteger(i) || i < 0 || i >= places.length) throw new MatchingInputError('positions', `must be positions in municipalities (0 to ${places.length - 1}), got ${String(i)}`);
      };
      const currentPair = (a: number, i: number): void => {
        current(i);
        if (!Number.isInteger(a) || a < 0 || a >= adults.length) throw new MatchingInputError('adult', `must be a position in adults (0 to ${adults.length - 1}), got ${String(a)}`);
      };
      const work = { completed: 0, bounded: 0, fromWider: 0 };
      /** The mean of the best from a wider radius, when it holds here (see `memo`); NaN if none does. */
      const fromWider = (a: number, i: number): number => {
        if (!memo) return NaN;
        for (const w of widerOf[r]) {
          const m = memo[w][a];
          if (!Number.isNaN(m.mean[i]) && m.far[i] <= limits[a]) return m.mean[i];
        }
        return NaN;
      };
      const bestUpper = (a: number, i: number): number => {
        currentPair(a, i);
        if (counts[a][i] === 0) return 0;
        // The exact mean, when a wider radius already has it, is the closest bound there is.
        const known = fromWider(a, i);
        if (!Number.isNaN(known)) {
          work.fromWider++;
          return Math.min(1, known);
        }
        work.bounded++;
        this.sc = this.scratches[a];
        return Math.min(1, this.bestBound(grid, store, layer, places[i], limits[a], nears[a], Math.min(bestOf, counts[a][i])));
      };
      const anywhereUpper = (a: number, i: number): number => {
        currentPair(a, i);
        return counts[a][i] === 0 ? 0 : anywhere[a];
      };
      const complete = (positions: readonly number[]): MunicipalityReachable[] => {
        const rows = positions.map((i) => {
          current(i);
          return { municipalityCode: places[i].m.code, reachable: { adults: [] as ReachableAdult[] } };
        });
        adults.forEach((pc, a) => {
          this.sc = this.scratches[a];
          const limit = limits[a];
          const near = nears[a];
          positions.forEach((i, k) => {
            const count = counts[a][i];
            let meanBestScore = count === 0 ? 0 : fromWider(a, i);
            if (count > 0 && !Number.isNaN(meanBestScore)) work.fromWider++;
            else if (count > 0) {
              meanBestScore = this.meanBest(grid, store, layer, pc, places[i], limit, near, Math.min(bestOf, count));
              work.completed++;
              if (memo) {
                memo[r][a].mean[i] = meanBestScore;
                memo[r][a].far[i] = this.farthest;
              }
            }
            rows[k].reachable.adults.push({ candidateId: pc.id, eligibleVacancies: count, meanBestScore });
          });
        });
        return rows;
      };
      return { radiusKm, bestOf, context: ctx, counts, bestUpper, anywhereUpper, complete, work };
    });
  }

  /**
   * Each municipality's place for a ring of `ringKm` (its centroid's cache key, unit vector and
   * blocks by distance), kept per municipality object and ring while its centroid, the decay and
   * the grid's disc cache stay the same: the same objects come back call after call.
   */
  private places(municipalities: readonly MunicipalityProfile[], ringKm: number, decayPerKm: number): Place[] {
    return municipalities.map((m) => {
      let byRing = this.placeOf.get(m);
      const p = byRing?.get(ringKm);
      if (p && p.lat === m.centroid.lat && p.lon === m.centroid.lon && p.decayPerKm === decayPerKm && p.discsOf === this.discs && this.discs.get(p.key) === p.discs) return p;
      const lat = m.centroid.lat;
      const lon = m.centroid.lon;
      const key = `${lat},${lon}`;
      const [x, y, z] = unitVector(lat, lon);
      const latRad = lat * DEG;
      let discs = this.discs.get(key);
      if (!discs) {
        if (this.discs.size >= MAX_CACHED) this.discs.clear();
        discs = new Map();
        this.discs.set(key, discs);
      }
      const place: Place = { m, key, lat, lon, x, y, z, latRad, lonRad: lon * DEG, cosLat: Math.cos(latRad), ring: this.ring(key, m, ringKm, decayPerKm), discs, ringKm, decayPerKm, discsOf: this.discs };
      if (!byRing) this.placeOf.set(m, (byRing = new Map()));
      if (byRing.size >= 8) byRing.clear();
      byRing.set(ringKm, place);
      return place;
    });
  }

  /** Step 2 for the current adult: eligible vacancies within `limit` km of every place. */
  private countRow(grid: VacancyGrid, store: SlotStore<VacancyProfile>, places: Place[], limit: number, near: DotThreshold): Int32Array {
    const gate = this.sc.gate;
    // Plain loops: Int32Array.from over an array goes through an iterator object per call.
    const row = new Int32Array(places.length);
    if (!gate) {
      for (let i = 0; i < places.length; i++) row[i] = this.countWithin(grid, store, places[i], limit, near);
      return row;
    }
    // Date-free gates: the counts are the gates', kept for the next adult with the same ones.
    const known = gate.countsWithin(limit);
    for (let i = 0; i < places.length; i++) {
      let n = known.get(places[i].key);
      if (n === undefined) known.set(places[i].key, (n = this.countWithin(grid, store, places[i], limit, near)));
      row[i] = n;
    }
    return row;
  }

  /**
   * A bound on the mean of the best `n` scores within `limit` km of the place (n at most the
   * count there): the mean of the n highest of these bounds, each at least the score of the
   * vacancies it stands for: a block's best TOP_OF_BLOCK one by one (their location-free part
   * plus the distance component at their own distance; those beyond `limit` left out), up to n
   * copies of the best the block left out and of its waiting vacancies' bound (plus the distance
   * component at the block's nearest point), and every loose slot with the highest distance
   * component. The n best scores can be matched one to one with n of these bounds, each at least
   * the score, so the i-th highest bound is at least the i-th best score.
   */
  private bestBound(grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer, place: Place, limit: number, near: DotThreshold, n: number): number {
    const ctx = layer.ctx;
    const wDist = ctx.cp.wDistance;
    const { ring, valueNear } = place.ring;
    const { blockMax, plainCount, plainBound, base, topSlots, topCount, spill } = this.sc;
    const { ux, uy, uz } = store;
    const { x: cx, y: cy, z: cz } = place;
    this.centreAt(place);
    const top = this.topBounds;
    top.reset(n);
    const T = TOP_OF_BLOCK;
    const cap = this.sc.partCap;
    for (let i = 0; i < ring.block.length && ring.minKm[i] <= limit; i++) {
      const b = ring.block[i];
      const reach = wDist * valueNear[i];
      // The ring runs nearest first and the distance value never rises with distance (R10), so
      // the distance component only falls from here: once no block's part could lift a score
      // above the floor, none of the rest can.
      if (cap + reach <= top.floor) break;
      const waiting = plainCount[b] > 0;
      const bm = waiting ? Math.max(blockMax[b], plainBound[b]) : blockMax[b];
      if (bm === -Infinity || bm + reach <= top.floor) continue;
      for (let j = 0; j < topCount[b]; j++) {
        const s = topSlots[b * T + j];
        // Best first: once the block's nearest point cannot lift one above the floor, none can.
        if (base[s] + reach <= top.floor) break;
        const dot = ux[s] * cx + uy[s] * cy + uz[s] * cz;
        if (dot < near.outside) continue;
        // Most slots read here cannot enter: the chord rules them out before the haversine.
        if (base[s] + wDist * distanceValue(kmAtLeast(dot), ctx) <= top.floor) continue;
        const km = this.kmTo(layer, s);
        if (km <= limit) top.offer(base[s] + wDist * distanceValue(km, ctx));
      }
      if (spill[b] !== -Infinity) top.offerCopies(spill[b] + reach, n);
      if (waiting) top.offerCopies(plainBound[b] + reach, plainCount[b]);
    }
    if (grid.strays.length > 0 || store.slots > grid.watermark) this.forEachLoose(grid, store, place, limit, near, (s) => top.offer(base[s] + wDist));
    return top.mean() + 2 * ESTIMATE_EPS;
  }

  /** `AdultScratch.partCap` for the current adult: the highest part bound of any block. */
  private partCap(nBlocks: number): number {
    const { blockMax, plainCount, plainBound } = this.sc;
    let cap = -Infinity;
    for (let b = 0; b < nBlocks; b++) {
      const bm = plainCount[b] > 0 ? Math.max(blockMax[b], plainBound[b]) : blockMax[b];
      if (bm > cap) cap = bm;
    }
    return cap;
  }

  /**
   * The highest score any vacancy the current adult's pass reached could have, wherever the
   * adult lives: every reached block's highest part (or its waiting vacancies' bound) and every
   * loose slot's part, plus the distance component at its best (1). No municipality's disc holds
   * a vacancy outside the reached blocks and the loose slots, and a score is at most its part
   * plus that best distance component, so the mean of any best n is at most this.
   */
  private bestAnywhere(grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer): number {
    const { reached, blockMax, plainCount, plainBound, pass, base } = this.sc;
    const g = grid.geometry;
    const nBlocks = g.blockRows * g.blockCols;
    let best = -Infinity;
    for (let b = 0; b < nBlocks; b++) {
      if (reached[b] !== 1) continue;
      if (blockMax[b] > best) best = blockMax[b];
      if (plainCount[b] > 0 && plainBound[b] > best) best = plainBound[b];
    }
    for (let i = 0; i < grid.strays.length; i++) {
      const s = grid.strays[i];
      if (pass[s] === 1 && base[s] > best) best = base[s];
    }
    for (let s = grid.watermark; s < store.slots; s++) if (pass[s] === 1 && base[s] > best) best = base[s];
    return best + layer.ctx.cp.wDistance;
  }

  /** Sets the centre that stands for the moved adult in `kmTo` and `exactScore`. */
  private centreAt(place: Place): void {
    const centre = this.centre;
    centre.latRad = place.latRad;
    centre.lonRad = place.lonRad;
    centre.cosLat = place.cosLat;
  }

  /** The distance from the centre to slot s, as `pairDistanceKm` computes it for the moved adult. */
  private kmTo(layer: ContextLayer, s: number): number {
    const rows = layer.vacancyRows.data;
    const o = s * ROW.WIDTH;
    const view = this.view;
    view.latRad = rows[o + ROW.LAT_RAD];
    view.lonRad = rows[o + ROW.LON_RAD];
    view.cosLat = rows[o + ROW.COS_LAT];
    // pairDistanceKm reads only the locations: the centre stands for the moved adult.
    return pairDistanceKm(this.centre as unknown as PreparedCandidate, view.asPrepared);
  }

  private gridFor(store: SlotStore<VacancyProfile>): VacancyGrid {
    const g = this.grid;
    if (g && g.store === store && store.slots - g.watermark <= MAX_EXTRAS) return g;
    this.grid = new VacancyGrid(this.geometry, store);
    this.discs = new Map();
    return this.grid;
  }

  /**
   * Step 1: location-free gates and score parts of every vacancy for one adult, block by block:
   * per block also its highest part and its best TOP_OF_BLOCK vacancies, best first. Language and
   * diploma values come from small tables the library's own functions fill for this adult (they
   * depend on the vacancy only through its required levels).
   */
  private adultPass(grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer, pc: PreparedCandidate, places: Place[], limit: number): void {
    const g = grid.geometry;
    const nBlocks = g.blockRows * g.blockCols;
    this.sc.ensure(store.slots, nBlocks, grid.slots.length);
    // Only blocks some municipality's disc reaches are read (the others' slots count as not passing).
    const reached = this.sc.reached;
    reached.fill(0, 0, nBlocks);
    for (const place of places) {
      const ring = place.ring.ring;
      for (let i = 0; i < ring.block.length && ring.minKm[i] <= limit; i++) reached[ring.block[i]] = 1;
    }
    const ctx = layer.ctx;
    const sums = this.sums;
    sums.begin(store.slots);
    layer.vacancyPostings.sum(pc, sums);
    const view = this.view;
    const pv = view.asPrepared;
    // Tables by required Dutch level (0-7), English level (0-7, 8 = English does not suffice) and diploma rank (0-5).
    const lang = this.sc.langTable;
    for (let d = 0; d < 8; d++) {
      for (let e = 0; e < 9; e++) {
        view.dutchRequired = d;
        view.englishRequired = e === 8 ? 99 : e;
        lang[d * 9 + e] = languageValue(pc, pv, ctx);
      }
    }
    const dipl = this.sc.diplomaTable;
    for (let r = 0; r < 6; r++) {
      view.diplomaRank = r;
      dipl[r] = diplomaValue(pc, pv);
    }
    const a: AdultFacts = {
      pc,
      ctx,
      layer,
      rows: layer.vacancyRows.data,
      floorSafe: floorBelowCredits(pc, ctx),
      hoursLimit: pc.hoursAvailable + 1e-9,
      earliest: earliestWorkDay(pc, ctx),
      never: false,
      professions: [],
      related: pc.occIsco4.length > 0,
    };
    a.never = Number.isNaN(a.earliest);
    this.sc.adult = a;
    const gate = this.dateFreeGate(grid, store, a);
    this.sc.gate = gate;
    if (gate) {
      this.sparsePass(grid, store, layer, a, gate, reached, nBlocks);
      this.sc.counted = gate.running;
      this.sc.passing = gate.ok;
    } else {
      this.gatePass(grid, store, a, reached, nBlocks);
      const { blockStart, blockSlots } = grid;
      for (let b = 0; b < nBlocks; b++) {
        if (reached[b] === 1) this.rankBlock(b, blockSlots, blockStart[b], blockStart[b + 1]);
        else this.sc.blockMax[b] = -Infinity;
      }
      const pass = this.sc.pass;
      // Running count of passing vacancies in grid order.
      const running = this.sc.running;
      const slots = grid.slots;
      running[0] = 0;
      for (let p = 0; p < slots.length; p++) running[p + 1] = running[p] + (pass[slots[p]] === 0 ? 0 : 1);
      this.sc.counted = running;
      this.sc.passing = pass;
    }
    this.plainBounds(grid, layer, a, nBlocks);
    if (++this.sc.stamp >= 0x7ffffffe) {
      this.sc.exactStamp.fill(0);
      this.sc.stamp = 1;
    }
  }

  /**
   * The adult's date-free gates (see `DateFreeGate`), or null when R9.1 may depend on the vacancy
   * (an asylum seeker, R1). Kept while the vacancies do not change, at most MAX_GATES of them.
   */
  private dateFreeGate(grid: VacancyGrid, store: SlotStore<VacancyProfile>, a: AdultFacts): DateFreeGate | null {
    const { pc, ctx } = a;
    // R2, R3 adults: no right-to-work condition, so no date, wage, hours or employer can fail R9.1 or
    // R9.5 (rtwFlags is 0 and work may start today). An asylum seeker (R1) or a minor (R9.5) is judged per vacancy.
    if (rtwDependsOnVacancy(pc.rtw, ctx.onDay) || a.earliest !== ctx.onDay) return null;
    const cache = this.gates;
    if (cache.grid !== grid || cache.changes !== store.changes || cache.slots !== store.slots || cache.byKey.size >= MAX_GATES) {
      this.gates = { grid, changes: store.changes, slots: store.slots, byKey: new Map() };
    }
    const key = `${pc.hoursAvailable}|${pc.recognisedProfessions.join('\u0001')}`;
    let gate = this.gates.byKey.get(key);
    if (gate) return gate;
    const n = store.slots;
    const ok = new Uint8Array(n);
    const { alive, hours } = store;
    const flags = a.layer.vacancyRows.flags;
    const hoursLimit = a.hoursLimit;
    for (let s = 0; s < n; s++) {
      // R9.2 hours, R9.3 a regulated profession the adult is recognised for (as pairGates decides it).
      if (alive[s] !== 1 || hours[s] > hoursLimit) continue;
      const f = flags[s];
      if (f > 1 && !this.professionOk(a, (f >> 1) - 1)) continue;
      ok[s] = 1;
    }
    const slots = grid.slots;
    const running = new Int32Array(slots.length + 1);
    for (let p = 0; p < slots.length; p++) running[p + 1] = running[p] + ok[slots[p]];
    const g = grid.geometry;
    const blockCount = new Int32Array(g.blockRows * g.blockCols);
    const blockOfSlot = grid.blockOfSlot;
    for (let s = 0; s < grid.watermark; s++) if (ok[s] === 1 && blockOfSlot[s] >= 0) blockCount[blockOfSlot[s]]++;
    gate = new DateFreeGate(ok, running, blockCount);
    this.gates.byKey.set(key, gate);
    return gate;
  }

  /**
   * Step 1 for an adult with date-free gates, without reading every vacancy: the parts of those
   * that could share something with the adult (a skill, an ISCO group, no skills listed) and of
   * the loose slots, computed now (`pass` 1); every other passing vacancy shares nothing (its
   * skills component is exactly 0) and waits, counted per block, as `gatePass` leaves it (there
   * `pass` 2, here `pass` 0 with `gate.ok`). Blocks are ranked over what was computed, in slot
   * order as `rankBlock` reads a whole block.
   */
  private sparsePass(grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer, a: AdultFacts, gate: DateFreeGate, reached: Uint8Array, nBlocks: number): void {
    const sc = this.sc;
    const { pass, plainCount, eager, eagerByBlock, eagerStart, eagerFill } = sc;
    const ok = gate.ok;
    const blockOfSlot = grid.blockOfSlot;
    const watermark = grid.watermark;
    pass.fill(0, 0, store.slots);
    plainCount.set(gate.blockCount.subarray(0, nBlocks));
    sc.blockMax.fill(-Infinity, 0, nBlocks);
    sc.spill.fill(-Infinity, 0, nBlocks);
    sc.topCount.fill(0, 0, nBlocks);
    let n = 0;
    const visit = (s: number): void => {
      if (pass[s] !== 0 || ok[s] !== 1) return;
      const b = s < watermark ? blockOfSlot[s] : -1;
      if (b >= 0) {
        if (reached[b] === 0) return;
        plainCount[b]--;
        eager[n++] = s;
      }
      this.computeParts(s, a);
    };
    // Sharing a skill: the slots the adult's postings touched (listed as they were, rather than
    // found among every slot; the order does not matter: the parts are per slot, and the blocks'
    // lists are sorted below).
    const { touched, touchedCount } = this.sums;
    for (let i = 0; i < touchedCount; i++) if (touched[i] < watermark) visit(touched[i]);
    const shared = this.sharedIndex(grid, layer);
    for (let i = 0; i < shared.noSkills.length; i++) visit(shared.noSkills[i]);
    if (a.related) {
      const { occIsco4, occIsco3 } = a.pc;
      for (let i = 0; i < occIsco4.length; i++) {
        const by4 = occIsco4[i] >= 0 ? shared.byIsco4.get(occIsco4[i]) : undefined;
        if (by4) for (let k = 0; k < by4.length; k++) visit(by4[k]);
        const by3 = occIsco3[i] >= 0 ? shared.byIsco3.get(occIsco3[i]) : undefined;
        if (by3) for (let k = 0; k < by3.length; k++) visit(by3[k]);
      }
    }
    for (let i = 0; i < grid.strays.length; i++) visit(grid.strays[i]);
    for (let s = watermark; s < store.slots; s++) visit(s);
    // By block, each in slot order (a stable counting sort of the sorted list).
    eager.subarray(0, n).sort();
    eagerStart.fill(0, 0, nBlocks + 1);
    for (let i = 0; i < n; i++) eagerStart[blockOfSlot[eager[i]] + 1]++;
    for (let b = 0; b < nBlocks; b++) eagerStart[b + 1] += eagerStart[b];
    eagerFill.set(eagerStart.subarray(0, nBlocks));
    for (let i = 0; i < n; i++) eagerByBlock[eagerFill[blockOfSlot[eager[i]]]++] = eager[i];
    for (let b = 0; b < nBlocks; b++) if (eagerStart[b + 1] > eagerStart[b]) this.rankBlock(b, eagerByBlock, eagerStart[b], eagerStart[b + 1]);
  }

  private sharedIndex(grid: VacancyGrid, layer: ContextLayer): SharedIndex {
    const cached = this.sharedOf.get(layer);
    if (cached && cached.grid === grid) return cached.shared;
    const shared = new SharedIndex(grid, layer.vacancyRows);
    this.sharedOf.set(layer, { grid, shared });
    return shared;
  }

  /**
   * Gates of every vacancy for one adult, in slot order (sequential reads), and the location-free
   * score parts of those that pass (`pass` 1), except, in a block some disc reaches, a vacancy that
   * shares no skill and no ISCO group with the adult (`pass` 2): its skills component is exactly
   * 0, and its parts wait until some municipality needs them (see `plainBounds`). Vacancies in
   * blocks no disc reaches are not read (`pass` 0).
   */
  private gatePass(grid: VacancyGrid, store: SlotStore<VacancyProfile>, a: AdultFacts, reached: Uint8Array, nBlocks: number): void {
    const { pc, ctx, hoursLimit, earliest, never, related } = a;
    const { pass, plainCount } = this.sc;
    const sums = this.sums;
    const { alive, hours, day } = store;
    const { end, wage, denominator, isco4, isco3, flags } = a.layer.vacancyRows;
    const cp = ctx.cp;
    const sp = cp.policy.params.skills;
    const onDay = ctx.onDay;
    const rtw = pc.rtw;
    const view = this.view;
    const pv = view.asPrepared;
    const blockOfSlot = grid.blockOfSlot;
    const watermark = grid.watermark;
    plainCount.fill(0, 0, nBlocks);
    // The ISCO groups the adult held: a vacancy in none of them has no related floor (R7).
    const { held4, held3 } = this.sc;
    held4.fill(0);
    held3.fill(0);
    for (let i = 0; i < pc.occIsco4.length; i++) {
      const i4 = pc.occIsco4[i];
      const i3 = pc.occIsco3[i];
      if (i4 >= 0 && i4 < ISCO4_CODES) held4[i4] = 1;
      if (i3 >= 0 && i3 < ISCO3_CODES) held3[i3] = 1;
    }
    for (let s = 0; s < store.slots; s++) {
      pass[s] = 0;
      if (never || alive[s] !== 1) continue;
      const b = s < watermark ? blockOfSlot[s] : -1;
      if (b >= 0 && reached[b] === 0) continue;
      // R9.2 and R9.1 pre-tests on plain columns (see `earliestWorkDay`), then the full R9.1 and R9.3.
      const h = hours[s];
      if (h > hoursLimit) continue;
      const st = day[s];
      if ((st > onDay ? st : onDay) < earliest) continue;
      const f = flags[s];
      if (rtwFlags(rtw, onDay, st, end[s], cp, (f & 1) !== 0, wage[s], h) !== 0) continue;
      if (f > 1 && !this.professionOk(a, (f >> 1) - 1)) continue;
      if (b >= 0 && denominator[s] > 0 && !sums.has(s)) {
        let floor = 0;
        const i4 = isco4[s];
        const i3 = isco3[s];
        if (related && ((i4 >= 0 && (i4 >= ISCO4_CODES || held4[i4] === 1)) || (i3 >= 0 && (i3 >= ISCO3_CODES || held3[i3] === 1)))) {
          view.isco4 = i4;
          view.isco3 = i3;
          floor = relatedFloor(pc, pv, sp.sameIsco4Factor, sp.sameIsco3Factor);
        }
        if (floor === 0) {
          pass[s] = 2;
          plainCount[b]++;
          continue;
        }
      }
      this.computeParts(s, a);
    }
  }

  /**
   * The location-free score parts of passing slot s (`head`, `base`; `pass` 1). `plain`: the
   * vacancy shares no skill and no ISCO group with the adult, so its skills component is 0.
   */
  private computeParts(s: number, a: AdultFacts, plain = false): void {
    const { pc, ctx, rows, floorSafe, layer } = a;
    const cp = ctx.cp;
    const view = this.view;
    const pv = view.asPrepared;
    const o = s * ROW.WIDTH;
    let skills = 0;
    if (!plain) {
      view.skillDenominator = rows[o + ROW.SKILL_DENOMINATOR];
      view.isco4 = rows[o + ROW.ISCO4];
      view.isco3 = rows[o + ROW.ISCO3];
      skills = skillsEstimate(pc, pv, ctx, this.sums, s, layer.vacancies, s, floorSafe);
    }
    const dReq = rows[o + ROW.DUTCH_REQUIRED] | 0;
    const eReq = rows[o + ROW.ENGLISH_REQUIRED] | 0;
    let language: number;
    if (dReq >= 0 && dReq < 8 && ((eReq >= 0 && eReq < 8) || eReq === 99)) language = this.sc.langTable[(dReq * 9 + (eReq === 99 ? 8 : eReq)) | 0];
    else {
      view.dutchRequired = dReq;
      view.englishRequired = eReq;
      language = languageValue(pc, pv, ctx);
    }
    let hd = 0;
    hd += cp.wSkills * skills;
    hd += cp.wLanguage * language;
    hd += cp.wDiploma * this.sc.diplomaTable[rows[o + ROW.DIPLOMA_RANK] | 0];
    view.startDay = rows[o + ROW.START_DAY];
    view.endDay = rows[o + ROW.END_DAY];
    view.stabilityPart = rows[o + ROW.STABILITY_PART];
    const dm = cp.wDemand * rows[o + ROW.DEMAND_VALUE];
    const sta = cp.wStart * timeToStartValue(pc, pv, ctx, 0);
    const stb = cp.wStability * stabilityValue(pc, pv);
    this.sc.pass[s] = 1;
    this.sc.head[s] = hd;
    this.sc.base[s] = hd + dm + sta + stb;
  }

  /** A block's highest location-free part, its best TOP_OF_BLOCK (best first) and the best left out, over its slots with parts. */
  private rankBlock(b: number, list: Int32Array, p0: number, p1: number): void {
    const { pass, base, topSlots } = this.sc;
    const T = TOP_OF_BLOCK;
    const o0 = b * T;
    let bm = -Infinity;
    let spill = -Infinity;
    let n = 0;
    for (let p = p0; p < p1; p++) {
      const s = list[p];
      if (pass[s] !== 1) continue;
      const v = base[s];
      if (v > bm) bm = v;
      if (n === T) {
        const last = base[topSlots[o0 + T - 1]];
        if (v <= last) {
          if (v > spill) spill = v;
          continue;
        }
        if (last > spill) spill = last;
        n--;
      }
      let i = n++;
      while (i > 0 && base[topSlots[o0 + i - 1]] < v) {
        topSlots[o0 + i] = topSlots[o0 + i - 1];
        i--;
      }
      topSlots[o0 + i] = s;
    }
    this.sc.blockMax[b] = bm;
    this.sc.spill[b] = spill;
    this.sc.topCount[b] = n;
  }

  /** Computes the deferred parts of a block's plain vacancies (once per adult and block) and ranks the block again. */
  private openPlain(grid: VacancyGrid, b: number, a: AdultFacts): void {
    const { pass, gate } = this.sc;
    for (let p = grid.blockStart[b]; p < grid.blockStart[b + 1]; p++) {
      const s = grid.blockSlots[p];
      if (pass[s] === 2 || (gate !== null && pass[s] === 0 && gate.ok[s] === 1)) this.computeParts(s, a, true);
    }
    this.sc.plainCount[b] = 0;
    this.rankBlock(b, grid.blockSlots, grid.blockStart[b], grid.blockStart[b + 1]);
  }

  /**
   * Per reached block with waiting vacancies, a bound on their location-free part: their skills
   * component is 0; language and diploma at their best over the required levels present in the
   * block; labour demand and stability at the block's highest; time to start at most 1. The
   * language, diploma and stability values come from the library's functions (`langTable`,
   * `diplomaTable`, `stabilityValue` on the block's highest stability part: it only rises with it).
   */
  private plainBounds(grid: VacancyGrid, layer: ContextLayer, a: AdultFacts, nBlocks: number): void {
    const rest = this.blockRest(grid, layer);
    const cp = a.ctx.cp;
    const { plainCount, plainBound, langTable, diplomaTable } = this.sc;
    const view = this.view;
    for (let b = 0; b < nBlocks; b++) {
      if (plainCount[b] === 0) continue;
      let lang = 0;
      if (rest.langOther[b] === 1) lang = 1;
      for (let w = 0; w < 3; w++) {
        let bits = rest.langMask[b * 3 + w];
        while (bits !== 0) {
          const bit = 31 - Math.clz32(bits);
          bits &= ~(1 << bit);
          const v = langTable[w * 32 + bit];
          if (v > lang) lang = v;
        }
      }
      let dipl = 0;
      for (let r = 0; r < 6; r++) if ((rest.rankMask[b] & (1 << r)) !== 0 && diplomaTable[r] > dipl) dipl = diplomaTable[r];
      view.stabilityPart = rest.maxStability[b];
      let v = 0;
      v += cp.wLanguage * lang;
      v += cp.wDiploma * dipl;
      v += cp.wDemand * rest.maxDemand[b];
      v += cp.wStart;
      v += cp.wStability * stabilityValue(a.pc, view.asPrepared);
      plainBound[b] = v + ESTIMATE_EPS;
    }
  }

  private blockRest(grid: VacancyGrid, layer: ContextLayer): BlockRest {
    const cached = this.restOfBlocks.get(layer);
    if (cached && cached.grid === grid) return cached.rest;
    const rest = new BlockRest(grid, layer.vacancyRows.data);
    this.restOfBlocks.set(layer, { grid, rest });
    return rest;
  }

  /** R9.3 for the adult and a regulated profession (by number), as `pairGates` decides it; memoised per adult. */
  private professionOk(a: AdultFacts, id: number): boolean {
    let ok = a.professions[id];
    if (ok === undefined) {
      const probe = this.view;
      const saved = probe.hours;
      probe.hours = 0;
      probe.regulated = a.layer.vacancyRows.professions[id];
      ok = pairGates(a.pc, probe.asPrepared, 0, 0) === 0;
      probe.regulated = null;
      probe.hours = saved;
      a.professions[id] = ok;
    }
    return ok;
  }

  private disc(grid: VacancyGrid, store: SlotStore<VacancyProfile>, place: Place, km: number): DiscCells {
    let d = place.discs.get(km);
    if (!d) {
      if (place.discs.size >= 64) place.discs.clear();
      d = new DiscCells(grid, store, place.m.centroid, km);
      place.discs.set(km, d);
    }
    return d;
  }

  private ring(placeKey: string, m: MunicipalityProfile, km: number, decayPerKm: number): Ring {
    const key = `${placeKey},${km},${decayPerKm}`;
    let r = this.rings.get(key);
    if (!r) {
      if (this.rings.size >= MAX_CACHED) this.rings.clear();
      const ring = new BlockRing(this.geometry, m.centroid, km);
      const n = ring.block.length;
      const valueNear = new Float64Array(n);
      for (let i = 0; i < n; i++) valueNear[i] = Math.max(Math.exp(decayPerKm * ring.minKm[i]), Math.exp(decayPerKm * ring.maxKm[i]));
      r = { ring, valueNear };
      this.rings.set(key, r);
    }
    return r;
  }

  /** Step 2: eligible vacancies within `limit` km of the centroid. */
  private countWithin(grid: VacancyGrid, store: SlotStore<VacancyProfile>, place: Place, limit: number, near: DotThreshold): number {
    const disc = this.disc(grid, store, place, limit);
    const { counted, passing } = this.sc;
    const slots = grid.slots;
    let count = 0;
    const runs = disc.runs;
    for (let i = 0; i < runs.length; i += 2) count += counted[runs[i + 1]] - counted[runs[i]];
    const edge = disc.edge;
    for (let i = 0; i < edge.length; i++) if (passing[slots[edge[i]]] !== 0) count++;
    if (grid.strays.length > 0 || store.slots > grid.watermark) this.forEachLoose(grid, store, place, limit, near, () => count++);
    return count;
  }

  /** Calls `f` with each passing slot outside the grid's lists (strays, slots added since it was built) within `limit` km. */
  private forEachLoose(grid: VacancyGrid, store: SlotStore<VacancyProfile>, place: Place, limit: number, near: DotThreshold, f: (s: number) => void): void {
    const pass = this.sc.pass;
    const visit = (s: number): void => {
      if (pass[s] !== 1) return;
      const dot = store.ux[s] * place.x + store.uy[s] * place.y + store.uz[s] * place.z;
      if (dot >= near.inside || (dot >= near.outside && distanceKm(place.m.centroid, { lat: store.lat[s], lon: store.lon[s] }) <= limit)) f(s);
    };
    for (let i = 0; i < grid.strays.length; i++) visit(grid.strays[i]);
    for (let s = grid.watermark; s < store.slots; s++) visit(s);
  }

  /** Step 3: the mean of the best n scores of the eligible vacancies within `limit` km. */
  private meanBest(grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer, pc: PreparedCandidate, place: Place, limit: number, near: DotThreshold, n: number): number {
    const ctx = layer.ctx;
    const wDist = ctx.cp.wDistance;
    const { ring, valueNear } = place.ring;
    const { blockMax, base, topSlots, topCount, spill } = this.sc;
    const { x: cx, y: cy, z: cz } = place;
    this.centreAt(place);
    const best = this.best;
    best.reset(n);
    const { ux, uy, uz } = store;
    const T = TOP_OF_BLOCK;

    // The blocks the disc touches and their bounds (best part + distance component at the nearest point).
    const nb = ring.block.length;
    if (this.bound.length < nb) this.bound = new Float64Array(nb * 2);
    const bound = this.bound;
    let inDisc = 0;
    const first = this.first;
    first.fill(-1);
    const { plainCount, plainBound } = this.sc;
    for (; inDisc < nb && ring.minKm[inDisc] <= limit; inDisc++) {
      const b = ring.block[inDisc];
      const bm = plainCount[b] > 0 ? Math.max(blockMax[b], plainBound[b]) : blockMax[b];
      const v = bm === -Infinity ? -Infinity : bm + wDist * valueNear[inDisc] + ESTIMATE_EPS;
      bound[inDisc] = v;
      // The FIRST_BLOCKS highest bounds, to be read first.
      if (v === -Infinity || (first[FIRST_BLOCKS - 1] >= 0 && v <= bound[first[FIRST_BLOCKS - 1]])) continue;
      let k = FIRST_BLOCKS - 1;
      while (k > 0 && (first[k - 1] < 0 || bound[first[k - 1]] < v)) {
        first[k] = first[k - 1];
        k--;
      }
      first[k] = inDisc;
    }
    // Each block's best T while they can still count; the highest bounds first.
    const readTop = (i: number): void => {
      const b = ring.block[i];
      const reach = wDist * valueNear[i] + ESTIMATE_EPS;
      for (let j = 0; j < topCount[b]; j++) {
        const s = topSlots[b * T + j];
        if (base[s] + reach < best.floor) break;
        const dot = ux[s] * cx + uy[s] * cy + uz[s] * cz;
        if (dot >= near.outside) this.offerAt(layer, s, limit, dot);
      }
    };
    for (let k = 0; k < FIRST_BLOCKS && first[k] >= 0; k++) readTop(first[k]);
    if (grid.strays.length > 0 || store.slots > grid.watermark) this.forEachLoose(grid, store, place, limit, near, (s) => this.offer(layer, s, limit));
    // Then every block while its bound reaches the n-th best (which only rises): its best T; its
    // waiting (shared-nothing) vacancies when they could count, their parts computed now; and the
    // whole block when the best left out of its T could still count.
    const adult = this.sc.adult as AdultFacts;
    const pass = this.sc.pass;
    for (let i = 0; i < inDisc; i++) {
      if (bound[i] === -Infinity || bound[i] < best.floor) continue;
      const b = ring.block[i];
      const reach = wDist * valueNear[i] + ESTIMATE_EPS;
      if (!first.includes(i)) readTop(i);
      if (plainCount[b] > 0 && plainBound[b] + reach >= best.floor) {
        this.openPlain(grid, b, adult);
        readTop(i);
      }
      if (spill[b] === -Infinity || spill[b] + reach < best.floor) continue;
      for (let p = grid.blockStart[b]; p < grid.blockStart[b + 1]; p++) {
        const s = grid.blockSlots[p];
        if (pass[s] !== 1 || base[s] + reach < best.floor) continue;
        const dot = ux[s] * cx + uy[s] * cy + uz[s] * cz;
        if (dot >= near.outside) this.offerAt(layer, s, limit, dot);
      }
    }

    // The candidates' exact scores (see `exactScore`); the mean of the best n, summed best first.
    const scores: number[] = [];
    this.farthest = 0;
    for (let k = 0; k < best.est.length; k++) {
      const score = this.exactScore(layer, pc, best.slot[k]);
      assertEstimate(best.est[k], score, `candidate ${pc.id} at ${place.m.code} × vacancy ${best.slot[k]}`);
      scores.push(score);
    }
    if (this.checkNext) {
      // Once per call: the library itself scores the best one on the moved adult, to the last bit.
      this.checkNext = false;
      const moved = movedCandidate(pc, place.m.centroid.lat, place.m.centroid.lon);
      const pv = layer.vacancies[best.slot[0]] as PreparedVacancy;
      const r = scorePrepared(moved, pv, ctx, this.pairScore);
      if (!r.eligible || r.score !== scores[0]) throw new Error(`matching index: the summary's score for ${pc.id} at ${place.m.code} × ${pv.id} (${scores[0]}) is not scorePrepared's (${r.score}, eligible ${r.eligible}); has libs/scoring changed how it sums a score?`);
    }
    scores.sort((a, b) => b - a);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += scores[k];
    return sum / n;
  }

  /**
   * The score `scorePrepared` gives the adult moved to the current centre and vacancy s, summed
   * the same way from the same per-pair functions: the skills, language and diploma part exactly
   * (skill by skill, memoised per adult), then distance, demand, time to start and stability. The
   * distance is the haversine from the centre, as `pairDistanceKm` computes it for the moved adult.
   */
  private exactScore(layer: ContextLayer, pc: PreparedCandidate, s: number): number {
    const ctx = layer.ctx;
    const cp = ctx.cp;
    const pv = layer.vacancies[s] as PreparedVacancy;
    let head = this.sc.exactHead[s];
    if (this.sc.exactStamp[s] !== this.sc.stamp) {
      head = 0;
      head += cp.wSkills * skillsValue(pc, pv, ctx);
      head += cp.wLanguage * languageValue(pc, pv, ctx);
      head += cp.wDiploma * diplomaValue(pc, pv);
      this.sc.exactHead[s] = head;
      this.sc.exactStamp[s] = this.sc.stamp;
    }
    const km = pairDistanceKm(this.centre as unknown as PreparedCandidate, pv);
    if (km > this.farthest) this.farthest = km;
    return scoreFromParts(head, cp.wDistance * distanceValue(km, ctx), cp.wDemand * pv.demandValue, cp.wStart * timeToStartValue(pc, pv, ctx, 0), cp.wStability * stabilityValue(pc, pv));
  }

  /**
   * `offer` for a slot whose unit-vector dot product with the centre is `dot`. Most slots offered
   * cannot beat the floor (8 in 10 on a what-if's completions): the chord bounds their distance
   * from below, so their score from above, without the haversine. Only slots `offer` would refuse
   * are left out (the bound is above their estimate by more than rounding).
   */
  private offerAt(layer: ContextLayer, s: number, limit: number, dot: number): void {
    const ctx = layer.ctx;
    if (this.sc.base[s] + ctx.cp.wDistance * distanceValue(kmAtLeast(dot), ctx) + ESTIMATE_EPS < this.best.floor) return;
    this.offer(layer, s, limit);
  }

  /** Offers slot s to the best values when it lies within `limit` km of the centre (exact haversine). */
  private offer(layer: ContextLayer, s: number, limit: number): void {
    const km = this.kmTo(layer, s);
    if (km <= limit) {
      const ctx = layer.ctx;
      // The location-free parts after distance, as one sum: base − head (rounding only).
      const hd = this.sc.head[s];
      this.best.offer(hd + ctx.cp.wDistance * distanceValue(km, ctx) + (this.sc.base[s] - hd), s);
    }
  }
}
