import type { Highs } from 'highs';

/** A household to place (R16: placed whole or not at all). */
export interface PlacementHousehold {
  id: string;
  /** Persons in the household; capacity is counted in persons (R11). */
  persons: number;
  /** Arrival order; only the greedy baseline uses it (ties: household id). */
  arrival: number;
}

/** A municipality with its remaining housing task for the period (R11). */
export interface PlacementMunicipality {
  code: string;
  /** Remaining housing task in persons (R11), a whole number >= 0. */
  capacity: number;
  /** Labour-market region (one of the 35), used by the balance constraint (R14). */
  regionCode: string;
  /** Inhabitants; the region's population share is the balance target. */
  population: number;
}

/**
 * The allowed (household, municipality) pairs, columnar: entry `k` says household
 * `households[hh[k]]` may go to `municipalities[mun[k]]` with link score `score[k]` in [0, 1].
 * A pair that breaks a hard tie (R12) or is otherwise ineligible is simply absent, so no plan
 * can ever use it. Build it with `PlacementPairsBuilder` or `pairsFromObjects`.
 */
export interface PlacementPairs {
  readonly hh: Int32Array;
  readonly mun: Int32Array;
  readonly score: Float64Array;
}

/**
 * Optional spread over labour-market regions (R14): every region's share of the placed
 * persons must lie within `populationShare ± tolerance` (mode `absolute`, the default:
 * tolerance in share points, 0.02 = ±2 percentage points) or within
 * `populationShare × (1 ± tolerance)` (mode `relative`). Shares are taken over the persons
 * actually placed, so the empty plan always satisfies it; population shares are taken over all
 * municipalities of the problem.
 */
export interface BalanceConstraint {
  tolerance: number;
  mode?: 'absolute' | 'relative';
}

/** One cohort-placement instance. */
export interface PlacementProblem {
  households: readonly PlacementHousehold[];
  municipalities: readonly PlacementMunicipality[];
  pairs: PlacementPairs;
  balance?: BalanceConstraint;
}

export type PlacementMethod = 'auto' | 'exact' | 'lagrangian' | 'greedy';

export interface PlacementOptions {
  /**
   * `exact`: mixed-integer programme through HiGHS (proves optimality on small and medium
   * instances); `lagrangian`: capacity prices from an auction on the LP relaxation, then
   * whole-household repair and local search (large instances); `greedy`: today's practice,
   * for comparison; `auto` (default): exact when the instance has at most `exactMaxPairs`
   * pairs (the MIP then gets at most 10 s, starting from the Lagrangian plan), else lagrangian.
   */
  method?: PlacementMethod;
  /** Wall-clock budget for the whole solve; default 60 s. Only a safety cap: a plan cut by it is flagged in `notes` and need not be reproducible. */
  timeLimitMs?: number;
  /** Millisecond clock used for `runtimeMs` and the time limit; default `performance.now`. */
  clock?: () => number;
  /** A loaded HiGHS runtime; loaded once on demand when omitted. */
  highs?: Highs;
  /** Largest number of pairs for which `auto` picks the exact method; default 20,000. */
  exactMaxPairs?: number;
}

/** Why a household is not in the plan. */
export type UnplacedReason =
  /** No allowed municipality at all: every municipality breaks a hard tie (R12) or is otherwise ineligible. */
  | 'noAllowedMunicipality'
  /** No allowed municipality has room left for the whole household (R11, R16). */
  | 'capacity'
  /** An allowed municipality has room, but placing the household there would break the balance constraint. */
  | 'balance';

export interface PlacementAssignment {
  householdId: string;
  municipalityCode: string;
  persons: number;
  score: number;
}

export interface UnplacedHousehold {
  householdId: string;
  persons: number;
  reason: UnplacedReason;
}

export interface MunicipalityUse {
  code: string;
  capacity: number;
  /** Persons placed here; never above `capacity`. */
  used: number;
  households: number;
}

export interface RegionBalance {
  regionCode: string;
  populationShare: number;
  /** Allowed share of placed persons: [lower, upper]. */
  lower: number;
  upper: number;
  persons: number;
  share: number;
}

export interface BalanceReport {
  tolerance: number;
  mode: 'absolute' | 'relative';
  /** True when every region's share of the placed persons is within its bounds (the empty plan counts). */
  satisfied: boolean;
  /**
   * Regions whose lower bound is above zero but which no household can reach (no capacity or no
   * allowed pair): with them the only balanced plan is the empty one, so the constraint cannot be
   * met with anyone placed.
   */
  unreachableRegions: string[];
  regions: RegionBalance[];
}

/** Summary of the greedy baseline (arrival order, best municipality with room). It ignores the balance constraint, as today's practice does. */
export interface GreedySummary {
  objective: number;
  /** Households placed. */
  placed: number;
  personsPlaced: number;
  /** Households in the problem. */
  households: number;
}

export interface PlacementPlan {
  method: Exclude<PlacementMethod, 'auto'>;
  /** The exact method proved this plan optimal. */
  optimal: boolean;
  /** Sorted by household id. */
  assignments: PlacementAssignment[];
  /** Sorted by household id. */
  unplaced: UnplacedHousehold[];
  /**
   * Sum of the link scores of the chosen pairs: one term per placed household, not weighted by
   * persons (the link score already counts every adult, R16). Scores are >= 0, so leaving a
   * household out always costs its score; capacity is in persons, so a large household must be
   * worth its room.
   */
  objective: number;
  /** A valid upper bound on the optimum: the LP-relaxation value, or a Lagrangian dual value (never below it). */
  upperBound: number;
  /** (upperBound - objective) / upperBound; 0 when the bound is 0. */
  gap: number;
  greedy: GreedySummary;
  placed: number;
  personsPlaced: number;
  households: number;
  /** Per municipality, sorted by code. */
  municipalities: MunicipalityUse[];
  balance?: BalanceReport;
  runtimeMs: number;
  /** Plain-language remarks: time limit reached, fallbacks taken. */
  notes: string[];
  /** Per household of the problem (its index there), the index in `pairs` of its pair in this plan, -1 when unplaced. */
  pairOf: Int32Array;
  /** The same for the greedy baseline. */
  greedyPairOf: Int32Array;
  /**
   * The capacity prices of the bound, per person, aligned with `municipalities` (by code): what a
   * place there is worth to the rest of the cohort (Infinity where there is no capacity); null for
   * the greedy method, which prices nothing.
   */
  capacityPrices: Float64Array | null;
}
