/**
 * Follows the messages the backend sends (in chunks of any size) just far enough to know
 * whether the last one was ReadyForQuery and with which transaction status: 'I' idle,
 * 'T' in a transaction block, 'E' in a failed one. Only at ReadyForQuery 'I' has a client
 * nothing left in the backend's single session (no unnamed statement or portal, no open
 * transaction, no COPY under way), so only then may another client's work run there.
 */
export class BackendTracker {
  /** Bytes still to skip of the message being passed. */
  private skip = 0;
  /** Header bytes of the next message gathered so far (a header can span chunks). */
  private header = Buffer.alloc(5);
  private headerLen = 0;
  private lastType = 0;
  private readyStatus = 0;
  /** Set when the body of a ReadyForQuery message is due next: its one byte is the status. */
  private statusDue = false;

  feed(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.statusDue) {
        this.readyStatus = chunk[at];
        this.statusDue = false;
        at += 1;
        this.skip -= 1;
        continue;
      }
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      const n = Math.min(5 - this.headerLen, chunk.length - at);
      for (let i = 0; i < n; i++) this.header[this.headerLen + i] = chunk[at + i];
      this.headerLen += n;
      at += n;
      if (this.headerLen < 5) break;
      this.headerLen = 0;
      this.lastType = this.header[0];
      this.skip = this.header.readInt32BE(1) - 4;
      this.readyStatus = 0;
      if (this.lastType === 0x5a /* 'Z' */ && this.skip === 1) this.statusDue = true;
    }
  }

  /** Whether everything fed so far ends with ReadyForQuery 'I' (idle, outside a transaction). */
  get idle(): boolean {
    return this.lastType === 0x5a && this.skip === 0 && this.headerLen === 0 && !this.statusDue && this.readyStatus === 0x49; /* 'I' */
  }

  /** The status of the last ReadyForQuery when it was the last message, else null. */
  get status(): 'I' | 'T' | 'E' | null {
    if (this.lastType !== 0x5a || this.skip !== 0 || this.statusDue || this.headerLen !== 0) return null;
    return this.readyStatus === 0x49 ? 'I' : this.readyStatus === 0x54 ? 'T' : this.readyStatus === 0x45 ? 'E' : null;
  }
}
