import { compileOutcomeModel } from '@kansrijk/outcome';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { JobInputError, type JobTask } from '../jobs/worker/task';
import type { PlacementJobInput } from './placement-jobs.service';
import { computePlan, type PlanRequest } from './placement.service';

/** A large cohort plan, in a worker thread: the same computation as a synchronous planPlacement. */
export const runPlacementTask: JobTask = async (input, deps, progress) => {
  const req = input.request as PlanRequest;
  progress(0, 'reading the open vacancies');
  await deps.index.refresh((p, phase) => progress(0.1 * p, phase), Date.now());
  try {
    const file = (input as unknown as PlacementJobInput).outcomeModel;
    const outcome = file ? compileOutcomeModel(file) : null;
    const { plan } = await computePlan(req, { ...deps, outcome }, (p, phase) => progress(0.1 + 0.9 * p, phase));
    return plan as unknown as Record<string, unknown>;
  } catch (err) {
    if (err instanceof BadUserInputError) throw new JobInputError(err.message);
    throw err;
  }
};
