import { createServer, Server, Socket } from 'net';
import type { PGlite } from '@electric-sql/pglite';
import { BackendTracker } from './backend-tracker';
import { endsUnit, FrontendFramer, FrontendMessage, MSG } from './frontend-framer';

/**
 * Serves one PGlite over the PostgreSQL wire protocol to many connections, as
 * `@electric-sql/pglite-socket` does, but without letting two connections' work mix in
 * PGlite's single backend session.
 *
 * Why our own: pglite-socket's queue hands PGlite one *message* at a time and keeps a
 * connection's messages together only while a transaction block is open. An
 * extended-protocol round (Parse, Bind, Describe, Execute, Sync) is not a transaction
 * block, so when a message arrives split over two reads, another connection's Parse can
 * replace the unnamed statement between this one's Parse and Bind: its parameters are then
 * bound into the other statement, which either fails ("bind message supplies 7 parameters,
 * but prepared statement "" requires 1") or silently answers with the other request's rows
 * (pglite issue 1046; the fix proposed in pull request 977 is not released). One failed
 * message also left its queue stuck for good.
 *
 * Here a connection's messages reach PGlite in units that end where the client waits for
 * answers (Sync, a simple Query, Flush, the end of a COPY), and once a connection's unit
 * has run, the session stays that connection's until the backend says ReadyForQuery with
 * status idle: so an open transaction, an extended round cut by a Flush, or a COPY in
 * progress keeps other connections waiting, exactly as a transaction's own statements
 * would. Connections take turns in arrival order.
 *
 * What one session still cannot give: session-level settings (a plain `SET`), named
 * prepared statements and LISTEN are shared by all connections. The application uses
 * `SET LOCAL` only, unnamed statements, and polls the change feed.
 */
export interface PGliteWireServerOptions {
  db: PGlite;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Connections beyond this are refused with SQLSTATE 53300. */
  maxConnections?: number;
  /**
   * A connection that keeps the session (in a transaction, or between an extended round's
   * Flush and its Sync) without sending anything for this long is closed and its
   * transaction rolled back, so one stuck client cannot stop every other. 0 = never.
   */
  idleInSessionTimeoutMs?: number;
  /** Where operational events go (a dropped connection, a failed unit). */
  log?: (level: 'warn' | 'error', message: string) => void;
}

interface Connection {
  id: number;
  socket: Socket;
  framer: FrontendFramer;
  /** Messages received since the last unit boundary. */
  partial: Buffer[];
  /** Whole units waiting to run, in order. */
  units: Buffer[];
  closed: boolean;
}

const SYNC = Buffer.from([MSG.sync, 0, 0, 0, 4]);

export class PGliteWireServer {
  private readonly db: PGlite;
  private server: Server | null = null;
  private port: number;
  private readonly host: string;
  private readonly maxConnections: number;
  private readonly idleTimeoutMs: number;
  private readonly log: (level: 'warn' | 'error', message: string) => void;
  private readonly connections = new Set<Connection>();
  private nextId = 1;
  /** The connection the session belongs to until its backend is idle again. */
  private owner: Connection | null = null;
  /** Connections with units to run, in the order they asked (the owner is never in it). */
  private readonly waiting: Connection[] = [];
  private draining = false;
  private ownerTimer?: NodeJS.Timeout;
  private stopped = false;
  /** Units run and the most connections seen waiting at once, for tests and diagnostics. */
  readonly stats = { units: 0, maxWaiting: 0, failedUnits: 0, timedOut: 0 };

  constructor(opts: PGliteWireServerOptions) {
    this.db = opts.db;
    this.host = opts.host ?? '127.0.0.1';
    this.port = opts.port ?? 0;
    this.maxConnections = opts.maxConnections ?? 64;
    this.idleTimeoutMs = opts.idleInSessionTimeoutMs ?? 60_000;
    this.log = opts.log ?? ((level, message) => console[level](`[PGliteWireServer] ${message}`));
  }

  async start(): Promise<void> {
    if (this.server) throw new Error('PGliteWireServer already started');
    await this.db.waitReady;
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  /** `host:port`, as pglite-socket's server gives it. */
  getServerConn(): string {
    return `${this.host}:${this.port}`;
  }

  /** Closes every connection (rolling back an open transaction) and stops listening. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of [...this.connections]) c.socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    // Let a unit under way finish and the closed owner's session be cleaned up.
    while (this.draining) await new Promise((r) => setTimeout(r, 5));
    if (this.owner) await this.releaseClosedOwner();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Connections with work queued behind the one that holds the session (for metrics). */
  get waitingCount(): number {
    return this.waiting.length;
  }

  private accept(socket: Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    if (this.connections.size >= this.maxConnections) {
      socket.end(errorResponse('FATAL', '53300', 'sorry, too many clients already'));
      return;
    }
    const c: Connection = { id: this.nextId++, socket, framer: new FrontendFramer(), partial: [], units: [], closed: false };
    this.connections.add(c);
    socket.on('data', (chunk: Buffer) => this.receive(c, chunk));
    socket.on('error', () => this.close(c));
    socket.on('close', () => this.close(c));
  }

  private receive(c: Connection, chunk: Buffer): void {
    if (c.closed) return;
    let messages: FrontendMessage[];
    try {
      messages = c.framer.push(chunk);
    } catch (err) {
      this.log('warn', `connection ${c.id}: ${(err as Error).message}; closing it`);
      c.socket.destroy();
      return;
    }
    // Anything from the owner, even part of a message, shows it is alive.
    if (c === this.owner) this.clearOwnerTimer();
    let queued = false;
    for (const m of messages) {
      if (m.kind === 'ssl-request' || m.kind === 'gssenc-request') {
        c.socket.write('N'); // no encryption on a loopback socket
      } else if (m.kind === 'cancel-request') {
        c.socket.destroy(); // PGlite cannot interrupt a running statement
        return;
      } else if (m.kind === 'startup') {
        c.units.push(m.bytes);
        queued = true;
      } else if (m.type === MSG.terminate) {
        c.socket.end();
        this.close(c);
        return;
      } else {
        c.partial.push(m.bytes);
        if (endsUnit(m.type)) {
          c.units.push(c.partial.length === 1 ? Buffer.from(c.partial[0]) : Buffer.concat(c.partial));
          c.partial = [];
          queued = true;
        }
      }
    }
    if (!queued) {
      if (c === this.owner && !this.draining) this.armOwnerTimer();
      return;
    }
    if (c !== this.owner && !this.waiting.includes(c)) this.waiting.push(c);
    this.stats.maxWaiting = Math.max(this.stats.maxWaiting, this.waiting.length);
    void this.drain();
  }

  /** Runs units, one at a time, for the owner first, else for the connection waiting longest. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        let c: Connection | undefined;
        if (this.owner) {
          if (this.owner.closed) {
            await this.releaseClosedOwner();
            continue;
          }
          if (this.owner.units.length === 0) {
            this.armOwnerTimer();
            break;
          }
          c = this.owner;
        } else {
          c = this.waiting.shift();
          if (!c) break;
          if (c.closed || c.units.length === 0) continue;
        }
        const unit = c.units.shift()!;
        const idle = await this.run(c, unit);
        if (idle) {
          this.owner = null;
          // Its next unit waits its turn behind the others.
          if (c.units.length > 0 && !c.closed) this.waiting.push(c);
        } else {
          this.owner = c;
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Runs one unit in PGlite and streams the answer; true when the backend is idle after it. */
  private async run(c: Connection, unit: Buffer): Promise<boolean> {
    const tracker = new BackendTracker();
    this.stats.units++;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(new Uint8Array(unit.buffer, unit.byteOffset, unit.byteLength), {
          onRawData: (data: Uint8Array) => {
            tracker.feed(data);
            // PGlite reuses its output buffer: copy before the socket queues it.
            if (!c.closed && data.length > 0) c.socket.write(Buffer.from(data));
          },
        }),
      );
    } catch (err) {
      // A failure inside PGlite (not an SQL error, which is an answer): this connection
      // cannot trust its session any more. Close it, clean the session, go on with the rest.
      this.stats.failedUnits++;
      this.log('error', `connection ${c.id}: PGlite failed to run a unit (${(err as Error).message}); closing that connection`);
      c.socket.destroy();
      this.close(c);
      await this.resetSession();
      return true;
    }
    return tracker.idle;
  }

  private close(c: Connection): void {
    if (c.closed) return;
    c.closed = true;
    c.units = [];
    c.partial = [];
    this.connections.delete(c);
    const i = this.waiting.indexOf(c);
    if (i >= 0) this.waiting.splice(i, 1);
    if (c === this.owner) void this.drain(); // cleans the session up, then serves the others
  }

  /** The owner went away while holding the session: end its round and roll back its transaction. */
  private async releaseClosedOwner(): Promise<void> {
    this.clearOwnerTimer();
    this.owner = null;
    await this.resetSession();
  }

  /** A Sync ends any half-done extended round; a ROLLBACK ends any transaction left open. */
  private async resetSession(): Promise<void> {
    const discard = { onRawData: () => undefined };
    try {
      await this.db.runExclusive(async () => {
        await this.db.execProtocolRawStream(new Uint8Array(SYNC), discard);
        if (this.db.isInTransaction()) await this.db.execProtocolRawStream(new Uint8Array(simpleQuery('ROLLBACK')), discard);
      });
    } catch (err) {
      this.log('error', `cleaning up the session failed: ${(err as Error).message}`);
    }
  }

  private armOwnerTimer(): void {
    if (this.idleTimeoutMs <= 0 || this.ownerTimer || !this.owner) return;
    const owner = this.owner;
    this.ownerTimer = setTimeout(() => {
      this.ownerTimer = undefined;
      if (this.owner !== owner || owner.closed) return;
      this.stats.timedOut++;
      this.log('warn', `connection ${owner.id} held the database for ${this.idleTimeoutMs} ms without sending anything; closing it and rolling back`);
      owner.socket.end(errorResponse('FATAL', '25P03', 'terminating connection due to idle-in-transaction timeout'));
      owner.socket.destroySoon?.();
      this.close(owner);
    }, this.idleTimeoutMs);
    this.ownerTimer.unref();
  }

  private clearOwnerTimer(): void {
    if (this.ownerTimer) clearTimeout(this.ownerTimer);
    this.ownerTimer = undefined;
  }
}

/** A simple Query message. */
function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const b = Buffer.alloc(5 + text.length);
  b[0] = MSG.query;
  b.writeInt32BE(4 + text.length, 1);
  text.copy(b, 5);
  return b;
}

/** An ErrorResponse message with severity, SQLSTATE and text. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, message: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from(`S${severity}\0`),
    Buffer.from(`V${severity}\0`),
    Buffer.from(`C${code}\0`),
    Buffer.from(`M${message}\0`),
    Buffer.from([0]),
  ]);
  const b = Buffer.alloc(5 + fields.length);
  b[0] = 0x45; // 'E'
  b.writeInt32BE(4 + fields.length, 1);
  fields.copy(b, 5);
  return b;
}
