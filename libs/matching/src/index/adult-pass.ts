/**
 * Step 1 of the reachable-vacancy summary (see ReachableEngine), internal: one adult's pass over
 * the vacancies, which leaves in the adult's scratch the location-free gates and score parts,
 * per block the highest part and the best TOP_OF_BLOCK, and per block the waiting vacancies
 * (those sharing nothing with the adult) with a bound on their parts. The engine's counts, bounds
 * and best scores (steps 2 and 3) read only that scratch.
 */
import type { PreparedCandidate, PreparedJobContext, VacancyProfile } from '@kansrijk/scoring';
import { diplomaValue, languageValue, relatedFloor, stabilityValue, timeToStartValue } from '@kansrijk/scoring/job/pair-core';
import { rtwDependsOnVacancy, rtwFlags } from '@kansrijk/scoring/rights/right-to-work-core';
import { earliestWorkDay, type ContextLayer } from './context-layer';
import { ESTIMATE_EPS, floorBelowCredits, pairGates, skillsEstimate } from './pair-estimate';
import { SkillSums } from './skill-postings';
import type { SlotStore } from './slot-store';
import { ROW, VacancyView } from './vacancy-rows';
import type { BlockRing, VacancyGrid } from './vacancy-grid';
import { BlockRest, DateFreeGate, ISCO3_CODES, ISCO4_CODES, SharedIndex } from './pass-tables';

/** Vacancies per block kept best first by the pass; a block needing more is read whole. */
export const TOP_OF_BLOCK = 16;

/** Gate sets (see `DateFreeGate`) kept per state of the vacancies. */
const MAX_GATES = 8;


/** What the pass reads of one adult. */
export interface AdultFacts {
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
 * One adult's scratch (internal): what `AdultPass.run` leaves for the counts and the best scores,
 * by slot and by block. A session keeps one per adult, so that the best scores of any
 * municipality can be asked for after every adult's pass.
 */
export class AdultScratch {
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
  /** Language values by required Dutch level × 9 + English level, diploma values by rank (see `AdultPass.run`). */
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
 * Runs adults' passes (step 1) into their scratches, with what passes share across adults: the
 * date-free gates, the vacancies by what they could share, the blocks' bounds for waiting
 * vacancies, and the skill sums' scratch.
 */
export class AdultPass {
  /** The scratch of the adult being passed (or whose block is being opened). */
  private sc = new AdultScratch();
  private readonly restOfBlocks = new WeakMap<ContextLayer, { grid: VacancyGrid; rest: BlockRest }>();
  private readonly sharedOf = new WeakMap<ContextLayer, { grid: VacancyGrid; shared: SharedIndex }>();
  /** Date-free gates by hours available and recognised professions, for one state of the vacancies. */
  private gates: { grid: VacancyGrid | null; changes: number; slots: number; byKey: Map<string, DateFreeGate> } = { grid: null, changes: -1, slots: -1, byKey: new Map() };
  private readonly sums = new SkillSums();
  private readonly view = new VacancyView();

  /**
   * Step 1: location-free gates and score parts of every vacancy for one adult, block by block:
   * per block also its highest part and its best TOP_OF_BLOCK vacancies, best first. Language and
   * diploma values come from small tables the library's own functions fill for this adult (they
   * depend on the vacancy only through its required levels).
   */
  run(sc: AdultScratch, grid: VacancyGrid, store: SlotStore<VacancyProfile>, layer: ContextLayer, pc: PreparedCandidate, places: readonly { ring: { ring: BlockRing } }[], limit: number): void {
    this.sc = sc;
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
  openPlain(sc: AdultScratch, grid: VacancyGrid, b: number, a: AdultFacts): void {
    this.sc = sc;
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
}
