import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import cluster from 'cluster';
import { randomUUID } from 'crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { DATABASE_TARGET } from '../../config/config.module';
import { DatabaseTarget } from '../../database/database-target';
import { BACKGROUND_SQL } from '../../database/typeorm-logger';
import { FeedSyncMessage, isFeedSyncMessage, SiblingSync } from '../../cluster/feed-sync';
import { FeedCursor } from './feed-cursor';

/** A committed change to data the in-memory index or caches hold. */
export interface RecordChange {
  /** `employer`: a name may have changed (vacancies show it in suggestions). */
  kind: 'vacancy' | 'candidate' | 'labour-demand' | 'decision' | 'employer' | 'outcome-model';
  ids: string[];
  /** `removed`: deleted or closed, drop it; `upserted`: (re)load it. */
  op: 'upserted' | 'removed';
}

export type ChangeHandler = (change: RecordChange) => Promise<void>;

const CHANNEL = 'kansrijk_record_change';
/** Feed rows read by one poll. */
export const FEED_PAGE = 1000;

/**
 * Adds a change to the feed inside the writing transaction (and a NOTIFY), delivered only if it
 * commits. Every writer of records calls it: the API's services (through RecordEvents), and the
 * commands that write beside a running API (seed:demo), so every API process learns of the change.
 */
export async function persistChange(tx: EntityManager, origin: string, change: RecordChange): Promise<void> {
  const [row] = await tx.query('INSERT INTO record_change (origin, kind, op, ids) VALUES ($1, $2, $3, $4) RETURNING id', [origin, change.kind, change.op, change.ids]);
  await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, String(row.id)]);
}

/** Feed rows after a cursor, in order, leaving out those it already applied. */
export async function readFeed(ds: DataSource, cursor: FeedCursor): Promise<{ id: string; origin: string; kind: RecordChange['kind']; op: RecordChange['op']; ids: string[] }[]> {
  return ds.query(
    `${BACKGROUND_SQL} SELECT id::text AS id, origin, kind, op, ids FROM record_change WHERE id > $1 AND NOT (id = ANY($2::bigint[])) ORDER BY id LIMIT ${FEED_PAGE}`,
    [cursor.position, cursor.appliedAbove],
  );
}

/**
 * Record changes, for every process on the database:
 * 1. `persist(tx, change)` inside the writing transaction adds a row to the change feed
 *    and a NOTIFY, both delivered only if the transaction commits;
 * 2. `publish(change)` after the commit applies it in this process before the mutation
 *    answers, so a closed vacancy is gone from the very next suggestion list;
 * 3. other processes wake on the NOTIFY (PostgreSQL server) or poll the feed (the embedded
 *    database delivers no notifications between connections) and apply what they missed;
 * 4. with several workers on one host (API_WORKERS), `publish` also has every sibling worker
 *    poll the feed before it returns, so the very next request sees the change whichever
 *    worker it lands on.
 */
@Injectable()
export class RecordEvents implements OnApplicationBootstrap, OnModuleDestroy {
  /** This process's name in the feed. */
  readonly origin = randomUUID();
  private readonly handlers: ChangeHandler[] = [];
  private readonly logger = new Logger('ChangeFeed');
  private cursor = new FeedCursor(0);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  /** The poll under way; resolves to the number of feed rows it read. */
  private polling?: Promise<number>;
  private stopped = false;
  private lastCleanup = 0;
  /** This process's line to its sibling workers, when it is one (API_WORKERS > 1). */
  private siblings?: SiblingSync;
  private readonly onSiblingMessage = (m: unknown) => {
    if (isFeedSyncMessage(m)) void this.siblings?.message(m);
  };

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
  ) {
    if (cluster.isWorker && process.send) {
      this.connectSiblings((m) => void process.send?.(m));
      process.on('message', this.onSiblingMessage);
    }
  }

  /**
   * Makes this process one of several sibling workers whose primary relays `send`'s messages
   * (see cluster/feed-sync.ts); returns the handler for the messages the primary sends back.
   * Cluster workers are connected at construction; tests connect two apps in one process.
   */
  connectSiblings(send: (m: FeedSyncMessage) => void): (m: FeedSyncMessage) => Promise<void> {
    const siblings = new SiblingSync(send, () => this.pollAfterNow());
    this.siblings = siblings;
    return (m) => siblings.message(m);
  }

  onChange(handler: ChangeHandler): void {
    this.handlers.push(handler);
  }

  persist(tx: EntityManager, change: RecordChange): Promise<void> {
    return persistChange(tx, this.origin, change);
  }

  /** Applies a change committed by this process here, then (cluster workers) in every sibling worker. */
  async publish(change: RecordChange): Promise<void> {
    await this.apply(change);
    await this.siblings?.sync();
  }

  private async apply(change: RecordChange): Promise<void> {
    for (const h of this.handlers) await h(change);
  }

  async onApplicationBootstrap(): Promise<void> {
    const [row] = await this.ds.query('SELECT coalesce(max(id), 0)::text AS id FROM record_change');
    this.cursor = new FeedCursor(Number(row.id));
    if (this.target.kind === 'server') {
      try {
        this.listener = new Client({ connectionString: this.target.url, application_name: 'kansrijk-listener' });
        await this.listener.connect();
        this.listener.on('notification', () => void this.poll());
        this.listener.on('error', (err) => this.logger.warn(`listener: ${err.message}; falling back to polling`));
        await this.listener.query(`LISTEN ${CHANNEL}`);
      } catch (err) {
        this.logger.warn(`LISTEN failed (${(err as Error).message}); polling only`);
      }
    }
    // Polling also covers a lost connection or notification on a server.
    const every = this.target.kind === 'server' ? 2000 : 200;
    this.timer = setInterval(() => void this.poll(), every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    process.off('message', this.onSiblingMessage);
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.polling;
    await this.listener?.end().catch(() => undefined);
  }

  /** Applies the feed's new rows made by other processes, in order; one poll at a time. */
  async poll(): Promise<void> {
    await this.pollRows();
  }

  private pollRows(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  /** A poll that starts after this call, so it sees every change committed before it. */
  private async pollAfterNow(): Promise<void> {
    await this.polling;
    while ((await this.pollRows()) === FEED_PAGE);
  }

  private async pollOnce(): Promise<number> {
    try {
      const rows = await readFeed(this.ds, this.cursor);
      for (const r of rows) {
        if (r.origin !== this.origin) await this.apply({ kind: r.kind, op: r.op, ids: r.ids });
        this.cursor.advance([Number(r.id)], Date.now());
      }
      if (rows.length === 0) this.cursor.advance([], Date.now());
      if (Date.now() - this.lastCleanup > 60_000) {
        this.lastCleanup = Date.now();
        await this.ds.query(`${BACKGROUND_SQL} DELETE FROM record_change WHERE at < now() - interval '1 hour'`);
      }
      return rows.length;
    } catch (err) {
      if (!this.stopped) this.logger.warn(`poll failed: ${(err as Error).message}`);
      return 0;
    }
  }
}

@Global()
@Module({ providers: [RecordEvents], exports: [RecordEvents] })
export class RecordEventsModule {}
