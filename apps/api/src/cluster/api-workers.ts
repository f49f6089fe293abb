import { Logger } from '@nestjs/common';
import cluster, { Worker } from 'cluster';
import { Environment } from '../config/environment';
import { FeedSyncRelay, isFeedSyncMessage } from './feed-sync';

/**
 * The primary of API_WORKERS > 1: forks the workers (each a whole API process with its own
 * matching index, sharing PORT through Node's cluster, round robin), relays the change-feed
 * syncs between them (see feed-sync.ts), replaces a worker that dies after it was serving,
 * and on SIGINT or SIGTERM has every worker close cleanly before it exits. A worker that
 * dies before serving (a boot failure: no database, a bad migration) stops the whole server,
 * rather than being forked again and again.
 */
export function runApiWorkers(env: Environment): void {
  const logger = new Logger('Workers');
  const serving = new Set<number>();
  let stopping = false;
  const relay = new FeedSyncRelay((id, m) => void live.get(id)?.send(m), {
    timeoutMs: 5000,
    onTimeout: (ids) => logger.warn(`worker(s) ${ids.join(', ')} did not catch up with the change feed within 5 s`),
  });
  const live = new Map<number, Worker>();
  const fork = () => {
    const w = cluster.fork();
    live.set(w.id, w);
  };
  let exitCode = 0;
  const stop = (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    logger.log(`${why}: closing ${live.size} worker(s)`);
    for (const w of live.values()) w.process.kill('SIGTERM');
    if (live.size === 0) process.exit(exitCode);
    // A worker that hangs on close does not keep the host from stopping.
    setTimeout(() => process.exit(exitCode || 1), 30_000).unref();
  };

  cluster.on('message', (worker: Worker, m: unknown) => {
    if (!isFeedSyncMessage(m)) return;
    if (m.kansrijk === 'ready') serving.add(worker.id);
    relay.message(worker.id, m);
  });
  cluster.on('exit', (worker: Worker, code: number, signal: string | null) => {
    live.delete(worker.id);
    relay.gone(worker.id);
    const wasServing = serving.delete(worker.id);
    if (stopping) {
      if (live.size === 0) process.exit(exitCode);
    } else if (!wasServing) {
      logger.error(`worker ${worker.process.pid} stopped before serving (${signal ?? `exit code ${code}`}); stopping`);
      stop('boot failure', 1);
    } else {
      logger.warn(`worker ${worker.process.pid} died (${signal ?? `exit code ${code}`}); starting another`);
      fork();
    }
  });
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  logger.log(`starting ${env.API_WORKERS} API workers on port ${env.PORT}`);
  for (let i = 0; i < env.API_WORKERS; i++) fork();
}
