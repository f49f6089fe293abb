/** A ranked item: eligible ones first, then higher score, then lower key. */
export interface Ranked {
  key: string;
  eligible: boolean;
  score: number;
}

/**
 * Eligible first, then score descending, then key ascending. Returns -1, 0 or 1 only: a
 * difference of scores would be a fresh heap number per comparison inside the sort.
 */
export const rankOrder = (a: Ranked, b: Ranked): number =>
  a.eligible !== b.eligible ? (a.eligible ? -1 : 1) : a.score !== b.score ? (a.score > b.score ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * The exact top `take` of items whose final score is costly (it needs the best vacancies every
 * adult could reach, R14) but bounded: each item's eligibility is known (the costly part never
 * changes it) and `upper(item)` is at least its final score. Items are completed in chunks, in
 * order of their bound, until the k-th completed one beats every bound left.
 *
 * `rebound`, when given, may tighten the bounds of the items it is handed (what `upper` returns
 * afterwards; never below the final score), e.g. with what completing the earlier chunks
 * learned. Once the list holds `take` items, each chunk is handed to it first, and an item whose
 * tightened bound can no longer reach the list is not completed.
 */
export function topByBound<T extends Ranked>(args: {
  items: T[];
  upper: (item: T) => number;
  take: number;
  chunk: number;
  complete: (items: T[]) => T[];
  rebound?: (items: T[]) => void;
}): { top: T[]; completed: number } {
  // Each item's first bound by its position, and the positions in order of it (comparisons of -1/1 only).
  const items = args.items;
  const bound = new Float64Array(items.length);
  const byBound: number[] = [];
  for (let i = 0; i < items.length; i++) {
    bound[i] = args.upper(items[i]);
    byBound.push(i);
  }
  byBound.sort((i, j) => {
    const a = items[i];
    const b = items[j];
    if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
    if (bound[i] !== bound[j]) return bound[i] > bound[j] ? -1 : 1;
    return a.key < b.key ? -1 : 1;
  });
  const order = byBound.map((i) => items[i]);
  // Whether the k-th of the list ranks before anything an item bounded by `b` can become.
  const outranks = (kth: T, x: T, b: number) => (kth.eligible && !x.eligible) || (kth.eligible === x.eligible && kth.score > b);
  let top: T[] = [];
  let completed = 0;
  for (let from = 0; from < order.length; from += args.chunk) {
    let chunk = order.slice(from, from + args.chunk);
    if (args.rebound && top.length >= args.take) {
      args.rebound(chunk);
      const kth = top[top.length - 1];
      chunk = chunk.filter((x) => !outranks(kth, x, args.upper(x)));
    }
    if (chunk.length > 0) {
      const done = args.complete(chunk);
      completed += done.length;
      top = [...top, ...done].sort(rankOrder).slice(0, args.take);
    }
    const next = order[from + args.chunk];
    if (!next || top.length < args.take) continue;
    if (outranks(top[top.length - 1], next, bound[byBound[from + args.chunk]])) break;
  }
  return { top, completed };
}
