import type { Instance } from './instance';

/** The LP relaxation solved by the auction: prices and a fractional (per-person) plan. */
export interface AuctionResult {
  /** Per municipality: price per person of its cheapest unit of capacity (0 while it has room). */
  price: Float64Array;
  /** Fractional plan: `units` persons of household `hh` through pair `pair` (flows sorted by household, then pair). */
  flowHh: Int32Array;
  flowPair: Int32Array;
  flowUnits: Int32Array;
  /** The auction stopped on the deadline before every person was settled. */
  truncated: boolean;
}

/** Pairs per household scanned before falling back to all of them. */
const CANDIDATES = 16;
/** eps-scaling: the first phase bids in steps of SCALE_START x eps, each next one SCALE_FACTOR finer. */
const SCALE_START = 125;
const SCALE_FACTOR = 5;
/** Rounds of bidding at the final step after the last phase, while prices of idle units come down. */
const EXTRA_ROUNDS = 3;

/**
 * Solves the LP relaxation of the capacity constraints with a forward auction (Bertsekas).
 *
 * Why: written per person, the relaxation is a transportation problem (household h supplies
 * persons_h units, municipality m takes capacity_m units, a unit is worth score/persons), and an
 * auction solves transportation problems with few sinks fast, in plain JS, returning at the same
 * time near-optimal capacity prices (the Lagrange multipliers) and a near-optimal fractional
 * plan; subgradient steps give only the prices, and slowly. Every municipality's capacity units
 * carry prices; a household's unsettled persons bid for the cheapest units of its best
 * municipality, raising their price by (best - second best) + eps, outbidding the cheapest holders,
 * who bid again. Prices only rise; a person whose best net value is <= 0 stays out, which stays
 * right as prices rise. At the end every settled person is within eps of its best choice
 * (eps-complementary slackness), so the dual bound at the final prices exceeds the fractional
 * plan's value by at most eps x persons.
 *
 * eps-scaling (`options.scaling`, on by default): bidding in steps of eps alone makes households
 * with close scores outbid each other in tiny steps for a long time (a price war): measured on a
 * 10,000-household what-if cohort weighted per person, 9.5 M bids and 40 s. So the auction first
 * bids in coarse steps (125 x eps), then bids again from those prices in steps 5 x finer, down to
 * eps: 0.3 M bids and 3 s on the same cohort, with a bound 0.003% tighter. Warm prices need
 * two repairs: a holder that paid its whole value would not bid for its place again, so each
 * round starts from the last prices less twice the last step; and capacity left idle at a positive
 * price (which breaks complementary slackness and loosens the bound) has that price lowered to
 * what the marginal household would pay (see lowerIdlePrices) and bid on again. Without scaling
 * (`scaling: false`) the auction is the plain one, from prices 0.
 *
 * `unitValue[k]` is the value of one person through pair k; `eps` the bid increment.
 * Deterministic: households bid in FIFO order starting from canonical order, ties by municipality.
 */
export function auctionLp(
  inst: Instance,
  unitValue: Float64Array,
  eps: number,
  deadline: { clock: () => number; at: number },
  options: { scaling?: boolean } = {},
): AuctionResult {
  const { H, M, start, pm, persons, cap } = inst;

  // Lot pool: a lot is `count` units of one municipality held by `owner` (-1: nobody) at `price`.
  // A municipality holds at most one free lot and one lot per unit owned, and no more units are
  // ever owned than the cohort has persons: sizing by capacity alone would allocate gigabytes when
  // capacity is no limit (a period without a housing total sets it to a million per municipality).
  let totalPersons = 0;
  for (let h = 0; h < H; h++) totalPersons += persons[h];
  const lots = (m: number): number => Math.min(cap[m], totalPersons);
  let poolSize = M + 16;
  for (let m = 0; m < M; m++) poolSize += lots(m);
  const lotPrice = new Float64Array(poolSize);
  const lotOwner = new Int32Array(poolSize);
  const lotCount = new Int32Array(poolSize);
  const lotPair = new Int32Array(poolSize);
  const freeLots = new Int32Array(poolSize);
  let freeTop = 0;
  for (let i = poolSize - 1; i >= 0; i--) freeLots[freeTop++] = i;

  // Per-municipality binary min-heaps of lots (by price, then lot index), in one array.
  const heapOff = new Int32Array(M + 1);
  for (let m = 0; m < M; m++) heapOff[m + 1] = heapOff[m] + lots(m) + 1;
  const heap = new Int32Array(heapOff[M]);
  const heapSize = new Int32Array(M);

  const less = (a: number, b: number): boolean => lotPrice[a] < lotPrice[b] || (lotPrice[a] === lotPrice[b] && a < b);
  const push = (m: number, lot: number): void => {
    const off = heapOff[m];
    let i = heapSize[m]++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pl = heap[off + parent];
      if (!less(lot, pl)) break;
      heap[off + i] = pl;
      i = parent;
    }
    heap[off + i] = lot;
  };
  const popTop = (m: number): void => {
    const off = heapOff[m];
    const n = --heapSize[m];
    if (n === 0) return;
    const last = heap[off + n];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      const r = l + 1;
      if (r < n && less(heap[off + r], heap[off + l])) c = r;
      if (!less(heap[off + c], last)) break;
      heap[off + i] = heap[off + c];
      i = c;
    }
    heap[off + i] = last;
  };
  const newLot = (price: number, owner: number, count: number, pair: number): number => {
    const lot = freeLots[--freeTop];
    lotPrice[lot] = price;
    lotOwner[lot] = owner;
    lotCount[lot] = count;
    lotPair[lot] = pair;
    return lot;
  };

  for (let m = 0; m < M; m++) if (cap[m] > 0) push(m, newLot(0, -1, cap[m], -1));

  const rem = new Int32Array(H);
  const queue = new Int32Array(H + 1);
  const inQueue = new Uint8Array(H);
  let qHead = 0;
  let qTail = 0;
  const qCap = H + 1;
  let bids = 0;
  let truncated = false;
  // Each household remembers its K best pairs by net value (unit value - price) at its last full
  // scan, and the best net value left outside them. Prices only rise, so no outside pair can
  // ever be worth more than that: while the second best among the K reaches it, scanning the K
  // is exact, and the full scan (all ~300 pairs) is needed only now and then.
  const K = CANDIDATES;
  const list = new Int32Array(H * K).fill(-1);
  const outsideMax = new Float64Array(H).fill(Infinity);
  let netBuf = new Float64Array(64);

  let selectBuf = new Float64Array(64);
  /** Keeps the K best nets of household h (netBuf holds its nets) and the best net left out. */
  const refreshCandidates = (h: number, a: number, n: number): void => {
    const base = h * K;
    if (n <= K) {
      for (let i = 0; i < K; i++) list[base + i] = i < n ? a + i : -1;
      outsideMax[h] = -Infinity;
      return;
    }
    if (selectBuf.length < n) selectBuf = new Float64Array(2 * n);
    selectBuf.set(netBuf.subarray(0, n));
    const t = selectKth(selectBuf, n, n - K);
    let below = -Infinity;
    for (let i = 0; i < n - K; i++) if (selectBuf[i] > below) below = selectBuf[i];
    outsideMax[h] = below;
    let c = 0;
    for (let i = 0; i < n && c < K; i++) if (netBuf[i] > t) list[base + c++] = a + i;
    for (let i = 0; i < n && c < K; i++) if (netBuf[i] === t) list[base + c++] = a + i;
  };

  /** Per municipality: the price of its cheapest unit, and whether some unit is held by nobody. */
  const price = new Float64Array(M);
  const idle = new Uint8Array(M);
  const readPrices = (): void => {
    for (let m = 0; m < M; m++) {
      price[m] = heapSize[m] > 0 ? lotPrice[heap[heapOff[m]]] : 0;
      idle[m] = 0;
      for (let i = 0; i < heapSize[m]; i++) if (lotOwner[heap[heapOff[m] + i]] < 0) idle[m] = 1;
    }
  };
  /**
   * A new round of bidding from the last one's prices: every lot back to nobody, and where a price
   * was lowered (see lowerIdlePrices) the municipality's capacity becomes one lot at that price.
   */
  const releaseAll = (lowered: Float64Array, slack: number): void => {
    for (let m = 0; m < M; m++) {
      const off = heapOff[m];
      const n = heapSize[m];
      // More room than the cohort has persons: its free lot at price 0 is never used up, so no
      // bid ever reaches a priced lot, and keeping the released ones would only pile up lots
      // past the heap's room (it holds one free lot and one per unit owned).
      const unbounded = cap[m] > totalPersons;
      if (n > 0 && (unbounded || lowered[m] < lotPrice[heap[off]])) {
        for (let i = 0; i < n; i++) freeLots[freeTop++] = heap[off + i];
        heapSize[m] = 0;
        push(m, newLot(unbounded ? 0 : lowered[m], -1, cap[m], -1));
        continue;
      }
      // Each price less the last phase's slack: a holder that paid its whole value (no alternative
      // worth more than staying out) would otherwise not bid for its own place again.
      const ls: number[] = [];
      for (let i = 0; i < n; i++) {
        const lot = heap[off + i];
        lotOwner[lot] = -1;
        lotPrice[lot] = Math.max(0, lotPrice[lot] - slack);
        ls.push(lot);
      }
      ls.sort((a, b) => (less(a, b) ? -1 : 1));
      for (let i = 0; i < n; i++) heap[off + i] = ls[i];
    }
    outsideMax.fill(Infinity);
  };
  const bidFromScratch = (e: number): void => {
    qHead = 0;
    qTail = 0;
    for (let h = 0; h < H; h++) {
      rem[h] = persons[h];
      queue[qTail++] = h;
      inQueue[h] = 1;
    }
    bidAll(e);
  };

  // eps-scaling (see epsPhases): each phase bids from the last one's prices with a finer step. A
  // coarse phase can leave prices above what the households will pay, with units nobody holds;
  // those prices are lowered between phases, and after the last one the lowered prices are bid
  // on again (at most EXTRA_ROUNDS times) until no unit is left idle at a positive price.
  const phases = epsPhases(eps, options.scaling ?? true);
  // Built once, on first use: only eps-scaling lowers idle prices.
  let layout: PairLayout | null = null;
  const layoutOf = (): PairLayout => (layout ??= pairLayout(inst));
  bidFromScratch(phases[0]);
  for (let phase = 1; phases.length > 1 && phase < phases.length + EXTRA_ROUNDS && !truncated; phase++) {
    readPrices();
    const lowered = Float64Array.from(price);
    const did = lowerIdlePrices(inst, unitValue, lowered, idle, layoutOf());
    if (!did && phase >= phases.length) break;
    releaseAll(lowered, 2 * phases[Math.min(phase - 1, phases.length - 1)]);
    bidFromScratch(phases[Math.min(phase, phases.length - 1)]);
  }

  function bidAll(eps: number): void {
    while (qHead !== qTail) {
      if ((bids & 1023) === 0 && deadline.clock() > deadline.at) {
        truncated = true;
        break;
      }
      const h = queue[qHead];
      qHead = qHead + 1 === qCap ? 0 : qHead + 1;
      inQueue[h] = 0;
      let r = rem[h];
      while (r > 0) {
        bids++;
        let w1 = -Infinity;
        let w2 = 0;
        let k1 = -1;
        for (let i = h * K, end = i + K; i < end; i++) {
          const k = list[i];
          if (k < 0) break;
          const m = pm[k];
          if (heapSize[m] === 0) continue;
          const v = unitValue[k] - lotPrice[heap[heapOff[m]]];
          if (v > w1 || (v === w1 && k < k1)) {
            if (w1 > w2) w2 = w1;
            w1 = v;
            k1 = k;
          } else if (v > w2) w2 = v;
        }
        if (w2 < outsideMax[h]) {
          const a = start[h];
          const n = start[h + 1] - a;
          if (netBuf.length < n) netBuf = new Float64Array(2 * n);
          w1 = -Infinity;
          w2 = 0;
          k1 = -1;
          for (let k = a; k < a + n; k++) {
            const m = pm[k];
            const v = heapSize[m] === 0 ? -Infinity : unitValue[k] - lotPrice[heap[heapOff[m]]];
            netBuf[k - a] = v;
            if (v > w1) {
              if (w1 > w2) w2 = w1;
              w1 = v;
              k1 = k;
            } else if (v > w2) w2 = v;
          }
          refreshCandidates(h, a, n);
        }
        if (k1 < 0 || w1 <= 0) break; // the rest of h stays out
        const m1 = pm[k1];
        const c1 = unitValue[k1];
        const off = heapOff[m1];
        while (r > 0) {
          const lot = heap[off];
          if (c1 - lotPrice[lot] < w2) break; // m1 is no longer the best: look again
          const cnt = lotCount[lot];
          const t = r < cnt ? r : cnt;
          const owner = lotOwner[lot];
          if (t === cnt) {
            popTop(m1);
            freeLots[freeTop++] = lot;
          } else lotCount[lot] = cnt - t;
          const qNext = heapSize[m1] > 0 ? lotPrice[heap[off]] : Infinity;
          const beta = Math.min(c1 - w2, qNext) + eps;
          push(m1, newLot(beta, h, t, k1));
          r -= t;
          if (owner === h) r += t;
          else if (owner >= 0) {
            rem[owner] += t;
            if (inQueue[owner] === 0) {
              inQueue[owner] = 1;
              queue[qTail] = owner;
              qTail = qTail + 1 === qCap ? 0 : qTail + 1;
            }
          }
        }
      }
      rem[h] = 0;
    }
  }

  // Prices and the fractional plan.
  readPrices();
  const units = new Map<number, number>();
  for (let m = 0; m < M; m++) {
    for (let i = 0; i < heapSize[m]; i++) {
      const lot = heap[heapOff[m] + i];
      if (lotOwner[lot] < 0) continue;
      const k = lotPair[lot];
      units.set(k, (units.get(k) ?? 0) + lotCount[lot]);
    }
  }
  // The prices the bound is taken at (see lowerIdlePrices): each one as low as it can go with the
  // others fixed, idle or not, so that a price is what the marginal household would pay for the
  // place (the dual is not unique; eps-scaling can end anywhere in its range). The fractional
  // plan stays as bid.
  if (phases.length > 1) lowerIdlePrices(inst, unitValue, price, new Uint8Array(M).fill(1), layoutOf());
  const keys = [...units.keys()].sort((a, b) => a - b);
  const flowHh = new Int32Array(keys.length);
  const flowPair = new Int32Array(keys.length);
  const flowUnits = new Int32Array(keys.length);
  // Pairs are sorted by household, so sorting by pair index sorts flows by household too.
  let hCursor = 0;
  keys.forEach((k, i) => {
    while (start[hCursor + 1] <= k) hCursor++;
    flowHh[i] = hCursor;
    flowPair[i] = k;
    flowUnits[i] = units.get(k) as number;
  });
  return { price, flowHh, flowPair, flowUnits, truncated };
}

/** Phases of the bid increment: from SCALE_START x `eps` down by SCALE_FACTOR to `eps` itself. */
function epsPhases(eps: number, scaling: boolean): number[] {
  if (!scaling) return [eps];
  const out: number[] = [];
  for (let e = eps * SCALE_START; e > eps * 1.0001; e /= SCALE_FACTOR) out.push(e);
  out.push(eps);
  return out;
}

/**
 * After eps-scaling, a municipality may end with capacity nobody holds at a price above 0 (lots
 * that an earlier phase priced and the last one did not take). That breaks complementary
 * slackness: the dual bound at those prices charges for places no plan uses. Each such price is
 * lowered to the one that minimises the dual with every other price fixed: the highest price at
 * which the households that would rather be there than at their next best (per person: score
 * less price) still fit in its capacity, or 0. Any prices >= 0 give a valid bound, and each step
 * only lowers it. Repeated while a step lowers a price (lowering one raises what households get
 * elsewhere, which can let another drop too), at most a few sweeps.
 */
function lowerIdlePrices(inst: Instance, unitValue: Float64Array, price: Float64Array, idle: Uint8Array, layout: PairLayout): boolean {
  const { H, M, start, pm, persons, cap } = inst;
  const { pairHh, mStart, byM } = layout;
  // Per household: the best and second-best net value per person (0: staying out), and where the best is.
  const best = new Float64Array(H);
  const second = new Float64Array(H);
  const bestM = new Int32Array(H).fill(-1);
  const offer = (h: number, m: number, v: number): void => {
    if (bestM[h] === m) {
      if (v > best[h]) best[h] = v;
    } else if (v > best[h]) {
      second[h] = best[h];
      best[h] = v;
      bestM[h] = m;
    } else if (v > second[h]) second[h] = v;
  };
  for (let h = 0; h < H; h++) {
    // offer() inlined: this loop runs over every pair, several times per auction.
    let b1 = best[h];
    let b2 = second[h];
    let bm = bestM[h];
    for (let k = start[h]; k < start[h + 1]; k++) {
      const m = pm[k];
      if (cap[m] === 0) continue;
      const v = unitValue[k] - price[m];
      if (bm === m) {
        if (v > b1) b1 = v;
      } else if (v > b1) {
        b2 = b1;
        b1 = v;
        bm = m;
      } else if (v > b2) b2 = v;
    }
    best[h] = b1;
    second[h] = b2;
    bestM[h] = bm;
  }
  let willing = new Float64Array(64);
  let weight = new Int32Array(64);
  let any = false;
  for (let sweep = 0; sweep < 3; sweep++) {
    let lowered = false;
    for (let m = 0; m < M; m++) {
      if (idle[m] === 0 || price[m] <= 0 || cap[m] === 0) continue;
      const a = mStart[m];
      const n = mStart[m + 1] - a;
      if (willing.length < n) {
        willing = new Float64Array(2 * n);
        weight = new Int32Array(2 * n);
      }
      let c = 0;
      for (let i = 0; i < n; i++) {
        const k = byM[a + i];
        const h = pairHh[k];
        const w = unitValue[k] - (bestM[h] === m ? second[h] : best[h]);
        if (w > 0) {
          willing[c] = w;
          weight[c++] = persons[h];
        }
      }
      const lambda = weightedThreshold(willing, weight, c, cap[m]);
      if (lambda < price[m] - 1e-12) {
        price[m] = lambda;
        lowered = true;
        any = true;
        for (let i = 0; i < n; i++) {
          const k = byM[a + i];
          offer(pairHh[k], m, unitValue[k] - lambda);
        }
      }
    }
    if (!lowered) break;
  }
  return any;
}

/** Per pair its household, and the pairs by municipality (`byM[mStart[m] ..]`): fixed for an instance, built once per auction. */
interface PairLayout {
  pairHh: Int32Array;
  mStart: Int32Array;
  byM: Int32Array;
}

function pairLayout(inst: Instance): PairLayout {
  const { H, M, start, pm } = inst;
  const P = pm.length;
  const pairHh = new Int32Array(P);
  for (let h = 0; h < H; h++) pairHh.fill(h, start[h], start[h + 1]);
  const mStart = new Int32Array(M + 1);
  for (let k = 0; k < P; k++) mStart[pm[k] + 1]++;
  for (let m = 0; m < M; m++) mStart[m + 1] += mStart[m];
  const byM = new Int32Array(P);
  const fill = mStart.slice(0, M);
  for (let k = 0; k < P; k++) byM[fill[pm[k]]++] = k;
  return { pairHh, mStart, byM };
}

/**
 * With the values taken highest first, each bringing its weight (persons), the value at which the
 * running weight first exceeds `cap`; 0 when all of them fit. What sorting the values and walking
 * down them would give (equal values give the same answer in any order), by partitioning around
 * a pivot and keeping the side that holds the crossing: linear on average instead of a sort.
 * Reorders the first n entries of both arrays.
 */
export function weightedThreshold(value: Float64Array, weight: Int32Array, n: number, cap: number): number {
  let lo = 0;
  let hi = n;
  let need = cap;
  while (hi > lo) {
    const pivot = value[lo + ((hi - lo) >> 1)];
    // Three-way partition of [lo, hi): above the pivot, equal to it, below it.
    let gt = lo;
    let i = lo;
    let lt = hi;
    let above = 0;
    let equal = 0;
    while (i < lt) {
      const v = value[i];
      if (v > pivot) {
        above += weight[i];
        swap(value, weight, i++, gt++);
      } else if (v < pivot) {
        swap(value, weight, i, --lt);
      } else {
        equal += weight[i];
        i++;
      }
    }
    if (above > need) hi = gt;
    else if (above + equal > need) return pivot;
    else {
      need -= above + equal;
      lo = lt;
    }
  }
  return 0;
}

function swap(value: Float64Array, weight: Int32Array, i: number, j: number): void {
  const v = value[i];
  value[i] = value[j];
  value[j] = v;
  const w = weight[i];
  weight[i] = weight[j];
  weight[j] = w;
}

/** Rearranges buf[0..n) so that buf[k] is the k-th smallest, smaller before, larger after; returns it. */
function selectKth(buf: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = buf[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buf[i] < pivot) i++;
      while (buf[j] > pivot) j--;
      if (i <= j) {
        const x = buf[i];
        buf[i] = buf[j];
        buf[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return buf[k];
}
