import { PlacementInputError } from './placement-input-error';
import type { PlacementProblem, PlacementWeighting } from './types';

/** Days of waiting that double a person's weight under the `waiting` weighting, unless the problem says otherwise. */
export const DEFAULT_WAITING_DOUBLING_DAYS = 365;

/**
 * The problem in canonical, index-based form. Households are numbered in household-id order
 * and municipalities in code order, and each household's pairs are sorted by municipality, so
 * that "lowest index wins" breaks ties by household id, then municipality code, and the plan
 * does not depend on the order of the input arrays.
 */
export interface Instance {
  /** Counts: households, municipalities, regions, pairs. */
  H: number;
  M: number;
  R: number;
  P: number;
  hhId: string[];
  persons: Int32Array;
  /** Household indices in arrival order (ties: id). */
  arrivalOrder: Int32Array;
  munCode: string[];
  cap: Int32Array;
  region: Int32Array;
  regionCode: string[];
  /** Population share of each region over all municipalities. */
  regionShare: Float64Array;
  /** Pairs of household h are `start[h] .. start[h+1]-1`, sorted by municipality. */
  start: Int32Array;
  pm: Int32Array;
  /**
   * The value of each pair in the objective: its link score times its household's weight (see
   * PlacementWeighting). Every method (greedy, auction, rounding, local search, balance repair,
   * MIP) reads only this, so all of them optimise the same weighted objective.
   */
  pv: Float64Array;
  /** The link score of each pair, unweighted (what a plan reports per assignment). */
  ps: Float64Array;
  /** Per household, the weight of its score (1 under `household`). */
  weight: Float64Array;
  weighting: PlacementWeighting;
  /** Per household, 1 when it has a hard tie (R12), for the shortage report. */
  hardTies: Uint8Array;
  /** For each pair, its index in the problem's `pairs` arrays. */
  orig: Int32Array;
  /** For each household, its index in the problem's `households`. */
  hhOrig: Int32Array;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Validates the problem and builds its canonical form. Throws PlacementInputError naming the bad field. */
export function buildInstance(problem: PlacementProblem): Instance {
  const { households, municipalities, pairs } = problem;
  const H = households.length;
  const M = municipalities.length;

  const hOrder = households.map((_, i) => i).sort((a, b) => byString(households[a].id, households[b].id));
  const hCanon = new Int32Array(H);
  const hhId: string[] = new Array(H);
  const persons = new Int32Array(H);
  const weighting = problem.weighting ?? 'household';
  if (weighting !== 'household' && weighting !== 'person' && weighting !== 'waiting') {
    throw new PlacementInputError(`weighting must be 'household', 'person' or 'waiting' (got ${String(weighting)})`);
  }
  const doubling = problem.waitingDoublingDays ?? DEFAULT_WAITING_DOUBLING_DAYS;
  if (!(doubling > 0) || !Number.isFinite(doubling)) throw new PlacementInputError(`waitingDoublingDays must be a finite number > 0 (got ${doubling})`);
  const weight = new Float64Array(H);
  const hardTies = new Uint8Array(H);
  hOrder.forEach((orig, c) => {
    const h = households[orig];
    if (c > 0 && hhId[c - 1] === h.id) throw new PlacementInputError(`households: duplicate id '${h.id}'`);
    if (!Number.isInteger(h.persons) || h.persons < 1) {
      throw new PlacementInputError(`households[${orig}].persons must be a whole number >= 1 (got ${h.persons})`);
    }
    if (!Number.isFinite(h.arrival)) throw new PlacementInputError(`households[${orig}].arrival must be a finite number`);
    const waited = h.waitingDays ?? 0;
    if (!Number.isFinite(waited) || waited < 0) throw new PlacementInputError(`households[${orig}].waitingDays must be a finite number >= 0 (got ${waited})`);
    hCanon[orig] = c;
    hhId[c] = h.id;
    persons[c] = h.persons;
    weight[c] = householdWeight(weighting, h.persons, waited, doubling);
    hardTies[c] = h.hardTies ? 1 : 0;
  });
  const arrivalOrder = Int32Array.from(
    Array.from({ length: H }, (_, c) => c).sort((a, b) => households[hOrder[a]].arrival - households[hOrder[b]].arrival || a - b),
  );

  const mOrder = municipalities.map((_, i) => i).sort((a, b) => byString(municipalities[a].code, municipalities[b].code));
  const mCanon = new Int32Array(M);
  const munCode: string[] = new Array(M);
  const cap = new Int32Array(M);
  const regionOfMun: string[] = new Array(M);
  mOrder.forEach((orig, c) => {
    const m = municipalities[orig];
    if (c > 0 && munCode[c - 1] === m.code) throw new PlacementInputError(`municipalities: duplicate code '${m.code}'`);
    if (!Number.isInteger(m.capacity) || m.capacity < 0) {
      throw new PlacementInputError(`municipalities[${orig}].capacity must be a whole number >= 0 (got ${m.capacity})`);
    }
    if (!Number.isFinite(m.population) || m.population < 0) {
      throw new PlacementInputError(`municipalities[${orig}].population must be a number >= 0`);
    }
    mCanon[orig] = c;
    munCode[c] = m.code;
    cap[c] = m.capacity;
    regionOfMun[c] = m.regionCode;
  });
  const regionCode = [...new Set(regionOfMun)].sort(byString);
  const rIndex = new Map(regionCode.map((r, i) => [r, i]));
  const region = Int32Array.from(regionOfMun, (r) => rIndex.get(r) as number);
  const regionShare = new Float64Array(regionCode.length);
  let pop = 0;
  for (let c = 0; c < M; c++) {
    const p = municipalities[mOrder[c]].population;
    regionShare[region[c]] += p;
    pop += p;
  }
  for (let r = 0; r < regionCode.length; r++) regionShare[r] = pop > 0 ? regionShare[r] / pop : 0;

  const n = pairs.hh.length;
  if (pairs.mun.length !== n || pairs.score.length !== n) {
    throw new PlacementInputError('pairs: hh, mun and score must have the same length');
  }
  // Two stable counting sorts: by municipality, then by household => sorted by (household, municipality).
  const pmRaw = new Int32Array(n);
  const phRaw = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const h = pairs.hh[k];
    const m = pairs.mun[k];
    const s = pairs.score[k];
    if (!(h >= 0 && h < H)) throw new PlacementInputError(`pairs.hh[${k}] = ${h} is not a household index`);
    if (!(m >= 0 && m < M)) throw new PlacementInputError(`pairs.mun[${k}] = ${m} is not a municipality index`);
    if (!(s >= 0 && s <= 1)) throw new PlacementInputError(`pairs.score[${k}] = ${s} is not in [0, 1]`);
    phRaw[k] = hCanon[h];
    pmRaw[k] = mCanon[m];
  }
  const byMun = countingOrder(pmRaw, M, null);
  const order = countingOrder(phRaw, H, byMun);
  const start = new Int32Array(H + 1);
  for (let k = 0; k < n; k++) start[phRaw[k] + 1]++;
  for (let h = 0; h < H; h++) start[h + 1] += start[h];
  const pm = new Int32Array(n);
  const pv = new Float64Array(n);
  const ps = new Float64Array(n);
  for (let i = 0; i < n; i++) pm[i] = pmRaw[order[i]];
  for (let h = 0; h < H; h++) readHouseholdScores({ start, orig: order, ps, pv, weight }, pairs.score, h);
  for (let h = 0; h < H; h++) {
    for (let i = start[h] + 1; i < start[h + 1]; i++) {
      if (pm[i] === pm[i - 1]) {
        throw new PlacementInputError(`pairs: household '${hhId[h]}' is paired twice with municipality '${munCode[pm[i]]}'`);
      }
    }
  }
  return {
    H,
    M,
    R: regionCode.length,
    P: n,
    hhId,
    persons,
    arrivalOrder,
    munCode,
    cap,
    region,
    regionCode,
    regionShare,
    start,
    pm,
    pv,
    ps,
    weight,
    weighting,
    hardTies,
    orig: order,
    hhOrig: Int32Array.from(hOrder),
  };
}

/**
 * Reads household h's pair scores (`scores`, in the problem's pair order) into the instance: each
 * pair's link score and its value in the objective. How an instance is built, and how a lazy
 * solve reads a household's scores again once they are refined.
 */
export function readHouseholdScores(inst: Pick<Instance, 'start' | 'orig' | 'ps' | 'pv' | 'weight'>, scores: ArrayLike<number>, h: number): void {
  for (let i = inst.start[h]; i < inst.start[h + 1]; i++) {
    const score = scores[inst.orig[i]];
    inst.ps[i] = score;
    inst.pv[i] = score * inst.weight[h];
  }
}

/** The weight of a household's link score in the objective (see PlacementWeighting). */
export function householdWeight(weighting: PlacementWeighting, persons: number, waitingDays = 0, doublingDays = DEFAULT_WAITING_DOUBLING_DAYS): number {
  if (weighting === 'household') return 1;
  if (weighting === 'person') return persons;
  return persons * (1 + waitingDays / doublingDays);
}

/** Stable counting sort of positions by `key` (0..size-1), applied after `prior` (an order) when given. */
function countingOrder(key: Int32Array, size: number, prior: Int32Array | null): Int32Array {
  const n = key.length;
  const count = new Int32Array(size + 1);
  for (let k = 0; k < n; k++) count[key[k] + 1]++;
  for (let i = 0; i < size; i++) count[i + 1] += count[i];
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = prior === null ? i : prior[i];
    out[count[key[k]]++] = k;
  }
  return out;
}

/** Index of municipality `m` among household `h`'s pairs, or -1 (binary search: pairs are sorted by municipality). */
export function pairOf(inst: Instance, h: number, m: number): number {
  let lo = inst.start[h];
  let hi = inst.start[h + 1] - 1;
  const pm = inst.pm;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = pm[mid];
    if (v === m) return mid;
    if (v < m) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
