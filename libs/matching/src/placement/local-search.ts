import { RegionDelta, type BalanceRule } from './balance';
import type { Instance } from './instance';
import { pairOf } from './instance';
import type { PlanState } from './plan-state';

/** Smallest gain worth a move: guards against cycling on round-off. */
const MIN_GAIN = 1e-9;
/** Target municipalities per household for chains, swaps and re-packing (see targetPairs). */
export const TARGETS = 8;

export interface SearchBudget {
  clock: () => number;
  /** Clock value after which the search stops (the plan stays feasible). */
  deadline: number;
  /** Upper limit on full passes; keeps the search deterministic and bounded. */
  maxRounds: number;
}

/**
 * Single moves: every household to its best allowed municipality with room, if that beats where
 * it is; an unplaced household takes any municipality with room, even at score 0 (placing more
 * households is the point). Repeats until nothing moves. Returns the number of moves.
 */
export function improveByMoves(state: PlanState, rule: BalanceRule | null, budget: SearchBudget): number {
  const { inst } = state;
  const delta = new RegionDelta();
  let moves = 0;
  for (let round = 0; round < budget.maxRounds; round++) {
    let changed = 0;
    for (let h = 0; h < inst.H; h++) {
      if ((h & 1023) === 0 && budget.clock() > budget.deadline) return moves + changed;
      const cur = state.pair[h];
      const curV = cur < 0 ? -1 : inst.pv[cur];
      const p = inst.persons[h];
      const mCur = cur < 0 ? -1 : inst.pm[cur];
      let best = -1;
      let bestV = cur < 0 ? -1 : curV + MIN_GAIN;
      for (let k = inst.start[h]; k < inst.start[h + 1]; k++) {
        const m = inst.pm[k];
        if (m === mCur || inst.pv[k] <= bestV || inst.cap[m] - state.used[m] < p) continue;
        if (rule !== null && !delta.reset().add(cur < 0 ? -1 : inst.region[mCur], -p).add(inst.region[m], p).fits(rule, state)) continue;
        bestV = inst.pv[k];
        best = k;
      }
      if (best >= 0) {
        state.move(h, best);
        changed++;
      }
    }
    moves += changed;
    if (changed === 0) break;
  }
  return moves;
}

/**
 * Ejection chains and swaps. Household A takes municipality m although m lacks room, because a
 * household B there leaves: to its best other municipality with room, out of the plan, or into a
 * full municipality m' of its own choice by ejecting C in turn, who goes to room elsewhere or
 * out. Chains are found in O(1) per (A, m) from per-municipality tables "best exit value among
 * households of at least s persons", built once a round; swaps (B takes A's vacated place) are
 * looked up, by binary search, among the households now in m for which A's municipality is a
 * target. Only A's and B's best
 * few municipalities at the capacity prices are tried. Every chain is applied on the real plan
 * and rolled back unless it fits (R11, R16, balance) and gains. Returns the chains applied.
 */
export function improveByChains(state: PlanState, targets: Int32Array, rule: BalanceRule | null, budget: SearchBudget): number {
  const { inst } = state;
  const { H, M, persons, pv, pm } = inst;
  const T = H > 0 ? targets.length / H : 1;
  let S = 1;
  for (let h = 0; h < H; h++) if (persons[h] > S) S = persons[h];
  const W = S + 1;
  // Swap partners, rebuilt each round: (target municipality, current municipality, household)
  // packed in one sorted number, so "households now in m that want ma" is one binary search.
  const SHIFT = 2 ** 24; // households < 16.7M; (ma x M + m) x 2^24 stays an exact integer
  let swapKeys = new Float64Array(targets.length);
  let swapCount = 0;
  const buildSwapKeys = (): void => {
    swapCount = 0;
    for (let b = 0; b < H; b++) {
      const kb = state.pair[b];
      if (kb < 0) continue;
      for (let t = b * T; t < (b + 1) * T; t++) {
        const k = targets[t];
        if (k < 0) break;
        if (pm[k] !== pm[kb]) swapKeys[swapCount++] = (pm[k] * M + pm[kb]) * SHIFT + b;
      }
    }
    swapKeys = swapKeys.subarray(0, swapCount).sort();
  };
  /** First index in swapKeys at or above x. */
  const lowerBound = (x: number): number => {
    let lo = 0;
    let hi = swapCount;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (swapKeys[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const alt0 = new Int32Array(H);
  const exit0 = new Float64Array(H);
  const exit1 = new Float64Array(H);
  const via = new Int32Array(H); // exit1 through this target pair (-1: exit0)
  const viaC = new Int32Array(H); // ... ejecting this household
  const e0Val = new Float64Array(M * W);
  const e0Hh = new Int32Array(M * W);
  const e1Val = new Float64Array(M * W);
  const e1Hh = new Int32Array(M * W);
  const involved = new Int32Array(3);
  const original = new Int32Array(3);
  const wanted = new Int32Array(3);
  let moves = 0;
  // "Don't look" marks: A is re-examined only when one of its municipalities changed since.
  const munChanged = new Int32Array(M);
  const lookedAt = new Int32Array(H).fill(-1);
  let clockTick = 1;

  /** Fills table val/hh: per municipality and s, the best exit among its households of >= s persons. */
  const buildTable = (exit: Float64Array, val: Float64Array, hh: Int32Array): void => {
    val.fill(-Infinity);
    hh.fill(-1);
    for (let h = 0; h < H; h++) {
      const k = state.pair[h];
      if (k < 0) continue;
      const i = pm[k] * W + persons[h];
      if (exit[h] > val[i]) {
        val[i] = exit[h];
        hh[i] = h;
      }
    }
    for (let m = 0; m < M; m++) {
      for (let sz = S - 1; sz >= 1; sz--) {
        const i = m * W + sz;
        if (val[i + 1] > val[i]) {
          val[i] = val[i + 1];
          hh[i] = hh[i + 1];
        }
      }
    }
  };

  /** Applies A -> ka, B (out of ka's municipality) -> kb, C -> kc (-1: out); rolls back unless it fits and gains. */
  const tryChain = (n: number, gainFloor: number): boolean => {
    let before = 0;
    for (let i = 0; i < n; i++) {
      original[i] = state.pair[involved[i]];
      before += state.valueOf(involved[i]);
    }
    for (let i = 0; i < n; i++) state.unplace(involved[i]);
    let ok = true;
    let after = 0;
    for (let i = 0; i < n && ok; i++) {
      const k = wanted[i];
      if (k < 0) continue;
      if (state.room(pm[k]) < persons[involved[i]]) ok = false;
      else {
        state.place(involved[i], k);
        after += pv[k];
      }
    }
    if (ok && after - before > gainFloor && (rule === null || rule.satisfied(state.regionPersons, state.placedPersons))) {
      clockTick++;
      for (let i = 0; i < n; i++) {
        if (original[i] >= 0) munChanged[pm[original[i]]] = clockTick;
        if (wanted[i] >= 0) munChanged[pm[wanted[i]]] = clockTick;
      }
      return true;
    }
    for (let i = 0; i < n; i++) state.unplace(involved[i]);
    for (let i = 0; i < n; i++) if (original[i] >= 0) state.place(involved[i], original[i]);
    return false;
  };

  for (let round = 0; round < budget.maxRounds; round++) {
    buildSwapKeys();
    for (let h = 0; h < H; h++) {
      const k = state.pair[h];
      if (k < 0) continue;
      alt0[h] = state.bestPairWithRoom(h, pm[k]);
      exit0[h] = Math.max(0, alt0[h] >= 0 ? pv[alt0[h]] : 0) - pv[k];
      if (alt0[h] >= 0 && pv[alt0[h]] <= 0) alt0[h] = -1;
    }
    buildTable(exit0, e0Val, e0Hh);
    for (let h = 0; h < H; h++) {
      const k = state.pair[h];
      if (k < 0) continue;
      exit1[h] = exit0[h];
      via[h] = -1;
      for (let t = h * T; t < (h + 1) * T; t++) {
        const k2 = targets[t];
        if (k2 < 0) break;
        const m2 = pm[k2];
        const need = persons[h] - state.room(m2);
        if (m2 === pm[k] || need <= 0 || need > S) continue;
        const v = pv[k2] - pv[k] + e0Val[m2 * W + need];
        if (v > exit1[h]) {
          exit1[h] = v;
          via[h] = k2;
          viaC[h] = e0Hh[m2 * W + need];
        }
      }
    }
    buildTable(exit1, e1Val, e1Hh);

    let changed = 0;
    for (let a = 0; a < H; a++) {
      if ((a & 255) === 0 && budget.clock() > budget.deadline) return moves + changed;
      const ka = state.pair[a];
      const va = ka < 0 ? 0 : pv[ka];
      const ma = ka < 0 ? -1 : pm[ka];
      const pa = persons[a];
      if (round > 0) {
        let stale = ma >= 0 && munChanged[ma] > lookedAt[a];
        for (let t = a * T; t < (a + 1) * T && !stale; t++) stale = targets[t] >= 0 && munChanged[pm[targets[t]]] > lookedAt[a];
        if (!stale) continue;
      }
      lookedAt[a] = clockTick;
      let bestGain = MIN_GAIN;
      let bestK = -1;
      let bestB = -1;
      let swap = false;
      for (let t = a * T; t < (a + 1) * T; t++) {
        const k = targets[t];
        if (k < 0) break;
        const m = pm[k];
        const need = pa - state.room(m);
        if (m === ma || need <= 0 || need > S) continue;
        const g = pv[k] - va + e1Val[m * W + need];
        if (g > bestGain) {
          bestGain = g;
          bestK = k;
          bestB = e1Hh[m * W + need];
          swap = false;
        }
      }
      if (ma >= 0) {
        // Swaps: A to one of its targets m, B from m to A's place, where A's municipality is one of B's targets.
        const roomA = state.room(ma) + pa;
        for (let t = a * T; t < (a + 1) * T; t++) {
          const kam = targets[t];
          if (kam < 0) break;
          const m = pm[kam];
          if (m === ma) continue;
          const base = (ma * M + m) * SHIFT;
          for (let i = lowerBound(base); i < swapCount && swapKeys[i] < base + SHIFT; i++) {
            const b = swapKeys[i] - base;
            const kb = state.pair[b];
            if (kb < 0 || pm[kb] !== m || persons[b] > roomA || state.room(m) + persons[b] < pa) continue;
            const kbm = pairOf(inst, b, ma); // exists: ma is one of B's targets
            const g = pv[kam] - va + pv[kbm] - pv[kb];
            if (g > bestGain) {
              bestGain = g;
              bestK = kam;
              bestB = b;
              swap = true;
            }
          }
        }
      }
      if (bestK < 0 || bestB < 0) continue;
      const b = bestB;
      const m = pm[bestK];
      if (state.pair[b] < 0 || pm[state.pair[b]] !== m || b === a) continue;
      involved[0] = a;
      wanted[0] = bestK;
      involved[1] = b;
      let n = 2;
      if (swap) wanted[1] = pairOf(inst, b, ma);
      else if (via[b] < 0) wanted[1] = alt0[b];
      else {
        const c = viaC[b];
        const kc = state.pair[c];
        if (c < 0 || c === a || c === b || kc < 0 || pm[kc] !== pm[via[b]]) {
          wanted[1] = alt0[b];
        } else {
          wanted[1] = via[b];
          involved[2] = c;
          wanted[2] = alt0[c];
          n = 3;
        }
      }
      if (tryChain(n, MIN_GAIN)) changed++;
    }
    moves += changed;
    if (changed === 0) break;
  }
  return moves;
}

/**
 * Re-packs one municipality at a time, as a knapsack over its capacity (R11): the items are the
 * households there now (value if kept: score here - their best way out, to room elsewhere or out)
 * and the households elsewhere that have it among their targets (value: score here - score where
 * they are). A 0/1 knapsack by dynamic programming picks the best set; if it beats the current
 * one, the households move (leavers to their best municipality with room at that moment, or out)
 * and the change is kept only if it fits and gains. This is the neighbourhood single moves and
 * chains miss when capacities are small (a cohort of a few hundred households over 342
 * municipalities leaves most with room for 1 to 3 persons). Returns the municipalities re-packed.
 */
export function improveByRepacking(state: PlanState, targets: Int32Array, rule: BalanceRule | null, budget: SearchBudget): number {
  const { inst } = state;
  const { H, M, persons, pv, pm, cap } = inst;
  const iStart = new Int32Array(M + 1);
  for (let t = 0; t < targets.length; t++) if (targets[t] >= 0) iStart[pm[targets[t]] + 1]++;
  for (let m = 0; m < M; m++) iStart[m + 1] += iStart[m];
  const iPair = new Int32Array(iStart[M]);
  const iFill = iStart.slice(0, M);
  for (let t = 0; t < targets.length; t++) if (targets[t] >= 0) iPair[iFill[pm[targets[t]]]++] = targets[t];
  const hhOfPair = new Int32Array(inst.P);
  for (let h = 0; h < H; h++) for (let k = inst.start[h]; k < inst.start[h + 1]; k++) hhOfPair[k] = h;

  const items: number[] = []; // households
  const itemPair: number[] = [];
  const itemValue: number[] = [];
  let best = new Float64Array(0);
  let take = new Uint8Array(0);
  const undoH: number[] = [];
  const undoK: number[] = [];
  let repacked = 0;
  for (let round = 0; round < budget.maxRounds; round++) {
    const members: number[][] = Array.from({ length: M }, () => []);
    for (let h = 0; h < H; h++) if (state.pair[h] >= 0) members[pm[state.pair[h]]].push(h);
    let changed = 0;
    for (let m = 0; m < M; m++) {
      if (budget.clock() > budget.deadline) return repacked + changed;
      const C = cap[m];
      if (C === 0) continue;
      items.length = 0;
      itemPair.length = 0;
      itemValue.length = 0;
      let current = 0;
      for (const h of members[m]) {
        if (state.pair[h] < 0 || pm[state.pair[h]] !== m) continue;
        const alt = state.bestPairWithRoom(h, m);
        const v = pv[state.pair[h]] - (alt >= 0 ? Math.max(0, pv[alt]) : 0);
        items.push(h);
        itemPair.push(state.pair[h]);
        itemValue.push(v);
        current += v;
      }
      for (let i = iStart[m]; i < iStart[m + 1]; i++) {
        const k = iPair[i];
        const h = hhOfPair[k];
        const kh = state.pair[h];
        if (kh >= 0 && pm[kh] === m) continue;
        const v = pv[k] - (kh >= 0 ? pv[kh] : 0);
        if (v <= MIN_GAIN || persons[h] > C) continue;
        items.push(h);
        itemPair.push(k);
        itemValue.push(v);
      }
      const n = items.length;
      if (n === members[m].length) continue; // no outsider wants in
      // 0/1 knapsack over persons, keeping decisions for reconstruction.
      if (best.length < C + 1) best = new Float64Array(2 * (C + 1));
      if (take.length < n * (C + 1)) take = new Uint8Array(2 * n * (C + 1));
      best.fill(0, 0, C + 1);
      take.fill(0, 0, n * (C + 1));
      for (let i = 0; i < n; i++) {
        const w = persons[items[i]];
        const v = itemValue[i];
        if (v <= 0) continue;
        for (let c = C; c >= w; c--) {
          const cand = best[c - w] + v;
          if (cand > best[c]) {
            best[c] = cand;
            take[i * (C + 1) + c] = 1;
          }
        }
      }
      if (best[C] <= current + MIN_GAIN) continue;
      const chosen = new Uint8Array(n);
      for (let i = n - 1, c = C; i >= 0; i--) {
        if (take[i * (C + 1) + c]) {
          chosen[i] = 1;
          c -= persons[items[i]];
        }
      }
      // Apply: members not chosen leave, chosen outsiders come in, leavers find room or go out.
      const before = state.objective;
      undoH.length = 0;
      undoK.length = 0;
      for (let i = 0; i < n; i++) {
        undoH.push(items[i]);
        undoK.push(state.pair[items[i]]);
      }
      for (let i = 0; i < n; i++) if (!chosen[i] && state.pair[items[i]] === itemPair[i]) state.unplace(items[i]);
      let ok = true;
      for (let i = 0; i < n && ok; i++) {
        if (!chosen[i] || state.pair[items[i]] === itemPair[i]) continue;
        state.unplace(items[i]);
        if (state.room(m) < persons[items[i]]) ok = false;
        else state.place(items[i], itemPair[i]);
      }
      for (let i = 0; i < n && ok; i++) {
        const h = items[i];
        if (chosen[i] || state.pair[h] >= 0 || undoK[i] < 0 || pm[undoK[i]] !== m) continue;
        const alt = state.bestPairWithRoom(h, m);
        if (alt >= 0) state.place(h, alt);
      }
      if (ok && state.objective > before + MIN_GAIN && (rule === null || rule.satisfied(state.regionPersons, state.placedPersons))) {
        changed++;
        members[m] = items.filter((_, i) => chosen[i]);
        continue;
      }
      for (const h of undoH) state.unplace(h);
      for (let i = 0; i < undoH.length; i++) if (undoK[i] >= 0) state.place(undoH[i], undoK[i]);
    }
    repacked += changed;
    if (changed === 0) break;
  }
  return repacked;
}

/**
 * Per household, its `T` pairs with the highest score - persons x price, best first (-1 pads):
 * at the capacity prices these are the municipalities worth moving it to; the rest are too
 * expensive in capacity to be worth a try.
 */
export function topPairsByReducedValue(inst: Instance, price: Float64Array, T: number): Int32Array {
  const { H, start, pm, pv, persons } = inst;
  const out = new Int32Array(H * T).fill(-1);
  const bestV = new Float64Array(T);
  for (let h = 0; h < H; h++) {
    let n = 0;
    const base = h * T;
    const p = persons[h];
    // Insertion into a small sorted buffer (T is small).
    for (let k = start[h]; k < start[h + 1]; k++) {
      const v = pv[k] - p * price[pm[k]];
      if (n === T && v <= bestV[T - 1]) continue;
      let i = n < T ? n++ : T - 1;
      while (i > 0 && bestV[i - 1] < v) {
        bestV[i] = bestV[i - 1];
        out[base + i] = out[base + i - 1];
        i--;
      }
      bestV[i] = v;
      out[base + i] = k;
    }
  }
  return out;
}
