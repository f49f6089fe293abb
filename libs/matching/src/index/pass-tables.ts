/**
 * What adults' passes (adult-pass.ts) share, built once per state of the vacancies and reused
 * for every adult (internal): per block the bounds on the parts of its waiting vacancies, the
 * date-free gates of adults with the same hours and recognised professions, and the vacancies by
 * what an adult could share with them. Plain tables, no I/O.
 */
import { ROW } from './vacancy-rows';
import type { VacancyGrid } from './vacancy-grid';

/** ISCO-08 unit groups are 4-digit codes, minor groups 3-digit (codes outside are checked one by one). */
export const ISCO4_CODES = 10000;
export const ISCO3_CODES = 1000;

/**
 * Per block, what bounds the location-free part of its vacancies whatever the adult (internal):
 * the language classes present (required Dutch level × 9 + English level, 8 for "English does
 * not suffice"; `langOther` when a level falls outside), the diploma ranks present, and the
 * highest labour-demand value and stability part. Over every vacancy of the grid's build, so an
 * upper bound for those still open.
 */
export class BlockRest {
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
export class DateFreeGate {
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
export class SharedIndex {
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
