/**
 * Tenant isolation under concurrent traffic, on the API as `npm start` runs it on a fresh
 * embedded database (or on DATABASE_URL): one writer and nine readers of two platform tenants
 * and an admin for ISOLATION_SECONDS (default 90), ISOLATION_RUNS times (default 1). Prints
 * per run the reads, the answers that were not the caller's, errors, statement errors in the
 * API's log, and acknowledged records the matching index does not answer for. Correct is
 * zero in every column but the counts.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { runIsolationTraffic } from '../../../test/helpers/isolation-traffic';
import { startApiProcess } from '../../../test/helpers/api-process';

/** Lines of the API's log that show a statement failed or a request broke. */
export const STATEMENT_TROUBLE = /invalid input syntax|bind message supplies|prepared statement|portal .* does not exist|QueryFailedError|Connection terminated|ERROR|\berror\b/i;

export async function isolationBench(): Promise<void> {
  const seconds = Number(process.env.ISOLATION_SECONDS ?? 90);
  const runs = Number(process.env.ISOLATION_RUNS ?? 1);
  const serverUrl = process.env.DATABASE_URL;
  for (let run = 1; run <= runs; run++) {
    let dataDir: string | undefined;
    let databaseUrl: string | undefined;
    let adminKey: string | null = null;
    if (serverUrl) {
      // A fresh database on the server for each run, so each starts like a new install.
      const name = `kansrijk_isolation_${process.pid}_${run}`;
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(serverUrl);
      u.pathname = `/${name}`;
      databaseUrl = u.toString();
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'kansrijk-isolation-'));
    }
    const api = await startApiProcess({ databaseUrl, dataDir });
    try {
      adminKey = api.adminKey();
      if (!adminKey) {
        const { execFileSync } = await import('child_process');
        const out = execFileSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/keys.ts', 'create', '--role', 'ADMIN', '--label', 'isolation bench'], {
          cwd: join(__dirname, '..', '..', '..'),
          env: { ...process.env, DATABASE_URL: databaseUrl },
        }).toString();
        adminKey = /\b(kr_[A-Za-z0-9]+_[A-Za-z0-9_-]+)/.exec(out)?.[1] ?? null;
      }
      if (!adminKey) throw new Error('no admin key');
      const before = api.log().length;
      const r = await runIsolationTraffic({ url: api.url, adminKey, seconds, tag: `bench-${run}` });
      const trouble = api
        .log()
        .slice(before)
        .split('\n')
        .filter((l) => STATEMENT_TROUBLE.test(l));
      const errors = Object.entries(r.errors);
      console.log(
        `run ${run} (${serverUrl ? 'server' : 'embedded'}, ${r.seconds.toFixed(0)} s): ${r.reads} reads, ${r.wrongReads} not the caller's; ` +
          `${r.writes} writes (${r.acknowledgedCandidates} candidates, ${r.acknowledgedVacancies} vacancies acknowledged); ` +
          `${errors.reduce((s, [, n]) => s + n, 0)} errors; ${trouble.length} statement errors in the log; ${r.missingFromIndex} acknowledged records missing from the index`,
      );
      for (const [m, n] of errors.slice(0, 5)) console.log(`  error ×${n}: ${m}`);
      for (const l of trouble.slice(0, 5)) console.log(`  log: ${l.slice(0, 200)}`);
      for (const e of r.examples.slice(0, 5)) console.log(`  e.g. ${e}`);
    } finally {
      await api.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
