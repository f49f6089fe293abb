import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { loadReferenceData } from '../../apps/api/src/modules/reference/reference-data.loader';

/**
 * Runs the migrations and loads the reference data into the database at `url`.
 *
 * Run as its own process (`node -r @swc-node/register test/setup/prepare-database.ts <url>`,
 * see test-databases.ts): jest's globalSetup runs in jest's main process, and loading the
 * app's decorated classes there makes every test file after the first that runs in that
 * process (in band: one worker, or a few fast files) fail to build the GraphQL schema
 * ("Cannot determine a GraphQL output type", nestjs/graphql#2393).
 */
export async function prepareDatabase(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions({ url, poolMax: 1 }));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await loadReferenceData(ds.manager);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  prepareDatabase(process.argv[2]).catch((err: Error) => {
    console.error(`preparing the test database failed: ${err.stack ?? err.message}`);
    process.exit(1);
  });
}
