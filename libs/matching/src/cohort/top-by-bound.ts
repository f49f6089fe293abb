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
 * `rebound`, when given, tightens the bounds of the items it is handed (what `upper` returns
 * afterwards; never below the final score), e.g. from a cheap first bound to a costlier, closer
 * one, or with what completing the earlier chunks learned. An item is handed to it when it is
 * loose at the front (with the other loose ones among the next `chunk`), and then takes its place
 * again by its new bound; the tight items at the front are completed (at most `chunk`). Once the
 * list is full, an item tightened before the last completion counts as loose again. So only items
 * that come to the front are tightened, only tightened items are completed, and an item whose
 * tightened bound can no longer reach the list is never completed.
 */
export function topByBound<T extends Ranked>(args: {
  items: T[];
  upper: (item: T) => number;
  take: number;
  chunk: number;
  complete: (items: T[]) => T[];
  rebound?: (items: T[]) => void;
}): { top: T[]; completed: number } {
  const items = args.items;
  const bound = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) bound[i] = args.upper(items[i]);
  // Positions in order of their bound (comparisons answer -1/1 only).
  const before = (i: number, j: number): number => {
    const a = items[i];
    const b = items[j];
    if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
    if (bound[i] !== bound[j]) return bound[i] > bound[j] ? -1 : 1;
    return a.key < b.key ? -1 : 1;
  };
  const order: number[] = [];
  for (let i = 0; i < items.length; i++) order.push(i);
  order.sort(before);
  const queue = Int32Array.from(order);
  // When each item's bound was last tightened (a count of completions; -1: never). Completing
  // can tighten what a bound reads, so once the list is full an item tightened before the last
  // completion is tightened again before it is completed. Without `rebound` every bound is final.
  const tightAt = new Int32Array(items.length).fill(-1);
  let epoch = 0;
  const fresh = (i: number) => (args.rebound ? tightAt[i] === epoch || (tightAt[i] >= 0 && top.length < args.take) : true);
  // Whether the k-th of the list ranks before anything an item bounded by `b` can become.
  const outranks = (kth: T, x: T, b: number) => (kth.eligible && !x.eligible) || (kth.eligible === x.eligible && kth.score > b);
  let top: T[] = [];
  let completed = 0;
  let head = 0;
  while (head < queue.length) {
    if (top.length >= args.take && outranks(top[top.length - 1], items[queue[head]], bound[queue[head]])) break;
    // The tight items at the front, at most `chunk` of them.
    let end = head;
    while (end < queue.length && end < head + args.chunk && fresh(queue[end])) end++;
    if (end === head) {
      // A loose one at the front: tighten the loose among the next `chunk`, each goes back to its place.
      const loose: number[] = [];
      for (let q = head; q < queue.length && q < head + args.chunk; q++) if (!fresh(queue[q])) loose.push(queue[q]);
      args.rebound!(loose.map((i) => items[i]));
      for (const i of loose) {
        tightAt[i] = epoch;
        bound[i] = Math.min(bound[i], args.upper(items[i]));
        // Only lower: move it back to its place, found by bisection (the rest of the queue is in
        // order). A first bound is often flat across a household's municipalities, so a walk
        // would cross most of the queue for each item.
        const q = queue.indexOf(i, head);
        let lo = q + 1;
        let hi = queue.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (before(queue[mid], i) < 0) lo = mid + 1;
          else hi = mid;
        }
        queue.copyWithin(q, q + 1, lo);
        queue[lo - 1] = i;
      }
      continue;
    }
    if (top.length >= args.take) {
      // In order of bound: once one cannot make the list, nothing after it can (the first can).
      const kth = top[top.length - 1];
      let q = head + 1;
      while (q < end && !outranks(kth, items[queue[q]], bound[queue[q]])) q++;
      end = q;
    }
    const chunk: T[] = [];
    for (let q = head; q < end; q++) chunk.push(items[queue[q]]);
    head = end;
    const done = args.complete(chunk);
    epoch++;
    completed += done.length;
    top = [...top, ...done].sort(rankOrder).slice(0, args.take);
  }
  return { top, completed };
}
