import KDBush from 'kdbush';
import type { LatLonBox } from './geo';

/**
 * Points (slots) by location, for box queries: a static KDBush over the slots that existed at the
 * last rebuild, a delta list of points added since, and tombstones. KDBush (mourner) is the
 * fastest well-kept static 2D point index for JavaScript and cannot remove points, so:
 * - an added point goes to the delta, which every query scans linearly (a few µs per thousand);
 * - a retired point stays in the tree; the caller marks it dead and skips it in every result;
 * - `needsRebuild` says when the delta has grown enough to rebuild (tens of ms for 100,000 points);
 *   the owner renumbers the slots when retired ones pile up (see `SlotStore.needsCompaction`).
 * Coordinates are degrees: x = longitude, y = latitude.
 */
export class PointIndex {
  private tree: KDBush | null = null;
  private treeCount = 0;
  private deltaSlots: number[] = [];
  private deltaLon: number[] = [];
  private deltaLat: number[] = [];

  /**
   * Replaces the whole index with the points of slots 0 .. n-1, so that KDBush's item numbers are
   * the slots themselves. Slots retired by then are in the tree too (the caller skips them); the
   * owner renumbers before they pile up.
   */
  rebuild(n: number, lon: ArrayLike<number>, lat: ArrayLike<number>): void {
    this.treeCount = n;
    if (n > 0) {
      const tree = new KDBush(n, 64, Float64Array);
      for (let i = 0; i < n; i++) tree.add(lon[i], lat[i]);
      this.tree = tree.finish();
    } else {
      this.tree = null;
    }
    this.deltaSlots = [];
    this.deltaLon = [];
    this.deltaLat = [];
  }

  add(slot: number, lon: number, lat: number): void {
    this.deltaSlots.push(slot);
    this.deltaLon.push(lon);
    this.deltaLat.push(lat);
  }

  /** True when the delta outgrew 4,096 points and 5% of the tree: scanning it then costs more than a rebuild saves. */
  needsRebuild(): boolean {
    return this.deltaSlots.length > Math.max(4096, this.treeCount * 0.05);
  }

  /** Every slot whose point lies in the box (retired ones included). */
  collect(box: LatLonBox): number[] {
    const out = this.tree ? this.tree.range(box.minLon, box.minLat, box.maxLon, box.maxLat) : [];
    const d = this.deltaSlots;
    for (let i = 0; i < d.length; i++) {
      const x = this.deltaLon[i];
      const y = this.deltaLat[i];
      if (x >= box.minLon && x <= box.maxLon && y >= box.minLat && y <= box.maxLat) out.push(d[i]);
    }
    return out;
  }
}
