// Nothing of the app is loaded here (jest's main process): see prepare-database.ts.

/** Starts (or creates) one prepared database per jest worker; workers read the URLs from the env. */
export default async function globalSetup(config: { maxWorkers: number }): Promise<void> {
  const { startTestDatabases, TEST_DB_URLS_ENV } = await import('./test-databases');
  const started = performance.now();
  const workers = Math.max(1, config.maxWorkers);
  const dbs = await startTestDatabases(workers, process.env.DATABASE_URL);
  (globalThis as Record<string, unknown>).__kansrijkTestDatabases = dbs;
  process.env[TEST_DB_URLS_ENV] = JSON.stringify(dbs.urls);
  process.env.KANSRIJK_TEST_DB_KIND = dbs.kind;
  console.log(`\n[test databases] ${workers} ${dbs.kind} database(s) ready in ${Math.round(performance.now() - started)} ms`);
}
