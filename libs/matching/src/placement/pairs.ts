import type { PlacementHousehold, PlacementMunicipality, PlacementPairs } from './types';

/**
 * Grows the columnar pair arrays without one object per pair: at 10,000 households and
 * 342 municipalities there are millions of pairs.
 */
export class PlacementPairsBuilder {
  private hh: Int32Array;
  private mun: Int32Array;
  private score: Float64Array;
  private n = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.hh = new Int32Array(c);
    this.mun = new Int32Array(c);
    this.score = new Float64Array(c);
  }

  /** Allows household `hh` (index into the problem's households) in municipality `mun` (index) with `score`. */
  add(hh: number, mun: number, score: number): this {
    if (this.n === this.hh.length) this.grow();
    this.hh[this.n] = hh;
    this.mun[this.n] = mun;
    this.score[this.n] = score;
    this.n++;
    return this;
  }

  get size(): number {
    return this.n;
  }

  /** Trimmed copies; the builder can keep growing afterwards. */
  build(): PlacementPairs {
    return { hh: this.hh.slice(0, this.n), mun: this.mun.slice(0, this.n), score: this.score.slice(0, this.n) };
  }

  private grow(): void {
    const c = this.hh.length * 2;
    const hh = new Int32Array(c);
    hh.set(this.hh);
    const mun = new Int32Array(c);
    mun.set(this.mun);
    const score = new Float64Array(c);
    score.set(this.score);
    this.hh = hh;
    this.mun = mun;
    this.score = score;
  }
}

/** Convenience for small inputs: pairs named by household id and municipality code. */
export function pairsFromObjects(
  households: readonly PlacementHousehold[],
  municipalities: readonly PlacementMunicipality[],
  pairs: readonly { householdId: string; municipalityCode: string; score: number }[],
): PlacementPairs {
  const hIndex = new Map(households.map((h, i) => [h.id, i]));
  const mIndex = new Map(municipalities.map((m, i) => [m.code, i]));
  const b = new PlacementPairsBuilder(pairs.length);
  for (const p of pairs) {
    const h = hIndex.get(p.householdId);
    const m = mIndex.get(p.municipalityCode);
    if (h === undefined) throw new RangeError(`pair names unknown household '${p.householdId}'`);
    if (m === undefined) throw new RangeError(`pair names unknown municipality '${p.municipalityCode}'`);
    b.add(h, m, p.score);
  }
  return b.build();
}
