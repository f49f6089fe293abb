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
import { diplomaValue, languageValue, skillsValue, stabilityValue, timeToStartValue } from '@kansrijk/scoring/job/pair-core';
import type { ContextLayer } from './context-layer';
import { DEG, dotThreshold, kmAtLeast, unitVector, type DotThreshold } from './geo';
import { MatchingInputError } from './matching-input-error';
import { ESTIMATE_EPS, assertEstimate, distanceValue, pairDistanceKm, scoreFromParts } from './pair-estimate';
import type { SlotStore } from './slot-store';
import type { MunicipalityReachable, ReachableResult } from './types';
import { ROW, VacancyView } from './vacancy-rows';
import { AdultPass, AdultScratch, TOP_OF_BLOCK, type AdultFacts } from './adult-pass';
import { BestValues, TopBounds } from './best-values';
import { BlockRing, DiscCells, VacancyGrid, nlGridGeometry, type GridGeometry } from './vacancy-grid';

/** Default number of best scores `meanBestScore` averages. */
export const DEFAULT_BEST_OF = 5;

/** Slots added after the grid was built that the summary checks one by one before it rebuilds the grid. */
const MAX_EXTRAS = 512;

/** Cached discs and block rings, at most this many of each. */
const MAX_CACHED = 8192;

/** Blocks with the highest bounds, read first so that the bound to beat is high early. */
const FIRST_BLOCKS = 4;

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
 *    per-block bound, see AdultPass). Per 8 km block: the highest part and the best 16.
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
  /** Step 1, each adult's pass, into the adult's scratch. */
  private readonly passes = new AdultPass();
  private bound = new Float64Array(0);
  private readonly first = new Int32Array(FIRST_BLOCKS);
  private readonly view = new VacancyView();
  private readonly pairScore: PairScore = { eligible: false, score: 0, failedGates: 0 };
  private readonly best = new BestValues();
  private readonly topBounds = new TopBounds();
  /** Whether the next summary still checks one score against `scorePrepared` itself. */
  private checkNext = true;
  /** The farthest of the last `meanBest`'s candidates from its centre, km. */
  private farthest = 0;
  /** How far the last `bestBound`'s n highest may lie from its centre, km (see `TopBounds.farthest`). */
  private boundFar = Infinity;
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
      this.passes.run(this.sc, grid, store, layer, pc, placesOf[widest], limitsOf[widest][a]);
      radii.forEach((_, r) => countsOf[r].push(this.countRow(grid, store, placesOf[r], limitsOf[r][a], nearsOf[r][a])));
    });
    // Per adult, after its pass (what `anywhereUpper` reads, and `partCap`): it holds within any disc.
    const anywhere = adults.map((_, a) => {
      this.sc = this.scratches[a];
      return Math.min(1, this.bestAnywhere(grid, store, layer) + 2 * ESTIMATE_EPS);
    });
    this.checkNext = true;
    // A wider radius's mean of the best serves a narrower one where every candidate it weighed
    // lies within the narrower limit: the best n of the wider disc are then in the narrower one,
    // so they are its best n too (and if the wider disc held fewer than n, both hold the same).
    // The same for the closer bounds: every value a narrower radius's bound reads is one the wider
    // one read too (its blocks and vacancies within the narrower limit), so when the n highest of
    // the wider one all lie within the narrower limit, and n is the same, they are the narrower
    // one's n highest and its bound is the same number.
    // Kept per adult and position for each radius that has a narrower one to serve (none for the
    // narrowest, or for a single radius: nothing would read it).
    const memo = radii.map((radiusKm) =>
      radii.some((w) => w < radiusKm)
        ? adults.map(() => ({
            mean: new Float64Array(municipalities.length).fill(NaN),
            far: new Float64Array(municipalities.length),
            bound: new Float64Array(municipalities.length),
            boundFar: new Float64Array(municipalities.length),
            /** The n the bound was read for; 0 where none was read. */
            boundN: new Int32Array(municipalities.length),
          }))
        : null,
    );
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
        for (const w of widerOf[r]) {
          const m = memo[w]![a];
          if (!Number.isNaN(m.mean[i]) && m.far[i] <= limits[a]) return m.mean[i];
        }
        return NaN;
      };
      /** The closer bound for n from a wider radius, when it is this radius's own number too (see `memo`); NaN if none is. */
      const boundFromWider = (a: number, i: number, n: number): number => {
        for (const w of widerOf[r]) {
          const m = memo[w]![a];
          if (m.boundN[i] === n && m.boundFar[i] <= limits[a]) return m.bound[i];
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
        const n = Math.min(bestOf, counts[a][i]);
        const wider = boundFromWider(a, i, n);
        if (!Number.isNaN(wider)) {
          work.fromWider++;
          return wider;
        }
        work.bounded++;
        this.sc = this.scratches[a];
        const bound = Math.min(1, this.bestBound(grid, store, layer, places[i], limits[a], nears[a], n));
        const own = memo[r];
        if (own) {
          const m = own[a];
          m.bound[i] = bound;
          m.boundFar[i] = this.boundFar;
          m.boundN[i] = n;
        }
        return bound;
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
              const own = memo[r];
              if (own) {
                own[a].mean[i] = meanBestScore;
                own[a].far[i] = this.farthest;
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
        if (km <= limit) top.offer(base[s] + wDist * distanceValue(km, ctx), km);
      }
      // A block's copies stand for vacancies anywhere in it: a narrower reach holds them from its nearest point on.
      if (spill[b] !== -Infinity) top.offerCopies(spill[b] + reach, n, ring.minKm[i]);
      if (waiting) top.offerCopies(plainBound[b] + reach, plainCount[b], ring.minKm[i]);
    }
    if (grid.strays.length > 0 || store.slots > grid.watermark) this.forEachLoose(grid, store, place, limit, near, (s) => top.offer(base[s] + wDist, Infinity));
    this.boundFar = top.farthest();
    return top.mean() + 2 * ESTIMATE_EPS;
  }

  /**
   * The highest score any vacancy the current adult's pass reached could have, wherever the
   * adult lives: every reached block's highest part (or its waiting vacancies' bound) and every
   * loose slot's part, plus the distance component at its best (1). No municipality's disc holds
   * a vacancy outside the reached blocks and the loose slots, and a score is at most its part
   * plus that best distance component, so the mean of any best n is at most this. The same loop
   * records the adult's `partCap` (over every block, reached or not).
   */
  private bestAnywhere(grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer): number {
    const { reached, blockMax, plainCount, plainBound, pass, base } = this.sc;
    const g = grid.geometry;
    const nBlocks = g.blockRows * g.blockCols;
    let best = -Infinity;
    let cap = -Infinity;
    for (let b = 0; b < nBlocks; b++) {
      const bm = plainCount[b] > 0 ? Math.max(blockMax[b], plainBound[b]) : blockMax[b];
      if (bm > cap) cap = bm;
      if (reached[b] === 1 && bm > best) best = bm;
    }
    this.sc.partCap = cap;
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
        this.passes.openPlain(this.sc, grid, b, adult);
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
