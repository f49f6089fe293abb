import type { PreparedVacancy } from '@kansrijk/scoring';
import { resized } from './typed-arrays';

/**
 * The numbers of each prepared vacancy that ranking reads, packed one row per slot in a single
 * Float64Array (internal). A query touches thousands of vacancies; reading them from 100,000
 * separate prepared objects is bound by memory latency (about 1 µs a pair on a 2-core VM), a row
 * in a packed array is a cache line or two, and slots laid out along a Hilbert curve (see
 * `hilbertOrder`) turn a radius query into nearly sequential reads.
 *
 * `VacancyView` holds one row under the prepared vacancy's own field names, so the scoring
 * library's per-pair functions (`languageValue`, `timeToStartValue`, ...) read it exactly as they
 * read the prepared vacancy; nothing of the rules is restated here.
 */
export const ROW = {
  LAT_RAD: 0,
  LON_RAD: 1,
  COS_LAT: 2,
  HOURS: 3,
  START_DAY: 4,
  END_DAY: 5,
  /** Monthly wage; NaN when not stated (the R1.6 test then does not apply, as for null). */
  WAGE: 6,
  /** 0 when the employer will not apply for a work permit (R1.5), 1 otherwise. */
  WILLING: 7,
  /** The regulated profession required (R9.3) as 1 + its number in `VacancyRows.professions`; 0 = none. */
  REGULATED: 8,
  DUTCH_REQUIRED: 9,
  ENGLISH_REQUIRED: 10,
  DIPLOMA_RANK: 11,
  ISCO4: 12,
  ISCO3: 13,
  SKILL_DENOMINATOR: 14,
  DEMAND_VALUE: 15,
  STABILITY_PART: 16,
  WIDTH: 17,
} as const;

/** `languageCode` of a requirement that has no code of its own: the reader computes the language value from the row. */
export const LANGUAGE_CODE_NONE = 255;

/**
 * The Dutch requirement (CEFR step 0-7) and the English level that suffices (0-6, or 99 = English
 * does not suffice) as one number below 64, or LANGUAGE_CODE_NONE for anything else.
 */
export function languageCode(dutchRequired: number, englishRequired: number): number {
  if (!Number.isInteger(dutchRequired) || dutchRequired < 0 || dutchRequired > 7) return LANGUAGE_CODE_NONE;
  if (englishRequired === 99) return dutchRequired * 8 + 7;
  if (!Number.isInteger(englishRequired) || englishRequired < 0 || englishRequired > 6) return LANGUAGE_CODE_NONE;
  return dutchRequired * 8 + englishRequired;
}

/** The requirement a `languageCode` below 64 stands for. */
export function languageOfCode(code: number): { dutchRequired: number; englishRequired: number } {
  const e = code & 7;
  return { dutchRequired: code >> 3, englishRequired: e === 7 ? 99 : e };
}

/** One row under the field names of `PreparedVacancy` that the per-pair functions read. */
export class VacancyView {
  latRad = 0;
  lonRad = 0;
  cosLat = 1;
  hours = 0;
  regulated: string | null = null;
  startDay = 0;
  endDay = 0;
  dutchRequired = 0;
  englishRequired = 0;
  diplomaRank = 0;
  isco4 = -1;
  isco3 = -1;
  skillDenominator = 0;
  demandValue = 0;
  stabilityPart = 0;

  /** The view as the prepared vacancy the per-pair functions take (only the fields above are read). */
  get asPrepared(): PreparedVacancy {
    return this as unknown as PreparedVacancy;
  }
}

export class VacancyRows {
  data = new Float64Array(256 * ROW.WIDTH);
  /**
   * The gate inputs again, one array each, for passes that read every vacancy in slot order
   * (the municipality summary): end day, wage, skill denominator, ISCO unit and minor group, and
   * `flags` = willing (bit 0) | (regulated profession number + 1) << 1.
   */
  end = new Float64Array(256);
  wage = new Float64Array(256);
  denominator = new Float64Array(256);
  isco4 = new Int32Array(256);
  isco3 = new Int32Array(256);
  flags = new Int32Array(256);
  /**
   * For the job scan's bound (see `JobScan`): the language requirement as one small code
   * (`languageCode`), the required education rank, the weighted labour-demand part and the
   * vacancy's stability part, each as `scorePrepared` would read it.
   */
  languageCode = new Uint8Array(256);
  diplomaRank = new Uint8Array(256);
  demandPart = new Float64Array(256);
  stabilityPart = new Float64Array(256);
  /** Regulated professions (normalised as the prepared vacancy holds them), numbered as met. */
  readonly professions: string[] = [];
  private readonly professionIds = new Map<string, number>();

  put(slot: number, pv: PreparedVacancy): void {
    const w = ROW.WIDTH;
    if ((slot + 1) * w > this.data.length) {
      let n = this.data.length;
      while (n < (slot + 1) * w) n *= 2;
      this.data = resized(this.data, n);
    }
    if (slot >= this.end.length) {
      const n = Math.max(slot + 1, this.end.length * 2);
      this.end = resized(this.end, n);
      this.wage = resized(this.wage, n);
      this.denominator = resized(this.denominator, n);
      this.isco4 = resized(this.isco4, n);
      this.isco3 = resized(this.isco3, n);
      this.flags = resized(this.flags, n);
      this.languageCode = resized(this.languageCode, n);
      this.diplomaRank = resized(this.diplomaRank, n);
      this.demandPart = resized(this.demandPart, n);
      this.stabilityPart = resized(this.stabilityPart, n);
    }
    const d = this.data;
    const o = slot * w;
    const p = pv.profile;
    d[o + ROW.LAT_RAD] = pv.latRad;
    d[o + ROW.LON_RAD] = pv.lonRad;
    d[o + ROW.COS_LAT] = pv.cosLat;
    d[o + ROW.HOURS] = pv.hours;
    d[o + ROW.START_DAY] = pv.startDay;
    d[o + ROW.END_DAY] = pv.endDay;
    d[o + ROW.WAGE] = p.monthlyWage === null || p.monthlyWage === undefined ? NaN : p.monthlyWage;
    d[o + ROW.WILLING] = p.workPermitWillingness === false ? 0 : 1;
    d[o + ROW.REGULATED] = pv.regulated === null ? 0 : 1 + this.professionId(pv.regulated);
    d[o + ROW.DUTCH_REQUIRED] = pv.dutchRequired;
    d[o + ROW.ENGLISH_REQUIRED] = pv.englishRequired;
    d[o + ROW.DIPLOMA_RANK] = pv.diplomaRank;
    d[o + ROW.ISCO4] = pv.isco4;
    d[o + ROW.ISCO3] = pv.isco3;
    d[o + ROW.SKILL_DENOMINATOR] = pv.skillDenominator;
    d[o + ROW.DEMAND_VALUE] = pv.demandValue;
    d[o + ROW.STABILITY_PART] = pv.stabilityPart;
    this.end[slot] = d[o + ROW.END_DAY];
    this.wage[slot] = d[o + ROW.WAGE];
    this.denominator[slot] = pv.skillDenominator;
    this.isco4[slot] = pv.isco4;
    this.isco3[slot] = pv.isco3;
    this.flags[slot] = d[o + ROW.WILLING] | (d[o + ROW.REGULATED] << 1);
    this.languageCode[slot] = languageCode(pv.dutchRequired, pv.englishRequired);
    this.diplomaRank[slot] = pv.diplomaRank;
    this.demandPart[slot] = pv.context.cp.wDemand * pv.demandValue;
    this.stabilityPart[slot] = pv.stabilityPart;
  }

  private professionId(name: string): number {
    let id = this.professionIds.get(name);
    if (id === undefined) {
      id = this.professions.length;
      this.professions.push(name);
      this.professionIds.set(name, id);
    }
    return id;
  }

  /** Loads row `slot` into the view (regulated stays null: the caller reads regulated rows from the prepared vacancy). */
  load(slot: number, v: VacancyView): VacancyView {
    const d = this.data;
    const o = slot * ROW.WIDTH;
    v.latRad = d[o + ROW.LAT_RAD];
    v.lonRad = d[o + ROW.LON_RAD];
    v.cosLat = d[o + ROW.COS_LAT];
    v.hours = d[o + ROW.HOURS];
    v.startDay = d[o + ROW.START_DAY];
    v.endDay = d[o + ROW.END_DAY];
    v.dutchRequired = d[o + ROW.DUTCH_REQUIRED];
    v.englishRequired = d[o + ROW.ENGLISH_REQUIRED];
    v.diplomaRank = d[o + ROW.DIPLOMA_RANK];
    v.isco4 = d[o + ROW.ISCO4];
    v.isco3 = d[o + ROW.ISCO3];
    v.skillDenominator = d[o + ROW.SKILL_DENOMINATOR];
    v.demandValue = d[o + ROW.DEMAND_VALUE];
    v.stabilityPart = d[o + ROW.STABILITY_PART];
    return v;
  }
}

/**
 * Position of (lat, lon) along a Hilbert curve over a 2^16 × 2^16 grid of the given box: points
 * close on the curve are close on the map, so profiles added in this order sit next to their
 * neighbours in memory.
 */
export function hilbertKey(lat: number, lon: number, box: { minLat: number; maxLat: number; minLon: number; maxLon: number }): number {
  const n = 65536;
  const fx = (lon - box.minLon) / (box.maxLon - box.minLon || 1);
  const fy = (lat - box.minLat) / (box.maxLat - box.minLat || 1);
  let x = Math.min(n - 1, Math.max(0, Math.floor(fx * n)));
  let y = Math.min(n - 1, Math.max(0, Math.floor(fy * n)));
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/** The items in Hilbert-curve order of their locations. */
export function hilbertOrder<T extends { location: { lat: number; lon: number } }>(items: readonly T[]): T[] {
  if (items.length < 2) return [...items];
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const it of items) {
    const { lat, lon } = it.location;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
  }
  const box = { minLat, maxLat, minLon, maxLon };
  const keyed = items.map((it, i) => ({ it, k: Number.isFinite(it.location.lat) && Number.isFinite(it.location.lon) ? hilbertKey(it.location.lat, it.location.lon, box) : Infinity, i }));
  keyed.sort((a, b) => a.k - b.k || a.i - b.i);
  return keyed.map((x) => x.it);
}
