import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

export interface ApiProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the API printed so far. */
  log(): string;
  /** The ADMIN key a first start on an empty embedded database prints, if it did. */
  adminKey(): string | null;
  stop(): Promise<number | null>;
}

/**
 * The API as `npm start` runs it (its own command line from package.json), in production mode:
 * on `databaseUrl`, or on the embedded database in `dataDir` when no URL is given. Resolves
 * once every worker listens.
 */
export async function startApiProcess(opts: { databaseUrl?: string; dataDir?: string; workers?: number; env?: Record<string, string>; readyTimeoutMs?: number }): Promise<ApiProcess> {
  const workers = opts.workers ?? 1;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start does not run node: ${pkg.scripts.start}`);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    API_WORKERS: String(workers),
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'log',
    RATE_LIMIT_PER_MINUTE: '0',
    ...opts.env,
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  if (opts.dataDir) env.DATA_DIR = opts.dataDir;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = /GraphQL API at http:\/\/127\.0\.0\.1:(\d+)\/graphql/g;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  while ((log.match(ready) ?? []).length < workers) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the API did not start (${workers} worker(s)):\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = Number(/GraphQL API at http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(log)![1]);
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    child,
    log: () => log,
    adminKey: () => /\b(kr_[A-Za-z0-9]+_[A-Za-z0-9_-]+)/.exec(log)?.[1] ?? null,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
