// Cohort placement (issue 6).
export * from './placement';
// Matching index and top-k retrieval (issue 5).
export * from './index/index';
// Cohort scoring: link scores of every allowed pair, exact where a plan can use them.
export * from './cohort';
// Linking as households arrive: prices of places, dynamic scores, forecasts, the simulator.
export * from './dynamic';
