/** A ranked item: eligible ones first, then higher score, then lower key. */
export interface Ranked {
  key: string;
  eligible: boolean;
  score: number;
}

/** Eligible first, then score descending, then key ascending. */
export const rankOrder = (a: Ranked, b: Ranked): number => Number(b.eligible) - Number(a.eligible) || b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The exact top `take` of items whose final score is costly (it needs the vacancies every
 * adult could reach, R14) but bounded: `lower` is each item's score without the costly part
 * and its eligibility (which the costly part never changes); the final score lies in
 * [lower.score, lower.score + headroom] (capped at 1). Items are completed in chunks, in
 * order of their upper bound, until the k-th completed one beats every bound left.
 */
export function topByBound<T extends Ranked>(args: { lower: T[]; take: number; headroom: number; chunk: number; complete: (items: T[]) => T[] }): { top: T[]; completed: number } {
  const order = [...args.lower].sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || (a.key < b.key ? -1 : 1));
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
    if (kth.eligible === next.eligible && kth.score > Math.min(1, next.score + args.headroom) + 1e-12) break;
  }
  return { top, completed };
}
