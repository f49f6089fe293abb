/** A ranked item: eligible ones first, then higher score, then lower key. */
export interface Ranked {
  key: string;
  eligible: boolean;
  score: number;
}

/** Eligible first, then score descending, then key ascending. */
export const rankOrder = (a: Ranked, b: Ranked): number => Number(b.eligible) - Number(a.eligible) || b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

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
  const bound = new Map(args.items.map((x) => [x, args.upper(x)]));
  const order = [...args.items].sort((a, b) => Number(b.eligible) - Number(a.eligible) || bound.get(b)! - bound.get(a)! || (a.key < b.key ? -1 : 1));
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
    if (outranks(top[top.length - 1], next, bound.get(next)!)) break;
  }
  return { top, completed };
}
