import loadHighs, { type Highs } from 'highs';
import type { BalanceRule } from './balance';
import { dualBound } from './dual-bound';
import type { Instance } from './instance';
import { PlanState } from './plan-state';

let highsOnce: Promise<Highs> | null = null;

/** Loads the HiGHS WebAssembly runtime once per process (compiling it takes ~0.1 s). */
export function loadHighsOnce(): Promise<Highs> {
  highsOnce ??= loadHighs();
  return highsOnce;
}

export interface ExactResult {
  /** The best whole-household plan HiGHS found (null if none). */
  state: PlanState | null;
  /** HiGHS proved it optimal (relative gap 0). */
  optimal: boolean;
  /** A valid upper bound from the LP relaxation's duals (the Lagrangian value at those prices). */
  lpBound: number;
  /** HiGHS model status in words, for notes. */
  status: string;
}

const STATUS: Record<number, string> = {
  7: 'optimal',
  8: 'infeasible',
  11: 'objective bound reached',
  13: 'time limit reached',
  14: 'iteration limit reached',
  17: 'interrupted',
};

/**
 * The placement model as a mixed-integer programme, solved by HiGHS:
 *
 *   max  sum_k score_k x_k
 *   s.t. sum_{k of h} x_k <= 1                       each household at most once, whole (R16)
 *        sum_{k at m} persons_h(k) x_k <= capacity_m  remaining housing task (R11)
 *        P_r - hi_r P <= 0,  lo_r P - P_r <= 0        balance, when asked (R14)
 *        x_k in {0, 1}, one variable per allowed pair (absent pairs break a hard tie, R12)
 *
 * Built from sparse column arrays, not LP text: the stack notes measured the text interface ~5x
 * slower. Min-cost flow would be exact only when every household has one person and there is no
 * balance, so one MIP path serves all cases. The LP relaxation is solved first: its duals give
 * the upper bound (evaluated as the Lagrangian dual in plain JS, so it is a certified bound even
 * if HiGHS's duals are slightly off), and `start` seeds the MIP so a time-limited run still
 * returns at least that plan.
 */
export function solveExact(
  inst: Instance,
  rule: BalanceRule | null,
  highs: Highs,
  options: { timeLimitSec: number; start: PlanState },
): ExactResult {
  const { H, M, R, P, start, pm, pv, persons, cap } = inst;
  if (P === 0) return { state: new PlanState(inst), optimal: true, lpBound: 0, status: 'optimal' };
  // Rows: households (only those with 2+ pairs; one pair needs only x <= 1), municipalities,
  // and with balance: per region r a definition row sum_{k in r} persons x_k - y_r = 0 for an
  // auxiliary column y_r (persons placed in r), and the share rows on the y's only, skipping
  // bounds that cannot bind (lo = 0, hi = 1). Written directly on x, every share row would hold
  // every pair (36M nonzeros at 2,000 households, beyond WebAssembly memory); this way each pair
  // column has at most 3 entries.
  const hRow = new Int32Array(H).fill(-1);
  let rows = 0;
  for (let h = 0; h < H; h++) if (start[h + 1] - start[h] >= 2) hRow[h] = rows++;
  const mRow = new Int32Array(M).fill(-1);
  const mHasPair = new Uint8Array(M);
  for (let k = 0; k < P; k++) mHasPair[pm[k]] = 1;
  for (let m = 0; m < M; m++) if (mHasPair[m]) mRow[m] = rows++;
  const defRow = new Int32Array(R).fill(-1);
  const upRow = new Int32Array(R).fill(-1);
  const loRow = new Int32Array(R).fill(-1);
  if (rule !== null) {
    for (let r = 0; r < R; r++) defRow[r] = rows++;
    for (let r = 0; r < R; r++) if (rule.hi[r] < 1) upRow[r] = rows++;
    for (let r = 0; r < R; r++) if (rule.lo[r] > 0) loRow[r] = rows++;
  }
  const aux = rule === null ? 0 : R;
  const cols = P + aux;
  const starts = new Int32Array(cols + 1);
  const indices = new Int32Array(P * 3 + aux * (1 + 2 * R));
  const values = new Float64Array(indices.length);
  let nz = 0;
  for (let h = 0; h < H; h++) {
    const p = persons[h];
    for (let k = start[h]; k < start[h + 1]; k++) {
      starts[k] = nz;
      const m = pm[k];
      if (hRow[h] >= 0) {
        indices[nz] = hRow[h];
        values[nz++] = 1;
      }
      indices[nz] = mRow[m];
      values[nz++] = p;
      if (rule !== null) {
        indices[nz] = defRow[inst.region[m]];
        values[nz++] = p;
      }
    }
  }
  if (rule !== null) {
    for (let q = 0; q < R; q++) {
      starts[P + q] = nz;
      indices[nz] = defRow[q];
      values[nz++] = -1;
      for (let r = 0; r < R; r++) {
        const up = (r === q ? 1 : 0) - rule.hi[r]; // y_r - hi_r sum y <= 0
        if (upRow[r] >= 0 && up !== 0) {
          indices[nz] = upRow[r];
          values[nz++] = up;
        }
      }
      for (let r = 0; r < R; r++) {
        const lo = rule.lo[r] - (r === q ? 1 : 0); // lo_r sum y - y_r <= 0
        if (loRow[r] >= 0 && lo !== 0) {
          indices[nz] = loRow[r];
          values[nz++] = lo;
        }
      }
    }
  }
  starts[cols] = nz;
  const rowLower = new Float64Array(rows).fill(-highs.infinity);
  const rowUpper = new Float64Array(rows); // share rows: <= 0
  for (let h = 0; h < H; h++) if (hRow[h] >= 0) rowUpper[hRow[h]] = 1;
  for (let m = 0; m < M; m++) if (mRow[m] >= 0) rowUpper[mRow[m]] = cap[m];
  for (let r = 0; r < R; r++) if (defRow[r] >= 0) rowLower[defRow[r]] = 0; // definition rows: = 0

  const colCost = new Float64Array(cols);
  colCost.set(pv);
  const colUpper = new Float64Array(cols).fill(1);
  colUpper.fill(highs.infinity, P);
  const model = highs.createModel({
    numCols: cols,
    numRows: rows,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(cols),
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: rows, numCols: cols, starts, indices: indices.subarray(0, nz), values: values.subarray(0, nz) },
  });
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.01, options.timeLimitSec) });
    // 1. LP relaxation: its duals are the capacity and balance prices of the bound.
    model.run();
    const lp = model.getSolution();
    const lambda = new Float64Array(M);
    for (let m = 0; m < M; m++) if (mRow[m] >= 0) lambda[m] = Math.max(0, lp.rowDual[mRow[m]]);
    let rho: Float64Array | null = null;
    if (rule !== null) {
      const muPlus = new Float64Array(R);
      const muMinus = new Float64Array(R);
      for (let r = 0; r < R; r++) {
        if (upRow[r] >= 0) muPlus[r] = Math.max(0, lp.rowDual[upRow[r]]);
        if (loRow[r] >= 0) muMinus[r] = Math.max(0, lp.rowDual[loRow[r]]);
      }
      rho = rule.regionPrices(muPlus, muMinus);
    }
    const lpBound = dualBound(inst, lambda, rho);

    // 2. The MIP, from the given start.
    model.changeColsIntegrality({ kind: 'range', from: 0, to: P - 1 }, new Int32Array(P).fill(highs.constants.variableType.integer));
    model.options.set({ mip_rel_gap: 0, mip_abs_gap: 1e-9 });
    const seed = (): void => {
      const idx: number[] = [];
      for (let h = 0; h < H; h++) if (options.start.pair[h] >= 0) idx.push(options.start.pair[h]);
      idx.sort((a, b) => a - b);
      const val = idx.map(() => 1);
      for (let q = 0; q < aux; q++) {
        idx.push(P + q);
        val.push(options.start.regionPersons[q]);
      }
      model.setSolution({ indices: idx, values: val });
    };
    seed();
    let run = model.run();
    if (run.modelStatus === 8) {
      // Placing nobody is always feasible, so "infeasible" is a presolve slip (seen with a
      // balance tolerance of exactly 0): solve again without presolve.
      model.options.set({ presolve: 'off' });
      seed();
      run = model.run();
    }
    const status = STATUS[run.modelStatus] ?? `status ${run.modelStatus}`;
    const hasPrimal = model.info.get('primal_solution_status') === 2;
    if (!hasPrimal) return { state: null, optimal: false, lpBound, status };
    const x = model.getSolution().colValue;
    const state = new PlanState(inst);
    try {
      for (let h = 0; h < H; h++) {
        for (let k = start[h]; k < start[h + 1]; k++) {
          if (x[k] > 0.5) {
            // place() re-checks capacity and wholeness: HiGHS's plan is never trusted blindly.
            state.place(h, k);
            break;
          }
        }
      }
    } catch {
      return { state: null, optimal: false, lpBound, status: 'plan from HiGHS broke a capacity (round-off)' };
    }
    return { state, optimal: run.modelStatus === 7, lpBound, status };
  } finally {
    model.dispose();
  }
}
