import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { TypeOrmNestLogger } from './typeorm-logger';

/**
 * TypeORM options for a PostgreSQL URL, embedded or server alike. Migrations only:
 * `synchronize` is off everywhere, tests included.
 */
export function dataSourceOptions(opts: { url: string; poolMax: number; logging?: boolean; logQueries?: boolean }): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ (and PGlite): no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: opts.logging ? ['error', 'warn', 'migration'] : ['error', 'warn'],
    logger: new TypeOrmNestLogger(opts.logQueries ?? false),
    maxQueryExecutionTime: 2000,
    extra: { max: opts.poolMax, application_name: 'kansrijk' },
  };
}
