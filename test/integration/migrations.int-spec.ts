import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { MIGRATIONS } from '../../apps/api/src/database/migrations';
import { testDatabaseUrl } from '../helpers/test-database';

describe('migrations', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions({ url: testDatabaseUrl(), poolMax: 1 }));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('never synchronise: the schema comes from migrations only', () => {
    expect(ds.options.synchronize).toBe(false);
    expect(ds.options.migrationsRun).toBe(false);
  });

  it('are all applied, in order, and nothing is pending', async () => {
    const rows: { name: string }[] = await ds.query('SELECT name FROM schema_migration ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name ?? m.name));
    expect(await ds.showMigrations()).toBe(false);
  });

  it('leave the database exactly as the entities describe it (nothing for migration:generate)', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('use timestamptz for every timestamp and uuid for generated keys', async () => {
    const plain: { table_name: string; column_name: string }[] = await ds.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'timestamp without time zone' AND table_name <> 'schema_migration'`,
    );
    expect(plain).toEqual([]);
  });
});
