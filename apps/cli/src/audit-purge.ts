/**
 * `npm run audit:purge -- [--older-than-months 6]`
 *
 * Deletes audit entries older than the retention period (default and minimum six months,
 * R19) in one transaction through the audit trigger's purge switch, and prints how many
 * went. Works on the embedded database (DATA_DIR; stop the API first, or point
 * DATABASE_URL at the URL it prints) or on the server in DATABASE_URL.
 */
import 'reflect-metadata';
import { userInfo } from 'os';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../../api/src/config/environment';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { openDatabaseTarget, redactUrl } from '../../api/src/database/database-target';
import { MIN_RETENTION_MONTHS, purgeAuditEvents } from '../../api/src/modules/audit/audit-purge';

const USAGE = `usage: npm run audit:purge -- [--older-than-months N]   (N >= ${MIN_RETENTION_MONTHS}, default ${MIN_RETENTION_MONTHS})`;

/** The retention period from the command line; throws with a sentence when it is not allowed. */
export function parsePurgeArgs(argv: string[]): number {
  if (argv.length === 0) return MIN_RETENTION_MONTHS;
  if (argv.length !== 2 || argv[0] !== '--older-than-months') throw new Error(USAGE);
  if (!/^\d+$/.test(argv[1])) throw new Error(`--older-than-months must be a whole number of months, got "${argv[1]}"`);
  const months = Number(argv[1]);
  if (months < MIN_RETENTION_MONTHS) throw new Error(`refused: audit entries are kept at least ${MIN_RETENTION_MONTHS} months (R19); --older-than-months ${months} is less`);
  return months;
}

async function main(): Promise<void> {
  let months: number;
  try {
    months = parsePurgeArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const target = await openDatabaseTarget(loadEnvironment());
  const ds = new DataSource(dataSourceOptions({ url: target.url, poolMax: 1 }));
  try {
    await ds.initialize();
    let operator: string | undefined;
    try {
      operator = userInfo().username;
    } catch {
      operator = undefined;
    }
    const { deleted, before } = await purgeAuditEvents(ds, months, { via: 'cli', operator });
    console.log(`database: ${target.kind} at ${redactUrl(target.url)}`);
    console.log(`deleted ${deleted} audit entr${deleted === 1 ? 'y' : 'ies'} older than ${months} months (before ${before.toISOString()})`);
  } finally {
    await ds.destroy();
    await target.stop();
  }
}

main().catch((err) => {
  console.error(`audit:purge failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
