/**
 * Test databases: one per jest worker, each already migrated and holding the reference
 * data, so test files only set up their own records.
 *
 * - Embedded (default): one PGlite is prepared in memory, its data directory dumped, and
 *   each worker gets its own PGlite loaded from that dump, served over the wire protocol.
 * - Server (DATABASE_URL set): a template database is prepared on that server and each
 *   worker gets `<db>_kt_<n>` created from it.
 */
import { spawn } from 'child_process';
import { join } from 'path';
import { Client } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteWireServer } from '../../apps/api/src/database/wire/pglite-wire-server';

/** Migrations and reference data, in a child process: see prepare-database.ts for why. */
function prepareDatabase(url: string): Promise<void> {
  const root = join(__dirname, '..', '..');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'prepare-database.ts'), url], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`test/setup/prepare-database.ts exited with ${code}`))));
  });
}

export const TEST_DB_URLS_ENV = 'KANSRIJK_TEST_DB_URLS';

export interface TestDatabases {
  urls: string[];
  kind: 'embedded' | 'server';
  stop(): Promise<void>;
}

export async function startTestDatabases(workers: number, serverUrl?: string): Promise<TestDatabases> {
  return serverUrl ? serverDatabases(workers, serverUrl) : embeddedDatabases(workers);
}

async function embeddedDatabases(workers: number): Promise<TestDatabases> {
  const { PGlite } = await import('@electric-sql/pglite');
  const serve = async (db: PGlite) => {
    const server = new PGliteWireServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    return { db, server, url: `postgres://postgres@${server.getServerConn()}/postgres` };
  };
  const template = await serve(await PGlite.create());
  await prepareDatabase(template.url);
  await template.server.stop();
  const dump = await template.db.dumpDataDir('none');
  await template.db.close();
  const instances: { db: PGlite; server: PGliteWireServer; url: string }[] = [];
  for (let i = 0; i < workers; i++) instances.push(await serve(await PGlite.create({ loadDataDir: dump })));
  return {
    urls: instances.map((x) => x.url),
    kind: 'embedded',
    stop: async () => {
      for (const x of instances) {
        await x.server.stop();
        await x.db.close();
      }
    },
  };
}

async function serverDatabases(workers: number, serverUrl: string): Promise<TestDatabases> {
  const base = new URL(serverUrl);
  const baseName = base.pathname.replace(/^\//, '') || 'postgres';
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const name = (suffix: string) => `${baseName}_kt_${suffix}`;
  const urlOf = (db: string) => {
    const u = new URL(serverUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  try {
    const tpl = name('tpl');
    await admin.query(`DROP DATABASE IF EXISTS "${tpl}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${tpl}"`);
    await prepareDatabase(urlOf(tpl));
    const urls: string[] = [];
    for (let i = 1; i <= workers; i++) {
      const db = name(String(i));
      await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${db}" TEMPLATE "${tpl}"`);
      urls.push(urlOf(db));
    }
    return { urls, kind: 'server', stop: async () => {} };
  } finally {
    await admin.end();
  }
}
