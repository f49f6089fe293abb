/**
 * Messages between the API workers of one host and their primary (API_WORKERS > 1), so that a
 * change made through one worker is applied in every other worker before the mutation
 * answers: the same "gone from the very next list" guarantee a single process gives, whichever
 * worker the next request lands on.
 */
export type FeedSyncMessage =
  /** worker → primary: listening, and its change feed is running. */
  | { kansrijk: 'ready' }
  /** worker → primary: I committed and applied a change; have the others catch up. */
  | { kansrijk: 'feed-sync'; n: number }
  /** primary → worker: read the change feed now (a poll that starts after this message). */
  | { kansrijk: 'feed-poll'; ref: number }
  /** worker → primary: done, every change committed before the poll is applied. */
  | { kansrijk: 'feed-polled'; ref: number }
  /** primary → worker: every other worker has caught up (or did not answer in time). */
  | { kansrijk: 'feed-synced'; n: number };

export function isFeedSyncMessage(m: unknown): m is FeedSyncMessage {
  return typeof m === 'object' && m !== null && typeof (m as { kansrijk?: unknown }).kansrijk === 'string';
}

interface PendingSync {
  origin: number;
  n: number;
  waiting: Set<number>;
  timer?: NodeJS.Timeout;
}

/**
 * The primary's side: relays a worker's `feed-sync` to every other ready worker and answers it
 * once all of them have polled. A worker that exits stops being waited for; one that does not
 * answer within `timeoutMs` is reported and the sync answered anyway, so a stuck worker
 * delays mutations but never blocks them.
 */
export class FeedSyncRelay {
  private readonly ready = new Set<number>();
  private readonly pending = new Map<number, PendingSync>();
  private nextRef = 1;

  constructor(
    private readonly send: (workerId: number, message: FeedSyncMessage) => void,
    private readonly opts: { timeoutMs: number; onTimeout?: (workerIds: number[]) => void } = { timeoutMs: 5000 },
  ) {}

  /** A message from worker `from`. */
  message(from: number, m: FeedSyncMessage): void {
    if (m.kansrijk === 'ready') {
      this.ready.add(from);
    } else if (m.kansrijk === 'feed-sync') {
      const ref = this.nextRef++;
      const p: PendingSync = { origin: from, n: m.n, waiting: new Set([...this.ready].filter((id) => id !== from)) };
      this.pending.set(ref, p);
      if (p.waiting.size > 0) {
        p.timer = setTimeout(() => this.finish(ref, true), this.opts.timeoutMs);
        p.timer.unref();
        for (const id of p.waiting) this.send(id, { kansrijk: 'feed-poll', ref });
      }
      this.check(ref);
    } else if (m.kansrijk === 'feed-polled') {
      this.pending.get(m.ref)?.waiting.delete(from);
      this.check(m.ref);
    }
  }

  /** Worker `workerId` exited: nobody waits for it, and its own syncs are dropped. */
  gone(workerId: number): void {
    this.ready.delete(workerId);
    for (const [ref, p] of this.pending) {
      if (p.origin === workerId) {
        clearTimeout(p.timer);
        this.pending.delete(ref);
      } else if (p.waiting.delete(workerId)) {
        this.check(ref);
      }
    }
  }

  private check(ref: number): void {
    const p = this.pending.get(ref);
    if (p && p.waiting.size === 0) this.finish(ref, false);
  }

  private finish(ref: number, timedOut: boolean): void {
    const p = this.pending.get(ref);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(ref);
    if (timedOut) this.opts.onTimeout?.([...p.waiting]);
    this.send(p.origin, { kansrijk: 'feed-synced', n: p.n });
  }
}

/**
 * A worker's side: `sync()` asks the primary to have every other worker catch up with the
 * change feed and resolves when they have; a `feed-poll` from the primary runs `poll` (a poll
 * that starts after the message) and answers. `sync` gives up waiting after `timeoutMs`
 * should the primary never answer.
 */
export class SiblingSync {
  private n = 0;
  private readonly waiting = new Map<number, () => void>();

  constructor(
    private readonly send: (message: FeedSyncMessage) => void,
    private readonly poll: () => Promise<void>,
    private readonly timeoutMs = 10_000,
  ) {}

  sync(): Promise<void> {
    const n = ++this.n;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(n);
        resolve();
      }, this.timeoutMs);
      timer.unref();
      this.waiting.set(n, () => {
        clearTimeout(timer);
        resolve();
      });
      this.send({ kansrijk: 'feed-sync', n });
    });
  }

  async message(m: FeedSyncMessage): Promise<void> {
    if (m.kansrijk === 'feed-synced') {
      this.waiting.get(m.n)?.();
      this.waiting.delete(m.n);
    } else if (m.kansrijk === 'feed-poll') {
      await this.poll();
      this.send({ kansrijk: 'feed-polled', ref: m.ref });
    }
  }
}
