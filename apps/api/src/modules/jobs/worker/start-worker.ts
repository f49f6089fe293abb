import { Worker } from 'worker_threads';

/**
 * A worker thread on one of this folder's entry points (`require.resolve`d by the caller): the job
 * runner's job workers and their helpers start theirs alike. Under ts-node-like registration
 * (npm start, tests) it loads TypeScript the same way.
 */
export function startWorker(file: string, workerData?: unknown): Worker {
  const execArgv = file.endsWith('.ts') ? ['-r', '@swc-node/register'] : [];
  return new Worker(file, { workerData, execArgv, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
}
