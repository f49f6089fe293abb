import { buildInstance, type Instance } from './instance';
import type { GreedySummary, PlacementProblem } from './types';
import { PlanState, problemPairs } from './plan-state';

/**
 * Today's practice, the baseline every plan is compared with: one household at a time in
 * arrival order, each to its best-scoring allowed municipality that still has room for the
 * whole household (R11, R16); ties go to the lower municipality code. It ignores the balance
 * constraint.
 */
export function greedyPlan(inst: Instance): PlanState {
  const state = new PlanState(inst);
  for (let i = 0; i < inst.H; i++) {
    const h = inst.arrivalOrder[i];
    const best = state.bestPairWithRoom(h);
    if (best >= 0) state.place(h, best);
  }
  return state;
}

/**
 * Today's practice on a problem, as pairs: per household of the problem (its index there), the
 * index in `pairs` of the pair the greedy baseline gives it, -1 when none has room.
 */
export function greedyChoices(problem: PlacementProblem): Int32Array {
  return greedyBaseline(problem).pairOf;
}

/** The greedy baseline of a problem as a plan reports it: its pairs (as `greedyChoices`) and its summary. */
export function greedyBaseline(problem: PlacementProblem): { pairOf: Int32Array; summary: GreedySummary } {
  const inst = buildInstance(problem);
  const state = greedyPlan(inst);
  return { pairOf: problemPairs(inst, state), summary: greedySummary(state) };
}

/** What a plan reports of its greedy baseline. */
export function greedySummary(state: PlanState): GreedySummary {
  return { objective: state.exactObjective(), placed: state.placed, personsPlaced: state.placedPersons, households: state.inst.H };
}
