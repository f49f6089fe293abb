import { mkdirSync } from 'fs';
import { resolve } from 'path';
import type { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './embedded-lock';
import { PGliteWireServer } from './wire/pglite-wire-server';

/** What the embedded database reports to the metrics. */
export interface EmbeddedStats {
  connections: number;
  waiting: number;
  /** PGlite's WebAssembly memory: it grows with PostgreSQL's buffers and never shrinks. */
  wasmMemoryBytes: number;
}

/**
 * The embedded default database: PGlite (PostgreSQL compiled to WebAssembly) in this
 * process, served over the PostgreSQL wire protocol on a loopback port, so TypeORM's
 * ordinary `postgres` driver and `pg` talk to it exactly as to a server.
 *
 * PGlite runs one backend session: the wire server (`wire/pglite-wire-server.ts`) hands it
 * one connection's work at a time, whole (an extended-protocol round up to its Sync, or a
 * transaction up to its end), so a pool of a few connections is safe; but code must never
 * hold a transaction on one connection while awaiting another.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGliteWireServer,
    readonly url: string,
    readonly dataDir: string | null,
    private readonly releaseLock: () => void,
  ) {}

  /**
   * Opens (or initialises) the database in `dataDir` (`null` = in memory) and serves it
   * on 127.0.0.1:`port` (0 = any free port).
   */
  static async start(opts: {
    dataDir: string | null;
    port?: number;
    maxConnections?: number;
    log?: (level: 'warn' | 'error', message: string) => void;
  }): Promise<EmbeddedPostgres> {
    // The package is ESM-first; its CommonJS build loads the WASM with a dynamic import.
    const { PGlite } = await import('@electric-sql/pglite');
    let dataDir: string | null = null;
    let releaseLock = () => {};
    if (opts.dataDir) {
      releaseLock = acquireDataDirLock(opts.dataDir);
      dataDir = resolve(opts.dataDir, 'pg');
      mkdirSync(dataDir, { recursive: true });
    }
    try {
      const db = await PGlite.create({ dataDir: dataDir ?? 'memory://' });
      const server = new PGliteWireServer({ db, host: '127.0.0.1', port: opts.port ?? 0, maxConnections: opts.maxConnections ?? 64, log: opts.log });
      await server.start();
      const url = `postgres://postgres@${server.getServerConn()}/postgres`;
      return new EmbeddedPostgres(db, server, url, dataDir, releaseLock);
    } catch (err) {
      releaseLock();
      throw err;
    }
  }

  /** Connections, those waiting for the session, and PGlite's WebAssembly memory (for metrics). */
  stats(): EmbeddedStats {
    return {
      connections: this.server.connectionCount,
      waiting: this.server.waitingCount,
      wasmMemoryBytes: this.db.closed ? 0 : (this.db.Module?.HEAPU8?.byteLength ?? 0),
    };
  }

  /** Stops accepting connections, then closes PGlite so its files are consistent on disk. */
  async stop(): Promise<void> {
    await this.server.stop();
    if (!this.db.closed) await this.db.close();
    this.releaseLock();
  }
}
