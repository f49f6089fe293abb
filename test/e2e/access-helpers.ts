import { execFile } from 'child_process';
import { join } from 'path';
import { testDatabaseUrl } from '../helpers/test-database';
import { TestApp } from '../helpers/test-app';

const ROOT = join(__dirname, '..', '..');

/** The id of the key behind a key string (looked up by its public prefix). */
export async function keyIdOf(t: TestApp, key: string): Promise<string> {
  const prefix = key.split('_')[1];
  const rows: { id: string }[] = await t.dataSource.query('SELECT id FROM api_key WHERE prefix = $1', [prefix]);
  if (rows.length !== 1) throw new Error(`no key with prefix ${prefix}`);
  return rows[0].id;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of apps/cli/src/<script>.ts against this worker's database, like an operator would. */
export function runCli(script: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', `apps/cli/src/${script}.ts`, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: 'error' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Signs of internals in a response: stack frames, source paths, SQL, driver error names. */
export const INTERNALS = /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|stacktrace|QueryFailedError|\bSELECT |\bINSERT INTO\b|\bUPDATE "|\bDELETE FROM\b|syntax error at or near|duplicate key value|violates .*constraint/;

/** The raw HTTP exchange, for checks on status, headers and the body as text. */
export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
