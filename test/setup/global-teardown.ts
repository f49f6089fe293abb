import type { TestDatabases } from './test-databases';

export default async function globalTeardown(): Promise<void> {
  const dbs = (globalThis as Record<string, unknown>).__kansrijkTestDatabases as TestDatabases | undefined;
  await dbs?.stop();
}
