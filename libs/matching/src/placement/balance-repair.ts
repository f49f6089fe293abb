import { RegionDelta, type BalanceRule } from './balance';
import type { PlanState } from './plan-state';

/**
 * Makes a capacity-feasible plan balanced (R14), losing as little score as it can: while a
 * region is outside its share bounds, it applies the move that removes the most violation per
 * unit of score lost: move a household out of an over-represented region (to room elsewhere, or
 * out of the plan), into an under-represented one (from elsewhere, or from the unplaced), or take
 * a household out elsewhere. Each move strictly reduces the violation, so this phase ends; if it
 * ends unbalanced, households are only taken out (the one leaving the least violation first),
 * and as the empty plan is balanced, the repair always ends with a balanced plan.
 */
export function repairBalance(state: PlanState, rule: BalanceRule): void {
  const { inst } = state;
  const { H, R, start, pm, pv, persons, region, cap } = inst;
  while (!rule.satisfied(state.regionPersons, state.placedPersons)) {
    const total = state.placedPersons;
    let worst = -1;
    let worstV = -Infinity;
    let worstOver = false;
    for (let r = 0; r < R; r++) {
      const over = state.regionPersons[r] - rule.hi[r] * total;
      const under = rule.lo[r] * total - state.regionPersons[r];
      if (over > worstV) {
        worstV = over;
        worst = r;
        worstOver = true;
      }
      if (under > worstV) {
        worstV = under;
        worst = r;
        worstOver = false;
      }
    }
    const v0 = rule.violation(state.regionPersons, total);
    const delta = new RegionDelta();
    let bestRatio = Infinity;
    let bestH = -1;
    let bestK = -1; // -1: take the household out
    /** Household h to pair k (-1: out); `move` holds the persons it moves between regions. */
    const consider = (h: number, k: number, move: RegionDelta): void => {
      const loss = state.valueOf(h) - (k >= 0 ? pv[k] : 0);
      const fixed = v0 - move.violation(rule, state);
      if (fixed <= 1e-9) return;
      const ratio = Math.max(loss, 0) / fixed - (loss < 0 ? -loss : 0); // a gain beats any loss
      if (ratio < bestRatio) {
        bestRatio = ratio;
        bestH = h;
        bestK = k;
      }
    };
    for (let h = 0; h < H; h++) {
      const cur = state.pair[h];
      const p = persons[h];
      const rCur = cur < 0 ? -1 : region[pm[cur]];
      const relevant = worstOver ? rCur === worst : rCur !== worst;
      if (!relevant) continue;
      // Best pair with room in a useful region: out of `worst` if it is over, into it if under.
      let kBest = -1;
      for (let k = start[h]; k < start[h + 1]; k++) {
        const m = pm[k];
        if (cap[m] - state.used[m] < p) continue;
        const ok = worstOver ? region[m] !== worst : region[m] === worst;
        if (ok && (kBest < 0 || pv[k] > pv[kBest])) kBest = k;
      }
      if (kBest >= 0) {
        consider(h, kBest, delta.reset().add(rCur, -p).add(region[pm[kBest]], p));
      }
      if (cur >= 0) consider(h, -1, delta.reset().add(rCur, -p));
    }
    if (bestH < 0) break;
    state.move(bestH, bestK);
  }
  // Stuck: only take households out from here on (so this ends), each time the one that leaves
  // the least violation (then the cheapest per person); at worst the plan empties.
  const leaving = new RegionDelta();
  while (!rule.satisfied(state.regionPersons, state.placedPersons)) {
    let out = -1;
    let outV = Infinity;
    let outCost = Infinity;
    for (let h = 0; h < H; h++) {
      const k = state.pair[h];
      if (k < 0) continue;
      const v = leaving.reset().add(region[pm[k]], -persons[h]).violation(rule, state);
      const cost = pv[k] / persons[h];
      if (v < outV - 1e-12 || (v <= outV + 1e-12 && cost < outCost)) {
        out = h;
        outV = v;
        outCost = cost;
      }
    }
    state.unplace(out);
  }
}
