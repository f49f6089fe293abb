import type { MatchingIndex } from '@kansrijk/matching';
import type { JobMatchContext, Policy } from '@kansrijk/scoring';

/**
 * Where cohort tools get a matching index and a scoring context: the API's own index
 * (MatchingService) for requests, a worker thread's own for jobs (jobs/worker/worker-index.ts).
 */
export interface MatchingSource {
  matchingIndex(): Promise<MatchingIndex>;
  context(policy: Policy, onDate: string): Promise<JobMatchContext>;
}
