import { JobInputError, type JobTask } from './task';

/**
 * A job that only burns CPU in its worker thread for `spinMs` (reporting progress), or fails the
 * way a real job can: `fail: 'input'` (a caller's mistake), `'throw'` (an internal error),
 * `'exit'` (the thread dies). The queue's tests use it to prove the request thread stays free
 * and that every ending is handled; it has no GraphQL operation.
 */
export const runSelftestTask: JobTask = async (input, _deps, progress) => {
  const spinMs = Number(input.spinMs ?? 0);
  const started = performance.now();
  let spun = 0;
  while ((spun = performance.now() - started) < spinMs) {
    // Busy for 50 ms at a time: a CPU-bound step, as a solver's would be.
    const until = performance.now() + 50;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    progress(spun / spinMs, `spinning (${Math.round(spun)} of ${spinMs} ms, ${x > 0 ? 'busy' : 'idle'})`);
    await new Promise((r) => setImmediate(r));
  }
  if (input.fail === 'input') throw new JobInputError('input.spinMs: the test asked for a refusal');
  if (input.fail === 'throw') throw new Error('the test asked for an internal error');
  if (input.fail === 'exit') process.exit(3);
  return { spunMs: Math.round(spun) };
};
