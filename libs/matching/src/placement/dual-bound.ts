import type { Instance } from './instance';

/**
 * Lagrangian dual value of the placement model at capacity prices `lambda` (per person, per
 * municipality) and region prices `rho` (per person, from the balance multipliers):
 *
 *   f = sum_h max(0, max_k (score_k - persons_h * (lambda_m(k) + rho_r(k)))) + sum_m capacity_m * lambda_m
 *
 * For any lambda >= 0 (and rho from multipliers >= 0) this is an upper bound on every plan,
 * fractional or whole: each household's term bounds what it can contribute at those prices, and
 * the price paid for capacity is refunded in the second sum. Its minimum over the prices is the
 * LP-relaxation value, because each household's sub-problem (pick one pair or none) is integral.
 * Negative prices are clamped to 0 so the value is always a valid bound; a municipality without
 * capacity gets an infinite price (the limit of ever higher prices, each giving a valid bound).
 */
export function dualBound(inst: Instance, lambda: Float64Array, rho: Float64Array | null): number {
  const { H, M, start, pm, pv, persons, region } = inst;
  const price = new Float64Array(M);
  let f = 0;
  for (let m = 0; m < M; m++) {
    if (inst.cap[m] === 0) {
      // No capacity: its price may be as high as we like at no cost, so no household gains there.
      price[m] = Infinity;
      continue;
    }
    const l = Math.max(0, lambda[m]);
    f += inst.cap[m] * l;
    price[m] = l + (rho === null ? 0 : rho[region[m]]);
  }
  for (let h = 0; h < H; h++) {
    const p = persons[h];
    let best = 0;
    for (let k = start[h]; k < start[h + 1]; k++) {
      const v = pv[k] - p * price[pm[k]];
      if (v > best) best = v;
    }
    f += best;
  }
  return f;
}
