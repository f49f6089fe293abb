import { ESTIMATE_EPS } from './pair-estimate';
import { resized } from './typed-arrays';

/**
 * The k largest numbers offered so far, as a min-heap (internal): `kth` is the smallest of them,
 * or -Infinity while fewer than k were offered.
 */
export class KLargest {
  private heap = new Float64Array(16);
  private size = 0;
  private k = 1;

  reset(k: number): void {
    this.k = k;
    this.size = 0;
    if (this.heap.length < k) this.heap = new Float64Array(k);
  }

  get kth(): number {
    return this.size < this.k ? -Infinity : this.heap[0];
  }

  /** Offers a number; returns the new `kth`. */
  offer(v: number): number {
    const h = this.heap;
    if (this.size < this.k) {
      let i = this.size++;
      h[i] = v;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (h[p] <= h[i]) break;
        const t = h[p];
        h[p] = h[i];
        h[i] = t;
        i = p;
      }
      return this.kth;
    }
    if (v <= h[0]) return h[0];
    h[0] = v;
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && h[l] < h[m]) m = l;
      if (r < n && h[r] < h[m]) m = r;
      if (m === i) break;
      const t = h[m];
      h[m] = h[i];
      h[i] = t;
      i = m;
    }
    return h[0];
  }
}

/**
 * Collects (estimate, slot) pairs and keeps only those that could still make the top k
 * (internal): the k largest estimates seen are kept in a `KLargest`; a pair more than 2 × EPS
 * below the k-th is dropped, since its exact score is then below the exact scores of k others.
 */
export class Shortlist {
  private est = new Float64Array(64);
  private slot = new Int32Array(64);
  private n = 0;
  private readonly best = new KLargest();

  reset(k: number): void {
    this.n = 0;
    this.best.reset(k);
  }

  /** The k-th largest estimate offered so far, or -Infinity while fewer than k were offered. */
  get threshold(): number {
    return this.best.kth;
  }

  offer(estimate: number, slot: number): void {
    if (estimate + 2 * ESTIMATE_EPS < this.best.kth) return;
    this.best.offer(estimate);
    if (this.n === this.est.length) {
      this.est = resized(this.est, this.n * 2);
      this.slot = resized(this.slot, this.n * 2);
    }
    this.est[this.n] = estimate;
    this.slot[this.n] = slot;
    this.n++;
  }

  /** Indices of the kept pairs by estimate, highest first; read them with `estimateAt` and `slotAt`. */
  order(): Int32Array {
    const idx = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) idx[i] = i;
    const est = this.est;
    idx.sort((a, b) => est[b] - est[a]);
    return idx;
  }

  estimateAt(i: number): number {
    return this.est[i];
  }

  slotAt(i: number): number {
    return this.slot[i];
  }
}

/** Ranking order: score descending, then id ascending (code-unit order, as `<` compares strings). */
export function compareRanked(a: { score: number; id: string }, b: { score: number; id: string }): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The best k of a stream of exactly scored items, in ranking order (internal); k is small, so a
 * sorted array with insertion is enough.
 */
export class TopK<T extends { score: number; id: string }> {
  readonly items: T[] = [];

  constructor(private readonly k: number) {}

  get full(): boolean {
    return this.items.length >= this.k;
  }

  /** The lowest score kept once full, else -Infinity. */
  get worstScore(): number {
    return this.full ? this.items[this.items.length - 1].score : -Infinity;
  }

  offer(item: T): void {
    const items = this.items;
    if (this.full && compareRanked(item, items[items.length - 1]) >= 0) return;
    let i = items.length;
    items.push(item);
    while (i > 0 && compareRanked(item, items[i - 1]) < 0) {
      items[i] = items[i - 1];
      i--;
    }
    items[i] = item;
    if (items.length > this.k) items.pop();
  }
}
