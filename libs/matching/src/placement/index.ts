export * from './types';
export { PlacementPairsBuilder, pairsFromObjects } from './pairs';
export { PlacementInputError } from './placement-input-error';
export { solvePlacement } from './solve-placement';
export { solveLazily, solveLazilyTogether, type SolvePlacement } from './lazy-solve';
export { greedyChoices } from './greedy';
export { householdWeight, DEFAULT_WAITING_DOUBLING_DAYS } from './instance';
export { waitingDays } from './waiting';
export { describeShortage, type ShortageWording } from './shortage';
