import { performance } from 'node:perf_hooks';
import { auctionLp } from '../placement/auction';
import { dualBound } from '../placement/dual-bound';
import { buildInstance } from '../placement/instance';
import { solvePlacement } from '../placement/solve-placement';
import type { PlacementProblem } from '../placement/types';

export interface PlacePricesOptions {
  /**
   * `lp` (default): the capacity prices of the LP relaxation, from the same auction the
   * Lagrangian method starts from (seconds at 10,000 households); `objective` is then the LP
   * value of the fractional plan. `plan`: a whole `solvePlacement` run (method `lagrangian`),
   * whose prices include the region prices of a balance constraint (R14) when the problem has
   * one; `objective` is the whole-household plan's value. The `lp` method ignores `balance`.
   */
  method?: 'lp' | 'plan';
  /** Wall-clock cap for the whole computation; default 60 s. */
  timeLimitMs?: number;
  clock?: () => number;
}

export interface PlacePrices {
  /**
   * Per municipality code with remaining capacity, the price of one of its places per person,
   * in link-score units, >= 0: what a place there is expected to be worth to the rest of the
   * cohort (the dual of its capacity row, R11). 0 where the capacity is loose.
   */
  prices: Map<string, number>;
  /**
   * Municipalities with no remaining capacity. Their price is unbounded (no household can be
   * placed there at all, R11), so they are listed here instead of carrying Infinity in `prices`.
   */
  noRoom: string[];
  /** The LP value (method `lp`) or the whole-household plan's value (method `plan`). */
  objective: number;
  /** The Lagrangian dual value at these prices: a valid upper bound on every plan of the problem. */
  upperBound: number;
  method: 'lp' | 'plan';
  runtimeMs: number;
}

/** Bid increment relative to the largest value per person, as the Lagrangian method uses. */
const EPS_FACTOR = 1e-3;

/**
 * The shadow prices of the places of a cohort problem (typically: the households waiting now
 * plus a forecast of the rest of the half-year's arrivals, against the remaining capacity).
 * Pure and deterministic. A household's dynamic score at municipality m is then
 * `dynamicScore(linkScore, persons, prices.get(m))`: its own fit minus what its places are
 * worth to the households still to come.
 */
export async function placePrices(problem: PlacementProblem, options: PlacePricesOptions = {}): Promise<PlacePrices> {
  const clock = options.clock ?? (() => performance.now());
  const t0 = clock();
  const method = options.method ?? 'lp';
  const codes = problem.municipalities.map((m) => m.code);
  const caps = problem.municipalities.map((m) => m.capacity);
  if (method === 'plan') {
    const plan = await solvePlacement(problem, { method: 'lagrangian', timeLimitMs: options.timeLimitMs, clock });
    // capacityPrices is aligned with plan.municipalities (sorted by code).
    const byCode = new Map<string, number>();
    plan.municipalities.forEach((m, i) => byCode.set(m.code, plan.capacityPrices ? plan.capacityPrices[i] : 0));
    return finish(codes, caps, (i) => byCode.get(codes[i]) ?? 0, plan.objective, plan.upperBound, method, clock() - t0);
  }
  const inst = buildInstance(problem);
  const unit = new Float64Array(inst.P);
  let mx = 0;
  for (let h = 0; h < inst.H; h++) {
    for (let k = inst.start[h]; k < inst.start[h + 1]; k++) {
      unit[k] = inst.pv[k] / inst.persons[h];
      if (unit[k] > mx) mx = unit[k];
    }
  }
  // The plain auction, without eps-scaling: the LP's prices are not unique, and the place prices
  // (R11) are the ones a cold auction ends at, which the simulator's figures were measured with
  // (the scaled auction ends at the lowest ones, which hold fewer places for tie holders still to come).
  const lp = auctionLp(inst, unit, Math.max(mx, 1e-9) * EPS_FACTOR, { clock, at: t0 + (options.timeLimitMs ?? 60_000) }, { scaling: false });
  let objective = 0;
  for (let i = 0; i < lp.flowPair.length; i++) objective += lp.flowUnits[i] * unit[lp.flowPair[i]];
  const upperBound = Math.max(objective, dualBound(inst, lp.price, null));
  // The instance numbers municipalities in code order; map back to the problem's order.
  const canon = new Map(inst.munCode.map((c, m) => [c, m]));
  return finish(codes, caps, (i) => lp.price[canon.get(codes[i])!], objective, upperBound, method, clock() - t0);
}

function finish(
  codes: string[],
  caps: number[],
  priceAt: (i: number) => number,
  objective: number,
  upperBound: number,
  method: 'lp' | 'plan',
  runtimeMs: number,
): PlacePrices {
  const prices = new Map<string, number>();
  const noRoom: string[] = [];
  codes.forEach((code, i) => {
    if (caps[i] === 0) noRoom.push(code);
    else prices.set(code, Math.max(0, priceAt(i)));
  });
  noRoom.sort();
  return { prices, noRoom, objective, upperBound, method, runtimeMs };
}
