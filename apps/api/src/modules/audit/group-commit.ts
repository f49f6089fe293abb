interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: items added while a batch is being written, or within the same turn of the
 * event loop, are written together by one call of `write`, which returns one result per
 * item in order. Each `add` resolves only once its batch is written and rejects when its
 * batch fails: a failed batch fails every caller in it, and nobody gets a result for an
 * item that was not written. One batch is in flight at a time, so under load a batch holds
 * everything that arrived during the previous one.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 1000,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // While a batch is in flight, the loop in flush() takes this one next.
      if (!this.scheduled && !this.flushing) {
        this.scheduled = true;
        // setImmediate rather than a microtask: requests whose input arrived in the same
        // poll of the event loop all reach this point before it runs.
        setImmediate(() => {
          this.scheduled = false;
          this.flushing = this.flush();
        });
      }
    });
  }

  /** Resolves once nothing is waiting or in flight (e.g. at shutdown). */
  async settled(): Promise<void> {
    while (this.flushing || this.scheduled) await (this.flushing ?? new Promise((r) => setImmediate(r)));
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      let results: R[];
      try {
        results = await this.write(batch.map((w) => w.item));
        if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      } catch (err) {
        for (const w of batch) w.reject(err);
        continue;
      }
      batch.forEach((w, i) => w.resolve(results[i]));
    }
    this.flushing = null;
  }
}
