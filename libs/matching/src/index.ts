// Cohort placement (issue 6).
export * from './placement';
