/**
 * An EmbeddedPostgres (in memory) in a process of its own, for tests that need an embedded
 * database they can take away (PGlite's WASM cannot be loaded inside a jest worker). Prints
 * `URL <url>` when serving; SIGTERM stops it as the API does at shutdown.
 */
import { EmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';

async function main(): Promise<void> {
  const db = await EmbeddedPostgres.start({ dataDir: null, log: (level, message) => process.stderr.write(`${level}: ${message}\n`) });
  process.stdout.write(`URL ${db.url}\n`);
  process.on('SIGTERM', () => void db.stop().then(() => process.exit(0)));
}

void main();
