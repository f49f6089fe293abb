import {
  DISTANCE_TOLERANCE_KM,
  prepareCandidate,
  prepareJobContext,
  prepareVacancy,
  type CandidateProfile,
  type PreparedCandidate,
  type PreparedJobContext,
  type PreparedVacancy,
  type VacancyProfile,
} from '@kansrijk/scoring';
import { ContextLayer, contextKey } from './context-layer';
import { checkK, normaliseCandidateFilter, normaliseJobFilter, pairRadiusKm } from './filters';
import { boxAround, SAFE_KM } from './geo';
import { MatchingInputError } from './matching-input-error';
import { cellOrder } from './job-scan';
import { PairSearch } from './pair-search';
import { ReachableEngine, type ReachableSession } from './reachable-engine';
import { SlotStore } from './slot-store';
import { hilbertOrder } from './vacancy-rows';
import { VacancyGrid, nlGridGeometry, type GridGeometry } from './vacancy-grid';
import type {
  BuildInput,
  CandidateRef,
  IndexSize,
  MatchContext,
  ReachableArgs,
  ReachableResult,
  TopCandidatesArgs,
  TopCandidatesResult,
  TopJobsArgs,
  TopJobsResult,
  VacancyRef,
} from './types';

export interface MatchingIndexOptions {
  /**
   * The context most queries use (policy, day, catalogue, labour demand). Every profile is prepared
   * against it as it comes in. Change it with `setContext` (e.g. when the day changes).
   */
  context: MatchContext;
  /** Other contexts (a what-if policy, another day) kept prepared, least recently used out first. Default 2. */
  maxExtraContexts?: number;
}

/**
 * Vacancy slots added since the slots were last put in grid order (build or compaction), scanned
 * one by one by the job search, before the slots are renumbered: at least this many ...
 */
const MIN_GRID_EXTRAS = 4096;
/** ... or this share of the live vacancies, whichever is more. */
const GRID_EXTRAS_SHARE = 0.1;

/** The ISCO prefix path pays when the groups asked for hold fewer than this share of the open vacancies. */
const ISCO_PATH_SHARE = 0.1;

function isPreparedCandidate(ref: CandidateRef): ref is PreparedCandidate {
  return typeof ref === 'object' && ref !== null && 'skillKeys' in ref && 'profile' in ref;
}

function isPreparedVacancy(ref: VacancyRef): ref is PreparedVacancy {
  return typeof ref === 'object' && ref !== null && 'essential' in ref && 'profile' in ref;
}

/** ISCO-08 prefixes (1 to 4 digits) of a code, as far as it is digits. */
function iscoPrefixes(code: string | null | undefined): string[] {
  const out: string[] = [];
  if (!code) return out;
  for (let n = 1; n <= 4 && n <= code.length; n++) {
    if (!/^\d$/.test(code[n - 1])) break;
    out.push(code.slice(0, n));
  }
  return out;
}

/**
 * The in-memory matching index: open vacancies and candidates, each prepared for the
 * scoring library, by location (a KDBush point tree with a delta and tombstones, see `PointIndex`),
 * by ISCO group (vacancies, every 1-4 digit prefix) and by skill (inverted postings). Every upsert
 * and removal is visible to the very next query. Queries rank pairs exactly as scoring every pair
 * with `scorePrepared` would (score descending, then id ascending), reading only the pairs the
 * distance bound and the filters leave, and scoring skill by skill only pairs that share a skill or
 * an ISCO group (see `estimateScore`).
 *
 * Pure and synchronous: no clock, no I/O. Not safe for concurrent mutation from several threads
 * (Node runs it on one).
 */
export class MatchingIndex {
  private vacancies = new SlotStore<VacancyProfile>();
  private candidates = new SlotStore<CandidateProfile>();
  private primary: ContextLayer;
  private extras: ContextLayer[] = [];
  private readonly maxExtras: number;
  private useCounter = 0;
  /** Vacancy slots under every ISCO prefix of 1-4 digits (retired slots included until compaction). */
  private iscoIndex = new Map<string, number[]>();
  /** Candidates by maximum travel distance: the largest bounds a search for candidates. */
  private travelCounts = new Map<number, number>();
  private maxTravel = 0;
  /** The suggestion searches' pair loops and their scratch. */
  private readonly search = new PairSearch();
  private reachable: ReachableEngine | null = null;
  private readonly gridGeometry: GridGeometry = nlGridGeometry();
  private jobGrid: VacancyGrid | null = null;
  /** Vacancy slots below this are in the grid's cell order (see `cellOrder`). */
  private cellOrdered = 0;

  constructor(options: MatchingIndexOptions) {
    const ctx = prepareJobContext(options.context);
    this.primary = new ContextLayer(contextKey(ctx), ctx);
    this.maxExtras = options.maxExtraContexts ?? 2;
  }

  /** Live profiles held. */
  get size(): IndexSize {
    return { vacancies: this.vacancies.live, candidates: this.candidates.live };
  }

  /** The prepared context of the primary layer. */
  get context(): PreparedJobContext {
    return this.primary.ctx;
  }

  /**
   * Replaces everything with these profiles (e.g. at boot). Ids must be unique within each list;
   * a repeated id keeps its last profile. Throws a ScoringInputError naming the field of the first
   * profile that cannot be read, leaving the index as it was.
   */
  build(input: BuildInput): void {
    const layers = this.allLayers();
    const vac = new Map<string, VacancyProfile>();
    for (const v of input.vacancies) vac.set(v.id, v);
    const cand = new Map<string, CandidateProfile>();
    for (const c of input.candidates) cand.set(c.id, c);
    // Slots along a Hilbert curve: neighbours on the map are neighbours in memory (see VacancyRows).
    const vacList = cellOrder([...vac.values()], this.gridGeometry);
    const candList = hilbertOrder([...cand.values()]);
    const preparedV = layers.map((l) => vacList.map((v) => prepareVacancy(v, l.ctx)));
    const preparedC = layers.map((l) => candList.map((c) => prepareCandidate(c, l.ctx)));
    this.resetStores();
    const fresh = layers.map((l) => new ContextLayer(l.key, l.ctx));
    this.primary = fresh[0];
    this.extras = fresh.slice(1);
    let i = 0;
    for (const v of vacList) {
      const pv = preparedV[0][i];
      const slot = this.vacancies.add(v, pv.hours, pv.startDay, NaN);
      this.indexVacancyGroups(slot, v);
      fresh.forEach((l, j) => l.putVacancy(slot, preparedV[j][i]));
      i++;
    }
    i = 0;
    for (const c of candList) {
      const pc = preparedC[0][i];
      const slot = this.candidates.add(c, pc.hoursAvailable, NaN, pc.maxTravelKm);
      this.noteTravel(c.maxTravelKm, 1);
      fresh.forEach((l, j) => l.putCandidate(slot, preparedC[j][i]));
      i++;
    }
    this.vacancies.maintainPoints(true);
    this.candidates.maintainPoints(true);
    this.cellOrdered = this.vacancies.slots;
  }

  /** Adds or replaces an open vacancy; visible to the next query. Throws (changing nothing) when the profile cannot be read. */
  upsertVacancy(profile: VacancyProfile): void {
    const prepared = this.allLayers().map((l) => prepareVacancy(profile, l.ctx));
    this.retireVacancy(profile.id);
    const slot = this.vacancies.add(profile, prepared[0].hours, prepared[0].startDay, NaN);
    this.indexVacancyGroups(slot, profile);
    this.allLayers().forEach((l, j) => l.putVacancy(slot, prepared[j]));
    this.maintainVacancies();
  }

  /** Removes a vacancy (closed, filled or deleted); returns false when the id was not held. */
  removeVacancy(id: string): boolean {
    const found = this.retireVacancy(id);
    if (found) this.maintainVacancies();
    return found;
  }

  /** Adds or replaces a candidate; visible to the next query. Throws (changing nothing) when the profile cannot be read. */
  upsertCandidate(profile: CandidateProfile): void {
    const prepared = this.allLayers().map((l) => prepareCandidate(profile, l.ctx));
    this.retireCandidate(profile.id);
    const slot = this.candidates.add(profile, prepared[0].hoursAvailable, NaN, prepared[0].maxTravelKm);
    this.noteTravel(profile.maxTravelKm, 1);
    this.allLayers().forEach((l, j) => l.putCandidate(slot, prepared[j]));
    this.maintainCandidates();
  }

  /** Removes a candidate; returns false when the id was not held. */
  removeCandidate(id: string): boolean {
    const found = this.retireCandidate(id);
    if (found) this.maintainCandidates();
    return found;
  }

  /** Counts the changes to the vacancies (upserts and removals): equal counts of one index, the same vacancies. */
  get vacancyChanges(): number {
    return this.vacancies.changes;
  }

  /** The open vacancies held, as given (say to build another thread's index with the same). */
  vacancyProfiles(): VacancyProfile[] {
    const out: VacancyProfile[] = [];
    const { profiles, alive } = this.vacancies;
    for (let slot = 0; slot < profiles.length; slot++) if (alive[slot]) out.push(profiles[slot]!);
    return out;
  }

  hasVacancy(id: string): boolean {
    return this.vacancies.slotOf.has(id);
  }

  hasCandidate(id: string): boolean {
    return this.candidates.slotOf.has(id);
  }

  /**
   * Makes `context` the primary one (e.g. each new day): every profile is prepared against it
   * now rather than at the first query. The previous primary stays as an extra context.
   */
  setContext(context: MatchContext): PreparedJobContext {
    const layer = this.layerFor(context);
    if (layer !== this.primary) {
      this.extras = this.extras.filter((l) => l !== layer);
      this.extras.unshift(this.primary);
      this.primary = layer;
      this.trimExtras();
    }
    return layer.ctx;
  }

  /**
   * The prepared context queries under `context` use: profiles from `preparedVacancy` and
   * `preparedCandidate` are bound to it (for `explainPrepared`). Prepares every profile for a
   * context not seen before.
   */
  preparedContext(context: MatchContext): PreparedJobContext {
    return this.layerFor(context).ctx;
  }

  /** A held vacancy prepared under `context` (default: the primary one), or undefined. */
  preparedVacancy(id: string, context?: MatchContext): PreparedVacancy | undefined {
    const slot = this.vacancies.slotOf.get(id);
    return slot === undefined ? undefined : this.layerFor(context).vacancies[slot];
  }

  /** A held candidate prepared under `context` (default: the primary one), or undefined. */
  preparedCandidate(id: string, context?: MatchContext): PreparedCandidate | undefined {
    const slot = this.candidates.slotOf.get(id);
    return slot === undefined ? undefined : this.layerFor(context).candidates[slot];
  }

  /**
   * The k best open vacancies for a candidate (R9, R10), ranked by score descending, then vacancy
   * id ascending: exactly the first k of scoring every held vacancy with `scorePrepared` and
   * keeping the pairs that pass the filter (see `JobFilter`; by default eligible pairs only, within
   * the candidate's maximum travel distance).
   */
  topJobsForCandidate(args: TopJobsArgs): TopJobsResult {
    const layer = this.layerFor(args.context);
    const ctx = layer.ctx;
    const pc = this.resolveCandidate(args.candidate, layer);
    const k = checkK(args.k);
    const filter = normaliseJobFilter(args.filter);
    const radiusKm = pairRadiusKm(filter, pc.maxTravelKm);
    const limit = radiusKm + DISTANCE_TOLERANCE_KM;
    const store = this.vacancies;
    if (!filter.includeIneligible && filter.iscoGroups === null && filter.sector === null && filter.minScore === null) {
      // The default list: see JobScan.
      const { items, matched } = this.search.defaultJobs({ pc, layer, store, grid: this.gridForJobs(), limitKm: limit, minHours: filter.minHours, maxHours: filter.maxHours, k });
      return { items, candidate: pc, context: ctx, radiusKm, matched };
    }
    const slots = this.vacancySlotsNear(pc.profile.location.lat, pc.profile.location.lon, limit, filter.iscoGroups);
    const { items, matched } = this.search.filteredJobs({ pc, layer, store, slots, filter, limit, k });
    return { items, candidate: pc, context: ctx, radiusKm, matched };
  }

  /**
   * The vacancy grid of the job scan over the cell-ordered slots, so that its positions hold
   * ascending slots (`JobScan` relies on it); rebuilt after the slots are renumbered.
   */
  private gridForJobs(): VacancyGrid {
    const g = this.jobGrid;
    const store = this.vacancies;
    if (g && g.store === store && g.watermark === this.cellOrdered) return g;
    const grid = new VacancyGrid(this.gridGeometry, store, this.cellOrdered);
    for (let p = 1; p < grid.slots.length; p++) {
      if (grid.slots[p] <= grid.slots[p - 1]) throw new Error('matching index: vacancy slots are not in the grid order the job search relies on');
    }
    this.jobGrid = grid;
    return grid;
  }

  /**
   * The k best candidates for a vacancy (R9, R10), ranked by score descending, then candidate id
   * ascending: exactly the first k of scoring every held candidate with `scorePrepared`. Each
   * candidate's own maximum travel distance decides eligibility by distance (R9.4), so the search
   * reaches as far as the largest maximum held and then applies each candidate's own.
   */
  topCandidatesForVacancy(args: TopCandidatesArgs): TopCandidatesResult {
    const layer = this.layerFor(args.context);
    const ctx = layer.ctx;
    const pv = this.resolveVacancy(args.vacancy, layer);
    const k = checkK(args.k);
    const filter = normaliseCandidateFilter(args.filter);
    const radiusKm = pairRadiusKm(filter, this.maxTravel);
    const store = this.candidates;
    const { lat, lon } = pv.profile.location;
    const slots = store.points.collect(boxAround(lat, lon, radiusKm + DISTANCE_TOLERANCE_KM + SAFE_KM));
    const { items, matched } = this.search.candidates({ pv, layer, store, slots, filter, allowed: args.filter?.candidateIds ?? null, k });
    return { items, vacancy: pv, context: ctx, radiusKm, matched };
  }

  /**
   * R14, R16: for each municipality and each adult, the open vacancies the adult would be eligible
   * for if they lived at the municipality's centroid (their location moved there, nothing else
   * changed; the distance gate uses their own maximum travel distance), within `radiusKm` of the
   * centroid, and the mean score of the best `bestOf` of them. See `ReachableEngine` for how.
   */
  reachableSummary(args: ReachableArgs): ReachableResult {
    const layer = this.layerFor(args.context);
    const adults = args.adults.map((a, i) => this.resolveCandidate(a, layer, `adults[${i}]`));
    if (!this.reachable) this.reachable = new ReachableEngine();
    return this.reachable.summarise({ store: this.vacancies, layer, adults, municipalities: args.municipalities, radiusKm: args.radiusKm, bestOf: args.bestOf });
  }

  /**
   * The same summary in two steps, for a caller that needs the best scores of a few
   * municipalities only: exact counts and a bound on each mean at once, then `complete` for the
   * positions it picks (exactly `reachableSummary`'s rows). Use it before the index changes.
   */
  reachableSession(args: ReachableArgs): ReachableSession {
    const layer = this.layerFor(args.context);
    const adults = args.adults.map((a, i) => this.resolveCandidate(a, layer, `adults[${i}]`));
    if (!this.reachable) this.reachable = new ReachableEngine();
    return this.reachable.open({ store: this.vacancies, layer, adults, municipalities: args.municipalities, radiusKm: args.radiusKm, bestOf: args.bestOf });
  }

  /**
   * `reachableSession` for several radii at once (a baseline's and a variant's tie radius): each
   * adult's pass over the vacancies is made once for all of them. The sessions are those
   * `reachableSession` would give for each radius alone, in the order of `radii`.
   */
  reachableSessions(args: Omit<ReachableArgs, 'radiusKm'> & { radii: readonly number[] }): ReachableSession[] {
    const layer = this.layerFor(args.context);
    const adults = args.adults.map((a, i) => this.resolveCandidate(a, layer, `adults[${i}]`));
    if (!this.reachable) this.reachable = new ReachableEngine();
    return this.reachable.openMany({ store: this.vacancies, layer, adults, municipalities: args.municipalities, bestOf: args.bestOf }, args.radii);
  }

  /**
   * Whether two contexts score jobs the same way (the same prepared policy parts, day,
   * catalogue and labour demand): then their reachable-vacancy summaries are the same for the
   * same radius, and one pass over the vacancies serves both.
   */
  sameJobScoring(a: MatchContext, b: MatchContext): boolean {
    return a === b || contextKey(prepareJobContext(a)) === contextKey(prepareJobContext(b));
  }

  // --- internals ---

  private allLayers(): ContextLayer[] {
    return [this.primary, ...this.extras];
  }

  private layerFor(context: MatchContext | undefined): ContextLayer {
    if (context === undefined) return this.primary;
    const ctx = prepareJobContext(context);
    if (ctx === this.primary.ctx) return this.primary;
    const key = contextKey(ctx);
    let layer = key === this.primary.key ? this.primary : this.extras.find((l) => l.key === key);
    if (!layer) {
      layer = this.prepareLayer(ctx, key);
      layer.lastUsed = ++this.useCounter;
      this.extras.unshift(layer);
      this.trimExtras();
    }
    layer.lastUsed = ++this.useCounter;
    return layer;
  }

  private trimExtras(): void {
    if (this.extras.length <= this.maxExtras) return;
    this.extras.sort((a, b) => b.lastUsed - a.lastUsed);
    this.extras.length = this.maxExtras;
  }

  private prepareLayer(ctx: PreparedJobContext, key: string): ContextLayer {
    const layer = new ContextLayer(key, ctx);
    const v = this.vacancies;
    for (let s = 0; s < v.slots; s++) {
      const p = v.profiles[s];
      if (v.alive[s] === 1 && p) layer.putVacancy(s, prepareVacancy(p, ctx));
    }
    const c = this.candidates;
    for (let s = 0; s < c.slots; s++) {
      const p = c.profiles[s];
      if (c.alive[s] === 1 && p) layer.putCandidate(s, prepareCandidate(p, ctx));
    }
    return layer;
  }

  private resolveCandidate(ref: CandidateRef, layer: ContextLayer, field = 'candidate'): PreparedCandidate {
    if (typeof ref === 'string') {
      const slot = this.candidates.slotOf.get(ref);
      if (slot === undefined) throw new MatchingInputError(field, `no candidate with id ${JSON.stringify(ref)} in the index`);
      return layer.candidates[slot] as PreparedCandidate;
    }
    if (isPreparedCandidate(ref)) return ref.context === layer.ctx ? ref : prepareCandidate(ref.profile, layer.ctx);
    const slot = this.candidates.slotOf.get(ref.id);
    if (slot !== undefined && this.candidates.profiles[slot] === ref) return layer.candidates[slot] as PreparedCandidate;
    return prepareCandidate(ref, layer.ctx);
  }

  private resolveVacancy(ref: VacancyRef, layer: ContextLayer, field = 'vacancy'): PreparedVacancy {
    if (typeof ref === 'string') {
      const slot = this.vacancies.slotOf.get(ref);
      if (slot === undefined) throw new MatchingInputError(field, `no open vacancy with id ${JSON.stringify(ref)} in the index`);
      return layer.vacancies[slot] as PreparedVacancy;
    }
    if (isPreparedVacancy(ref)) return ref.context === layer.ctx ? ref : prepareVacancy(ref.profile, layer.ctx);
    const slot = this.vacancies.slotOf.get(ref.id);
    if (slot !== undefined && this.vacancies.profiles[slot] === ref) return layer.vacancies[slot] as PreparedVacancy;
    return prepareVacancy(ref, layer.ctx);
  }

  /** Vacancy slots that may lie within `limitKm`: from the ISCO index when the groups asked for are few, else from the point tree. */
  private vacancySlotsNear(lat: number, lon: number, limitKm: number, groups: string[] | null): number[] {
    if (groups !== null) {
      let total = 0;
      for (const g of groups) total += this.iscoIndex.get(g)?.length ?? 0;
      if (total <= ISCO_PATH_SHARE * this.vacancies.live) {
        const out: number[] = [];
        for (const g of groups) {
          const list = this.iscoIndex.get(g);
          if (list) for (let i = 0; i < list.length; i++) out.push(list[i]);
        }
        return out;
      }
    }
    return this.vacancies.points.collect(boxAround(lat, lon, limitKm + SAFE_KM));
  }

  private indexVacancyGroups(slot: number, v: VacancyProfile): void {
    for (const p of iscoPrefixes(v.iscoCode)) {
      let list = this.iscoIndex.get(p);
      if (!list) {
        list = [];
        this.iscoIndex.set(p, list);
      }
      list.push(slot);
    }
  }

  private noteTravel(km: number, delta: number): void {
    const n = (this.travelCounts.get(km) ?? 0) + delta;
    if (n > 0) this.travelCounts.set(km, n);
    else this.travelCounts.delete(km);
    if (delta > 0 && km > this.maxTravel) this.maxTravel = km;
    if (delta < 0 && n <= 0 && km >= this.maxTravel) {
      let max = 0;
      for (const k of this.travelCounts.keys()) if (k > max) max = k;
      this.maxTravel = max;
    }
  }

  private retireVacancy(id: string): boolean {
    const slot = this.vacancies.remove(id);
    if (slot < 0) return false;
    for (const l of this.allLayers()) l.dropVacancy(slot);
    return true;
  }

  private retireCandidate(id: string): boolean {
    const slot = this.candidates.slotOf.get(id);
    if (slot === undefined) return false;
    this.noteTravel((this.candidates.profiles[slot] as CandidateProfile).maxTravelKm, -1);
    this.candidates.remove(id);
    for (const l of this.allLayers()) l.dropCandidate(slot);
    return true;
  }

  private maintainVacancies(): void {
    const extras = this.vacancies.slots - this.cellOrdered;
    if (this.vacancies.needsCompaction() || extras > Math.max(MIN_GRID_EXTRAS, GRID_EXTRAS_SHARE * this.vacancies.live)) this.compactVacancies();
    else this.vacancies.maintainPoints();
  }

  private maintainCandidates(): void {
    if (this.candidates.needsCompaction()) this.compactCandidates();
    else this.candidates.maintainPoints();
  }

  /** Renumbers the vacancy slots densely; prepared profiles are kept, the side indexes rebuilt. */
  private compactVacancies(): void {
    const old = this.vacancies;
    const layers = this.allLayers();
    const fresh = layers.map((l) => new ContextLayer(l.key, l.ctx));
    fresh.forEach((f, j) => (f.lastUsed = layers[j].lastUsed));
    const store = new SlotStore<VacancyProfile>();
    this.iscoIndex = new Map();
    const live: { location: { lat: number; lon: number }; s: number }[] = [];
    for (let s = 0; s < old.slots; s++) {
      const p = old.profiles[s];
      if (old.alive[s] === 1 && p) live.push({ location: p.location, s });
    }
    for (const { s } of cellOrder(live, this.gridGeometry)) {
      const p = old.profiles[s] as VacancyProfile;
      const slot = store.add(p, old.hours[s], old.day[s], NaN);
      this.indexVacancyGroups(slot, p);
      fresh.forEach((f, j) => f.putVacancy(slot, layers[j].vacancies[s] as PreparedVacancy));
    }
    // Candidates keep their slots: carry them over.
    fresh.forEach((f, j) => {
      const src = layers[j];
      for (let s = 0; s < this.candidates.slots; s++) {
        const pc = src.candidates[s];
        if (pc && this.candidates.alive[s] === 1) f.putCandidate(s, pc);
      }
    });
    store.maintainPoints(true);
    old.changes++; // a reachable session holding the old slots must not answer
    this.vacancies = store;
    this.cellOrdered = store.slots;
    this.primary = fresh[0];
    this.extras = fresh.slice(1);
    this.reachable = null;
  }

  private compactCandidates(): void {
    const old = this.candidates;
    const layers = this.allLayers();
    const fresh = layers.map((l) => new ContextLayer(l.key, l.ctx));
    fresh.forEach((f, j) => (f.lastUsed = layers[j].lastUsed));
    const store = new SlotStore<CandidateProfile>();
    const live: { location: { lat: number; lon: number }; s: number }[] = [];
    for (let s = 0; s < old.slots; s++) {
      const p = old.profiles[s];
      if (old.alive[s] === 1 && p) live.push({ location: p.location, s });
    }
    for (const { s } of hilbertOrder(live)) {
      const p = old.profiles[s] as CandidateProfile;
      const slot = store.add(p, old.hours[s], NaN, old.travelKm[s]);
      fresh.forEach((f, j) => f.putCandidate(slot, layers[j].candidates[s] as PreparedCandidate));
    }
    fresh.forEach((f, j) => {
      const src = layers[j];
      for (let s = 0; s < this.vacancies.slots; s++) {
        const pv = src.vacancies[s];
        if (pv && this.vacancies.alive[s] === 1) f.putVacancy(s, pv);
      }
    });
    store.maintainPoints(true);
    this.candidates = store;
    this.primary = fresh[0];
    this.extras = fresh.slice(1);
  }

  private resetStores(): void {
    this.vacancies = new SlotStore<VacancyProfile>();
    this.candidates = new SlotStore<CandidateProfile>();
    this.iscoIndex = new Map();
    this.travelCounts = new Map();
    this.maxTravel = 0;
    this.reachable = null;
  }
}
