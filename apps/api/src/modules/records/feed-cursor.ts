/**
 * Where a reader of the change feed stands. Feed ids come from a sequence, taken when a writing
 * transaction inserts its row and visible only when it commits: with several writers (two API
 * processes, a seed or import command beside a running API) a lower id can become visible after
 * a higher one. A reader that jumped to the highest id it saw would never apply the late one,
 * and the record it names would stay missing from its index until a restart. So the cursor
 * stands below the first id it has not seen, remembers the ids it applied above it, and steps
 * over a missing id only once it has been missing for `graceMs` (a rolled-back transaction leaves
 * a hole for good; a committing one fills it within moments).
 */
export class FeedCursor {
  private seenTo: number;
  /** Ids above `seenTo` already applied. */
  private readonly applied = new Set<number>();
  /** Missing ids above `seenTo`, and when each was first noticed missing. */
  private readonly missingSince = new Map<number, number>();

  constructor(
    start: number,
    private readonly graceMs = 10_000,
  ) {
    this.seenTo = start;
  }

  /** Every id at or below this was applied or given up. */
  get position(): number {
    return this.seenTo;
  }

  /** Applied ids above `position`, for the next read to leave out. */
  get appliedAbove(): number[] {
    return [...this.applied];
  }

  /**
   * Takes a page of feed ids read after `position` (ascending, without `appliedAbove`), marks them
   * applied, notes the holes below the highest, and moves `position` as far as it can: over
   * applied ids and over holes older than the grace period.
   */
  advance(ids: readonly number[], now: number): void {
    for (const id of ids) {
      if (id <= this.seenTo) continue;
      this.applied.add(id);
      this.missingSince.delete(id);
    }
    const highest = Math.max(this.seenTo, ...this.applied);
    for (let id = this.seenTo + 1; id < highest; id++) if (!this.applied.has(id) && !this.missingSince.has(id)) this.missingSince.set(id, now);
    for (;;) {
      const next = this.seenTo + 1;
      if (this.applied.delete(next)) {
        this.seenTo = next;
        continue;
      }
      const since = this.missingSince.get(next);
      if (since !== undefined && now - since >= this.graceMs) {
        this.missingSince.delete(next);
        this.seenTo = next;
        continue;
      }
      break;
    }
  }
}
