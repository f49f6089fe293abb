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
 */
export function topByBound<T extends Ranked>(args: { items: T[]; upper: (item: T) => number; take: number; chunk: number; complete: (items: T[]) => T[] }): { top: T[]; completed: number } {
  const bound = new Map(args.items.map((x) => [x, args.upper(x)]));
  const order = [...args.items].sort((a, b) => Number(b.eligible) - Number(a.eligible) || bound.get(b)! - bound.get(a)! || (a.key < b.key ? -1 : 1));
  let top: T[] = [];
  let completed = 0;
  for (let from = 0; from < order.length; from += args.chunk) {
    const done = args.complete(order.slice(from, from + args.chunk));
    completed += done.length;
    top = [...top, ...done].sort(rankOrder).slice(0, args.take);
    const next = order[from + args.chunk];
    if (!next || top.length < args.take) continue;
    const kth = top[top.length - 1];
    if (kth.eligible && !next.eligible) break;
    if (kth.eligible === next.eligible && kth.score > bound.get(next)!) break;
  }
  return { top, completed };
}
