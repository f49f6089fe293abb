import type { Highs } from 'highs';

/** A household to place (R16: placed whole or not at all). */
export interface PlacementHousehold {
  id: string;
  /** Persons in the household; capacity is counted in persons (R11). */
  persons: number;
  /** Arrival order; only the greedy baseline uses it (ties: household id). */
  arrival: number;
  /** Days since the household's residence permit; only the `waiting` weighting reads it (absent: 0). */
  waitingDays?: number;
  /** The household has at least one hard tie (R12); only the shortage report reads it. */
  hardTies?: boolean;
}

/**
 * How a shortage is shared: the weight of a placed household's link score in the objective.
 * - `household`: one term per household, whatever its size. Capacity is counted in persons
 *   (R11), so under a shortage six single persons are worth six times one household of six in
 *   the same room: large families are left out first.
 * - `person`: the score counts once per person (score x persons). A place is worth the same to
 *   whoever takes it, so no household size is preferred for its size; this is the policy's default.
 * - `waiting`: per person, and more the longer the household has waited since its permit:
 *   persons x (1 + waitingDays / waitingDoublingDays). Per person, so that waiting does not
 *   bring back the bias against large families.
 */
export type PlacementWeighting = 'household' | 'person' | 'waiting';

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
  /**
   * When the spread cannot be met with anyone placed although a plan without it would place
   * households (a cohort too small to spread over 35 regions: four households cannot hold 35
   * shares within 2 points): `strict` (default) returns the empty plan with the reason; `relax`
   * widens the tolerance to the smallest (to 0.5 point) at which the plan places as many
   * households as the plan without the spread, and reports the widening (BalanceReport.relaxed).
   */
  whenUnmeetable?: 'strict' | 'relax';
}

/** One cohort-placement instance. */
export interface PlacementProblem {
  households: readonly PlacementHousehold[];
  municipalities: readonly PlacementMunicipality[];
  pairs: PlacementPairs;
  balance?: BalanceConstraint;
  /** How a shortage is shared (see PlacementWeighting); default `household`. The policy's default is `person`. */
  weighting?: PlacementWeighting;
  /** The `waiting` weighting: days of waiting that double a person's weight; default 365. */
  waitingDoublingDays?: number;
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
  /**
   * No allowed municipality had room for the whole household even before anyone of the cohort was
   * placed (R11, R16): its remaining housing task is too small (0, or fewer places than persons).
   */
  | 'noRoomAnywhere'
  /** An allowed municipality had room for the whole household, but the plan gave it to others of the cohort (R11, R16): the household lost the competition for room. */
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
  /** The tolerance the plan keeps: the one asked for, or the widened one when `relaxed`. */
  tolerance: number;
  /** The tolerance asked for. */
  requestedTolerance: number;
  /** The spread could not be met with anyone placed, so the tolerance was widened (BalanceConstraint.whenUnmeetable `relax`). */
  relaxed: boolean;
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

/** Households of one size: how many, and how many the plan places. */
export interface SizeCount {
  persons: number;
  households: number;
  placed: number;
  unplaced: number;
  /** Of the unplaced, those for whom no allowed municipality ever had room (`noRoomAnywhere`). */
  noRoomAnywhere: number;
}

/**
 * Persons against places, before any plan: the whole cohort against every municipality's
 * remaining housing task (R11), and the households with a hard tie (R12) against the places
 * within their reach (the municipalities they may go to, which lie within the tie radius).
 */
export interface ShortageReport {
  households: number;
  persons: number;
  /** Remaining housing task summed over every municipality of the problem. */
  places: number;
  /** Persons that cannot be placed whatever the plan: max(0, persons - places). */
  shortfall: number;
  tieHolders: {
    households: number;
    persons: number;
    /** Places in the municipalities at least one tie holder may go to. */
    places: number;
    shortfall: number;
  };
  weighting: PlacementWeighting;
  /** The plan's outcome by household size, smallest first. */
  bySize: SizeCount[];
  placed: number;
  personsPlaced: number;
}

export interface PlacementPlan {
  method: Exclude<PlacementMethod, 'auto'>;
  /** How the objective weighs a placed household (the problem's `weighting`). */
  weighting: PlacementWeighting;
  /** Persons against places, and the unplaced by household size. */
  shortage: ShortageReport;
  /** The exact method proved this plan optimal. */
  optimal: boolean;
  /** Sorted by household id. */
  assignments: PlacementAssignment[];
  /** Sorted by household id. */
  unplaced: UnplacedHousehold[];
  /**
   * Sum over the placed households of link score x weight (see PlacementWeighting; `household`:
   * weight 1, `person`: persons). Scores are >= 0, so leaving a household out always costs its
   * weighted score. `upperBound`, `gap` and the greedy baseline's objective are in the same units.
   */
  objective: number;
  /** Sum of the link scores of the placed households, unweighted (one term per household). */
  linkScore: number;
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

/**
 * How far a lazy solve's `refine` goes beyond the pairs it is asked to make exact (see
 * solveLazily). `chain` (the default): every bounded pair of their households whose bound is
 * above the lowest exact score found, so that a household's chain of ever lower choices is closed
 * in one round. `pairs`: those pairs only (when no round follows, as when a plan is settled).
 * `best`: the pairs are one household's candidates (say those with room at its greedy turn) and
 * only as many are made exact as it takes to know the best of them: highest bound first, until
 * the highest exact score among those made exact, or `atLeast` (the best exact score the
 * household already has among its candidates), is at least the bound of every one left bounded.
 * At least one pair with the highest bound is made exact.
 */
export type RefineScope = { mode: 'chain' } | { mode: 'pairs' } | { mode: 'best'; atLeast: number };
