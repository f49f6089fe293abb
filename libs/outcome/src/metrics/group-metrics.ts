import { classificationMetrics, type ClassificationMetrics } from './classification-metrics';

/** The dimensions outcomes are reported by (R17: for evaluation only). */
export type GroupDimension = 'gender' | 'ageBand' | 'origin';
export const GROUP_DIMENSIONS: readonly GroupDimension[] = ['gender', 'ageBand', 'origin'];

/** Cross-validated metrics of one group, and its calibration in the large. */
export interface GroupMetrics {
  dimension: GroupDimension;
  group: string;
  metrics: ClassificationMetrics;
  /** Observed share in work minus the mean prediction: > 0 the model under-predicts this group. */
  calibrationGap: number;
}

/** The two groups of a dimension whose calibration differs most. */
export interface GroupGap {
  dimension: GroupDimension;
  /** The group the model under-predicts most (largest observed − predicted). */
  under: { group: string; gap: number };
  /** The group the model over-predicts most. */
  over: { group: string; gap: number };
  /** under.gap − over.gap. */
  difference: number;
}

/** The band of an age, as the scenario reports use them. */
export function ageBand(age: number): string {
  return age < 25 ? '18-24' : age < 35 ? '25-34' : age < 50 ? '35-49' : '50+';
}

/**
 * Metrics per group for each dimension. `groupOf(dimension, row)` gives a row's group (null =
 * unknown, reported as "unknown"); groups with fewer than `minGroupSize` rows are pooled as
 * "other", so no reported group is small enough to point at a person.
 */
export function groupMetrics(args: {
  p: ArrayLike<number>;
  y: ArrayLike<number>;
  rows: number;
  groupOf: (dimension: GroupDimension, row: number) => string | null;
  minGroupSize: number;
}): { groups: GroupMetrics[]; gaps: GroupGap[]; largestGap: GroupGap | null } {
  const groups: GroupMetrics[] = [];
  const gaps: GroupGap[] = [];
  for (const dimension of GROUP_DIMENSIONS) {
    const labels: string[] = new Array(args.rows);
    const counts = new Map<string, number>();
    for (let i = 0; i < args.rows; i++) {
      const g = args.groupOf(dimension, i) ?? 'unknown';
      labels[i] = g;
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    const members = new Map<string, number[]>();
    for (let i = 0; i < args.rows; i++) {
      const g = (counts.get(labels[i]) ?? 0) < args.minGroupSize && labels[i] !== 'unknown' ? 'other' : labels[i];
      (members.get(g) ?? members.set(g, []).get(g)!).push(i);
    }
    const mine: GroupMetrics[] = [];
    for (const [group, index] of [...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const metrics = classificationMetrics(args.p, args.y, index, index.length >= 1000 ? 10 : 5);
      mine.push({ dimension, group, metrics, calibrationGap: metrics.observed - metrics.meanPredicted });
    }
    groups.push(...mine);
    // Gaps only between groups large enough to judge ("unknown" and "other" included when they are).
    const judged = mine.filter((g) => g.metrics.rows >= args.minGroupSize);
    if (judged.length >= 2) {
      const under = judged.reduce((a, b) => (b.calibrationGap > a.calibrationGap ? b : a));
      const over = judged.reduce((a, b) => (b.calibrationGap < a.calibrationGap ? b : a));
      gaps.push({
        dimension,
        under: { group: under.group, gap: under.calibrationGap },
        over: { group: over.group, gap: over.calibrationGap },
        difference: under.calibrationGap - over.calibrationGap,
      });
    }
  }
  const largestGap = gaps.length ? gaps.reduce((a, b) => (b.difference > a.difference ? b : a)) : null;
  return { groups, gaps, largestGap };
}
