import { spawn } from 'child_process';
import { join } from 'path';
import { Client } from 'pg';
import { testDatabaseKind, testDatabaseUrl } from '../helpers/test-database';

/**
 * A database of a test file's own (the browser tests', the large-cohort scenario's), so its demo
 * seed never meets another test file's records: on a server a copy of the workers' template (`<db>_kt_tpl`), on the embedded
 * database a fresh PGlite in a child process. Both migrated and holding the reference data.
 */
export async function ownDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  if (testDatabaseKind() === 'server') {
    const worker = new URL(testDatabaseUrl());
    const workerDb = worker.pathname.replace(/^\//, '');
    const template = workerDb.replace(/_kt_\d+$/, '_kt_tpl');
    const name = `${workerDb}_web`;
    const admin = new Client({ connectionString: worker.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    const u = new URL(worker.toString());
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      stop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'embedded-database.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the browser tests\' embedded database did not start in 240 s')), 240_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the browser tests' embedded database exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
