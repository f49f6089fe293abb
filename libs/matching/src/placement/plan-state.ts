import type { Instance } from './instance';

/**
 * A whole-household plan under construction: each household is in at most one municipality
 * (R16), through one of its allowed pairs (R12), and `used` never exceeds capacity (R11);
 * every mutator keeps these invariants and the running totals.
 */
export class PlanState {
  /** Chosen pair per household, or -1. */
  readonly pair: Int32Array;
  /** Persons used per municipality. */
  readonly used: Int32Array;
  /** Persons placed per region. */
  readonly regionPersons: Float64Array;
  placedPersons = 0;
  placed = 0;
  objective = 0;

  constructor(readonly inst: Instance) {
    this.pair = new Int32Array(inst.H).fill(-1);
    this.used = new Int32Array(inst.M);
    this.regionPersons = new Float64Array(inst.R);
  }

  valueOf(h: number): number {
    const k = this.pair[h];
    return k < 0 ? 0 : this.inst.pv[k];
  }

  room(m: number): number {
    return this.inst.cap[m] - this.used[m];
  }

  /**
   * Best allowed pair of household h in a municipality other than `skip` with room for the whole
   * household (R11, R16), or -1; ties go to the first pair (the lower municipality code).
   */
  bestPairWithRoom(h: number, skip = -1): number {
    const { start, pm, pv, persons } = this.inst;
    const p = persons[h];
    let best = -1;
    let bestV = -1;
    for (let k = start[h]; k < start[h + 1]; k++) {
      const m = pm[k];
      if (m !== skip && this.room(m) >= p && pv[k] > bestV) {
        bestV = pv[k];
        best = k;
      }
    }
    return best;
  }

  /** Places unplaced household h through pair k; the caller has checked the room. */
  place(h: number, k: number): void {
    const { inst } = this;
    const m = inst.pm[k];
    const p = inst.persons[h];
    if (this.pair[h] >= 0 || this.used[m] + p > inst.cap[m]) throw new Error(`placement invariant broken for household ${h}`);
    this.pair[h] = k;
    this.used[m] += p;
    this.regionPersons[inst.region[m]] += p;
    this.placedPersons += p;
    this.placed++;
    this.objective += inst.pv[k];
  }

  unplace(h: number): void {
    const { inst } = this;
    const k = this.pair[h];
    if (k < 0) return;
    const m = inst.pm[k];
    const p = inst.persons[h];
    this.pair[h] = -1;
    this.used[m] -= p;
    this.regionPersons[inst.region[m]] -= p;
    this.placedPersons -= p;
    this.placed--;
    this.objective -= inst.pv[k];
  }

  /** Moves household h to pair k (or out, k = -1). */
  move(h: number, k: number): void {
    this.unplace(h);
    if (k >= 0) this.place(h, k);
  }

  /** Recomputes the objective as a plain sum in household order (no drift from many moves). */
  exactObjective(): number {
    let s = 0;
    for (let h = 0; h < this.inst.H; h++) if (this.pair[h] >= 0) s += this.inst.pv[this.pair[h]];
    return s;
  }
}

/** A plan's pair per household in the problem's own numbering (indices into its households and pairs; -1: unplaced). */
export function problemPairs(inst: Instance, state: PlanState): Int32Array {
  const out = new Int32Array(inst.H).fill(-1);
  for (let h = 0; h < inst.H; h++) if (state.pair[h] >= 0) out[inst.hhOrig[h]] = inst.orig[state.pair[h]];
  return out;
}
