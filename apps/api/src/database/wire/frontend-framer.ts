/**
 * Splits the bytes a PostgreSQL client sends into whole protocol messages (protocol 3.0):
 * first the untyped start-up packets (SSL and GSS encryption requests, a cancel request,
 * the start-up message), then typed messages (one byte of type, an int32 length that counts
 * itself, the body). Pure: no sockets, so it is tested on its own.
 */

/** Start-up packet codes (the int32 after the length). */
export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;

/** Typed frontend messages the wire server looks at. */
export const MSG = {
  query: 0x51, // 'Q'
  sync: 0x53, // 'S'
  flush: 0x48, // 'H'
  terminate: 0x58, // 'X'
  copyDone: 0x63, // 'c'
  copyFail: 0x66, // 'f'
} as const;

/** A client never needs a message this large; a larger length means a broken stream. */
const MAX_MESSAGE_BYTES = 1 << 30;

export type FrontendMessage =
  | { kind: 'ssl-request' }
  | { kind: 'gssenc-request' }
  | { kind: 'cancel-request' }
  | { kind: 'startup'; bytes: Buffer }
  | { kind: 'typed'; type: number; bytes: Buffer };

export class FrontendProtocolError extends Error {}

export class FrontendFramer {
  private buf: Buffer = Buffer.alloc(0);
  private started = false;

  /** Appends `chunk` and returns every message now complete, in order. */
  push(chunk: Buffer): FrontendMessage[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: FrontendMessage[] = [];
    let at = 0;
    for (;;) {
      if (!this.started) {
        if (this.buf.length - at < 8) break;
        const len = this.buf.readInt32BE(at);
        if (len < 8 || len > 10_000) throw new FrontendProtocolError(`invalid start-up packet length ${len}`);
        if (this.buf.length - at < len) break;
        const code = this.buf.readInt32BE(at + 4);
        const bytes = this.buf.subarray(at, at + len);
        at += len;
        if (code === SSL_REQUEST_CODE) out.push({ kind: 'ssl-request' });
        else if (code === GSSENC_REQUEST_CODE) out.push({ kind: 'gssenc-request' });
        else if (code === CANCEL_REQUEST_CODE) out.push({ kind: 'cancel-request' });
        else {
          this.started = true;
          out.push({ kind: 'startup', bytes: Buffer.from(bytes) });
        }
        continue;
      }
      if (this.buf.length - at < 5) break;
      const len = this.buf.readInt32BE(at + 1);
      if (len < 4 || len > MAX_MESSAGE_BYTES) throw new FrontendProtocolError(`invalid message length ${len}`);
      if (this.buf.length - at < len + 1) break;
      out.push({ kind: 'typed', type: this.buf[at], bytes: this.buf.subarray(at, at + len + 1) });
      at += len + 1;
    }
    // Messages keep views into the old buffer; the rest is copied so it does not pin it.
    this.buf = at === 0 ? this.buf : Buffer.from(this.buf.subarray(at));
    return out;
  }

  /** Bytes received that do not yet make a whole message. */
  get pendingBytes(): number {
    return this.buf.length;
  }
}

/**
 * Whether a typed message ends a unit of work that may be handed to the backend: a simple
 * query, or a point where the client waits for the backend's answers (Sync, Flush), or the
 * end of a COPY from the client. Parse, Bind, Describe, Execute and Close before it belong
 * to the same unit: an unnamed statement or portal lives only until the next Sync, so they
 * must reach the one shared backend together.
 */
export function endsUnit(type: number): boolean {
  return type === MSG.sync || type === MSG.query || type === MSG.flush || type === MSG.copyDone || type === MSG.copyFail;
}
