import { readlinkSync } from 'fs';
import { setPriority } from 'os';

/**
 * Lets the request thread go first: on Linux a thread has its own nice value, so a job's threads
 * (the worker and its helpers) yield the CPU to the API's event loop (and PostgreSQL) when
 * they need it. Elsewhere it does nothing.
 */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // not Linux, or not allowed: the thread runs at normal priority
  }
}
