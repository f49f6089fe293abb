import { Logger } from '@nestjs/common';
import { Environment } from '../config/environment';
import { EmbeddedPostgres, EmbeddedStats } from './embedded-postgres';

/** The database a process talks to: the server in DATABASE_URL, or the embedded one it starts. */
export interface DatabaseTarget {
  url: string;
  kind: 'embedded' | 'server';
  /** Pool size: PGlite serialises statements, so a few connections suffice there. */
  poolMax: number;
  /** Closes what this process started (the embedded database); a no-op for a server. */
  stop(): Promise<void>;
  /** The embedded database's connections and memory, when this process runs it. */
  stats?(): EmbeddedStats;
}

export async function openDatabaseTarget(env: Environment): Promise<DatabaseTarget> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, kind: 'server', poolMax: env.DB_POOL_MAX, stop: async () => {} };
  }
  const logger = new Logger('EmbeddedDatabase');
  const embedded = await EmbeddedPostgres.start({
    dataDir: env.DATA_DIR,
    port: env.EMBEDDED_DB_PORT,
    log: (level, message) => (level === 'error' ? logger.error(message) : logger.warn(message)),
  });
  return { url: embedded.url, kind: 'embedded', poolMax: Math.min(env.DB_POOL_MAX, 4), stop: () => embedded.stop(), stats: () => embedded.stats() };
}

/** The URL with any password masked, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
