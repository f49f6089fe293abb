/**
 * The two running selections step 3 of the reachable-vacancy summary keeps (see ReachableEngine):
 * the candidates for the best n by estimate (`meanBest`), and the n highest bounds
 * (`bestBound`). Pure data structures, no I/O.
 */
import { ESTIMATE_EPS } from './pair-estimate';

/**
 * The candidates for the best n by estimate, best first (internal). Estimates differ from
 * `scorePrepared` by rounding only (< ESTIMATE_EPS), so everything within 2 × EPS of the n-th
 * best estimate is kept too (near-ties, e.g. copies of one vacancy) and scored exactly.
 */
export class BestValues {
  readonly est: number[] = [];
  readonly slot: number[] = [];
  private n = 1;

  reset(n: number): void {
    this.n = n;
    this.est.length = 0;
    this.slot.length = 0;
    this.floor = -Infinity;
  }

  /** No estimate below this can belong to the best n (it only rises). */
  floor = -Infinity;

  /** Offers slot s with estimate e; a slot already held is ignored. */
  offer(e: number, s: number): void {
    if (e < this.floor || this.slot.includes(s)) return;
    let i = this.est.length;
    this.est.push(e);
    this.slot.push(s);
    while (i > 0 && this.est[i - 1] < e) {
      this.est[i] = this.est[i - 1];
      this.slot[i] = this.slot[i - 1];
      i--;
    }
    this.est[i] = e;
    this.slot[i] = s;
    if (this.est.length >= this.n) this.floor = this.est[this.n - 1] - 2 * ESTIMATE_EPS;
    const floor = this.floor;
    while (this.est.length > this.n && this.est[this.est.length - 1] < floor) {
      this.est.pop();
      this.slot.pop();
    }
  }
}

/**
 * The n highest of the values offered, for a bound on the mean of the best n (internal). Each
 * value comes with how far from the centre what it stands for may lie (`far`), so that a narrower
 * radius can tell whether the same n would be the highest within its reach (see `farthest`).
 */
export class TopBounds {
  private values = new Float64Array(16);
  private fars = new Float64Array(16);
  private size = 0;
  private n = 1;
  /** A value at most this cannot enter (it is -Infinity until n values are held). */
  floor = -Infinity;

  reset(n: number): void {
    if (this.values.length < n) {
      this.values = new Float64Array(Math.max(n, this.values.length * 2));
      this.fars = new Float64Array(this.values.length);
    }
    this.n = n;
    this.size = 0;
    this.floor = -Infinity;
  }

  /** Whether v entered (then a lower value might too). */
  offer(v: number, far: number): boolean {
    if (v <= this.floor) return false;
    const xs = this.values;
    const fs = this.fars;
    let i = this.size < this.n ? this.size++ : this.n - 1;
    while (i > 0 && xs[i - 1] < v) {
      xs[i] = xs[i - 1];
      fs[i] = fs[i - 1];
      i--;
    }
    xs[i] = v;
    fs[i] = far;
    if (this.size === this.n) this.floor = xs[this.n - 1];
    return true;
  }

  /** Offers `copies` copies of v (at most n count). */
  offerCopies(v: number, copies: number, far: number): void {
    for (let c = 0; c < copies && c < this.n; c++) if (!this.offer(v, far)) return;
  }

  /** How far the farthest of the n held may lie; Infinity while fewer than n are held. */
  farthest(): number {
    if (this.size < this.n) return Infinity;
    let far = 0;
    for (let i = 0; i < this.size; i++) if (this.fars[i] > far) far = this.fars[i];
    return far;
  }

  /** The mean of the n held. Callers offer at least n values; were fewer held, each missing one would count as the highest. */
  mean(): number {
    if (this.size === 0) return -Infinity;
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += this.values[i];
    return (sum + (this.n - this.size) * this.values[0]) / this.n;
  }
}
