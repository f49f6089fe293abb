import type { GeoPoint } from '@kansrijk/scoring';
import { writeUnitVector } from './geo';
import { PointIndex } from './point-index';
import { resized } from './typed-arrays';

/** What the store needs of a profile. */
export interface Located {
  id: string;
  location: GeoPoint;
}

/**
 * Profiles in numbered slots (internal). A slot is never reused: an update retires the old slot
 * and takes a new one, so everything keyed by slot (prepared profiles, skill postings, the grid)
 * only ever appends, and a retired slot is skipped by its liveness flag. The owner compacts (renumbers)
 * when retired slots reach half the live ones.
 */
export class SlotStore<P extends Located> {
  readonly ids: string[] = [];
  readonly profiles: (P | undefined)[] = [];
  readonly slotOf = new Map<string, number>();
  readonly points = new PointIndex();
  alive = new Uint8Array(256);
  lat = new Float64Array(256);
  lon = new Float64Array(256);
  /** Unit vectors, for fast distance pre-tests. */
  ux = new Float64Array(256);
  uy = new Float64Array(256);
  uz = new Float64Array(256);
  /** Hours a week: a vacancy's hours, a candidate's hours available (for the R9.2 pre-test). */
  hours = new Float64Array(256);
  /** A vacancy's start as a day number (for the R9.1 pre-test); NaN for candidates. */
  day = new Float64Array(256);
  /** A candidate's maximum travel distance, km; NaN for vacancies. */
  travelKm = new Float64Array(256);
  /** Live profiles. */
  live = 0;
  /** Adds and removes so far: what a reader holding slot-keyed results checks for staleness. */
  changes = 0;

  /** Slots used so far, live or retired. */
  get slots(): number {
    return this.ids.length;
  }

  /** Room for `n` slots in every per-slot array. */
  reserve(n: number): void {
    if (n <= this.alive.length) return;
    let cap = this.alive.length;
    while (cap < n) cap *= 2;
    this.alive = resized(this.alive, cap);
    this.lat = resized(this.lat, cap);
    this.lon = resized(this.lon, cap);
    this.ux = resized(this.ux, cap);
    this.uy = resized(this.uy, cap);
    this.uz = resized(this.uz, cap);
    this.hours = resized(this.hours, cap);
    this.day = resized(this.day, cap);
    this.travelKm = resized(this.travelKm, cap);
  }

  /** Puts a profile in a new slot (the caller has retired any older slot of the same id). */
  add(profile: P, hours: number, day: number, travelKm: number): number {
    const slot = this.ids.length;
    this.reserve(slot + 1);
    this.ids.push(profile.id);
    this.profiles.push(profile);
    this.slotOf.set(profile.id, slot);
    this.alive[slot] = 1;
    const { lat, lon } = profile.location;
    this.lat[slot] = lat;
    this.lon[slot] = lon;
    writeUnitVector(lat, lon, this.ux, this.uy, this.uz, slot);
    this.hours[slot] = hours;
    this.day[slot] = day;
    this.travelKm[slot] = travelKm;
    this.points.add(slot, lon, lat);
    this.live++;
    this.changes++;
    return slot;
  }

  /** Retires the slot of `id`; returns it, or -1 when the id is unknown. */
  remove(id: string): number {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return -1;
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    this.profiles[slot] = undefined;
    this.live--;
    this.changes++;
    return slot;
  }

  /** Rebuilds the point tree from the live slots when the delta or the dead share has grown. */
  maintainPoints(force = false): void {
    if (!force && !this.points.needsRebuild()) return;
    this.points.rebuild(this.ids.length, this.lon, this.lat);
  }

  /** True when retired slots outnumber live ones by enough to renumber. */
  needsCompaction(): boolean {
    const retired = this.ids.length - this.live;
    return retired > Math.max(4096, this.live / 2);
  }
}
