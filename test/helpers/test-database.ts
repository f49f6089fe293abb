import { TEST_DB_URLS_ENV } from '../setup/test-databases';

/** This jest worker's prepared database. */
export function testDatabaseUrl(): string {
  const urls: string[] = JSON.parse(process.env[TEST_DB_URLS_ENV] ?? '[]');
  if (urls.length === 0) throw new Error('No test database: run the db suites through jest with config/jest.config.js');
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  return urls[(worker - 1) % urls.length];
}

export const testDatabaseKind = (): 'embedded' | 'server' =>
  process.env.KANSRIJK_TEST_DB_KIND === 'server' ? 'server' : 'embedded';
