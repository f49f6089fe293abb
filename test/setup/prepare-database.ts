import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { loadReferenceData } from '../../apps/api/src/modules/reference/reference-data.loader';

/** Runs the migrations and loads the reference data into the database at `url`. */
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
