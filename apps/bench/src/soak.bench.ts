/**
 * Memory under a steady load: the API as `npm start` runs it (production mode), on a fresh
 * embedded database by default or on a fresh database beside DATABASE_URL's when it is set,
 * with the demo data (seedDemo) and three platform tenants, takes SOAK_RATE requests a second
 * (default 20, a steady load the embedded database carries on two busy cores) of a realistic
 * mix (soak-traffic.ts) for SOAK_SECONDS (default 600). Every
 * SOAK_SAMPLE_SECONDS (default 30) it prints the API's resident memory, V8 heap, external
 * memory and array buffers (from its /metrics, with the embedded database's WebAssembly memory
 * apart), the requests answered, their latency and the errors. At the end: the growth from the
 * first sample to the last and the slope over the second half, which is ~0 when memory is level.
 *
 * The heap is scraped every 5 s and each line shows the lowest heap of its window (after a
 * collection: the live data) beside the last. SOAK_RATE=1000 SOAK_MAX_INFLIGHT=20 makes it a
 * closed loop of 20 clients as fast as the API answers.
 *
 * Env: SOAK_SECONDS, SOAK_RATE, SOAK_SAMPLE_SECONDS, SOAK_MAX_INFLIGHT (64), SOAK_CANDIDATES
 * (20,000) and SOAK_VACANCIES (100,000) of demo data, SOAK_SEED (42). Figures only; it fails
 * only when the setup does.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Logger } from '@nestjs/common';
import { Role } from '../../api/src/common/auth/role';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { EmbeddedPostgres } from '../../api/src/database/embedded-postgres';
import { ApiKeyService } from '../../api/src/modules/auth/api-key.service';
import { ensureLabourDemand } from '../../api/src/modules/labour-demand/labour-demand.service';
import { today } from '../../api/src/modules/matching/matching.service';
import { loadReferenceData } from '../../api/src/modules/reference/reference-data.loader';
import { seedDemo } from '../../cli/src/seed-demo';
import { startApiProcess } from '../../../test/helpers/api-process';
import { drive, emptyWindow, prepareTenant, SoakWorld, TrafficWindow } from './soak-traffic';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};

const MB = 2 ** 20;
const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : `${(bytes / MB).toFixed(0)}`);

/** The API's memory as its /metrics reports it (bytes), and its RSS as the kernel does. */
interface MemorySample {
  seconds: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  wasm?: number;
}

async function sampleMemory(base: string, pid: number, t0: number): Promise<MemorySample> {
  const res = await fetch(`${base}/metrics`);
  const text = res.status === 200 ? await res.text() : ''; // an API without /metrics: RSS only
  const metric = (name: string): number | undefined => {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  // The kernel's figure, in case /metrics and the process disagree.
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return {
    seconds: (Date.now() - t0) / 1000,
    rss: rssKb * 1024,
    heapUsed: metric('nodejs_heap_size_used_bytes') ?? NaN,
    heapTotal: metric('nodejs_heap_size_total_bytes') ?? NaN,
    external: metric('nodejs_external_memory_bytes') ?? NaN,
    arrayBuffers: metric('kansrijk_process_array_buffers_bytes') ?? NaN,
    wasm: metric('kansrijk_embedded_db_wasm_memory_bytes'),
  };
}

function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return num / den;
}

/** Migrations, reference data, labour demand, the demo data and the keys, before the API starts. */
async function prepare(url: string, o: { candidates: number; vacancies: number; seed: number }): Promise<{ admin: string; adviser: string; platform: Record<string, string> }> {
  const ds = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await loadReferenceData(ds.manager);
    await ensureLabourDemand(ds.manager);
    await seedDemo(ds, { candidates: o.candidates, vacancies: o.vacancies, seed: o.seed, today: today(), quiet: true });
    const keys = new ApiKeyService(ds);
    const platform: Record<string, string> = {};
    for (const tenant of ['soak-rw', 'soak-wb', 'soak-nw']) platform[tenant] = (await keys.create({ role: Role.PLATFORM, tenant, label: `soak ${tenant}` })).key;
    return {
      admin: (await keys.create({ role: Role.ADMIN, label: 'soak admin' })).key,
      adviser: (await keys.create({ role: Role.ADVISER, label: 'soak adviser' })).key,
      platform,
    };
  } finally {
    await ds.destroy();
  }
}

export async function soakBench(): Promise<void> {
  const seconds = env('SOAK_SECONDS', 600);
  const rate = env('SOAK_RATE', 20);
  const every = env('SOAK_SAMPLE_SECONDS', 30);
  const maxInFlight = env('SOAK_MAX_INFLIGHT', 64);
  const data = { candidates: env('SOAK_CANDIDATES', 20_000), vacancies: env('SOAK_VACANCIES', 100_000), seed: env('SOAK_SEED', 42) };
  const serverUrl = process.env.DATABASE_URL;
  const load = () => `load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`;

  let dataDir: string | undefined;
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  const setupStarted = performance.now();
  Logger.overrideLogger(['error']); // the seeding's slow-statement warnings are not figures
  let keys: Awaited<ReturnType<typeof prepare>>;
  if (serverUrl) {
    // A fresh database beside the one named, so a run starts like a new install and leaves nothing.
    const u = new URL(serverUrl);
    const name = `${u.pathname.slice(1) || 'kansrijk'}_soak`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
    keys = await prepare(databaseUrl, data);
  } else {
    dataDir = mkdtempSync(join(os.tmpdir(), 'kansrijk-soak-'));
    const db = await EmbeddedPostgres.start({ dataDir });
    try {
      keys = await prepare(db.url, data);
    } finally {
      await db.stop();
    }
  }
  const where = serverUrl ? `PostgreSQL server (${new URL(databaseUrl!).pathname.slice(1)})` : 'embedded database (PGlite)';
  console.log(
    `${where}: ${data.candidates.toLocaleString('en')} candidates and ${data.vacancies.toLocaleString('en')} vacancies of demo data (seed ${data.seed}) ` +
      `prepared in ${((performance.now() - setupStarted) / 1000).toFixed(0)} s; ${load()}`,
  );

  const bootStarted = performance.now();
  const api = await startApiProcess({ databaseUrl, dataDir, env: { RATE_LIMIT_PER_MINUTE: '60000' } });
  try {
    const base = api.url.replace(/\/graphql$/, '');
    // Ready means the matching index is built as well (404: an API from before /health, to compare with).
    while (![200, 404].includes((await fetch(`${base}/health/ready`)).status)) await new Promise((r) => setTimeout(r, 200));
    const tenants = [];
    for (const [tenant, key] of Object.entries(keys.platform)) tenants.push(await prepareTenant(api.url, tenant, key));
    const ds = new Client({ connectionString: databaseUrl ?? embeddedUrlOf(api.log()) });
    await ds.connect();
    const demoCandidates = (await ds.query(`SELECT id FROM candidate WHERE tenant IS NULL ORDER BY external_id LIMIT 5000`)).rows.map((r) => r.id as string);
    const demoHouseholds = (await ds.query(`SELECT id FROM household ORDER BY external_id LIMIT 2000`)).rows.map((r) => r.id as string);
    await ds.end();
    const world: SoakWorld = { url: api.url, adviserKey: keys.adviser, tenants, demoCandidates, demoHouseholds };
    console.log(
      `npm start (production) serving and ready after ${((performance.now() - bootStarted) / 1000).toFixed(1)} s; three tenants of ${tenants[0].candidateIds.length} candidates and ` +
        `${tenants[0].vacancyIds.length} vacancies made through the API; ${rate} requests/s for ${seconds} s, memory every ${every} s (MB); ${load()}`,
    );

    const t0 = Date.now();
    // Scraped every 5 s; each window reports its last sample and the lowest heap seen in it
    // (the heap just after a collection: the live data, without the garbage not yet collected).
    const first = await sampleMemory(base, api.child.pid!, t0);
    const windows: { s: MemorySample; heapFloor: number }[] = [];
    const print = (s: MemorySample, heapFloor: number, w: TrafficWindow | null) => {
      const errors = w ? [...w.errors.values()].reduce((a, b) => a + b, 0) : 0;
      console.log(
        `${String(Math.round(s.seconds)).padStart(5)} s  rss ${mb(s.rss).padStart(5)}  heap ${mb(heapFloor).padStart(4)}–${mb(s.heapUsed).padStart(4)}/${mb(s.heapTotal).padStart(4)}  ` +
          `external ${mb(s.external).padStart(4)}  arrayBuffers ${mb(s.arrayBuffers).padStart(4)}${s.wasm !== undefined ? `  (PGlite wasm ${mb(s.wasm)})` : ''}` +
          (w
            ? `  | ${w.answered} answered (${(w.answered / every).toFixed(0)}/s), p50 ${percentile(w.latencies, 0.5).toFixed(1)} ms, p95 ${percentile(w.latencies, 0.95).toFixed(1)} ms, ` +
              `${errors} errors${w.skipped ? `, ${w.skipped} skipped (API behind)` : ''}`
            : '  | before the load'),
      );
    };
    print(first, first.heapUsed, null);
    let window = emptyWindow();
    const all = emptyWindow();
    let floor = Infinity;
    let nextReport = every;
    const scrape = async () => {
      const s = await sampleMemory(base, api.child.pid!, t0);
      floor = Math.min(floor, s.heapUsed);
      if (s.seconds + 2.5 < nextReport) return;
      nextReport += every;
      const w = window;
      window = emptyWindow();
      for (const [k, n] of w.errors) all.errors.set(k, (all.errors.get(k) ?? 0) + n);
      for (const [k, n] of w.byOperation) all.byOperation.set(k, (all.byOperation.get(k) ?? 0) + n);
      all.answered += w.answered;
      all.skipped += w.skipped;
      // A last window of a few seconds holds one or two samples: too few for a floor, left out of the figures.
      if (s.seconds - (windows.at(-1)?.s.seconds ?? 0) >= every / 2) {
        windows.push({ s, heapFloor: floor });
        print(s, floor, w);
      }
      floor = Infinity;
    };
    const sampler = setInterval(() => void scrape().catch((err: Error) => console.log(`  sampling failed: ${err.message}`)), 5000);
    await drive({ world, rate, until: t0 + seconds * 1000, maxInFlight, seed: data.seed, current: () => window });
    clearInterval(sampler);
    nextReport = 0;
    await scrape().catch((err: Error) => console.log(`  last sample failed: ${err.message}`)); // the last window, up to the end of the load
    if (windows.length === 0) throw new Error('no memory sample under load');

    const under = windows[0];
    const last = windows[windows.length - 1];
    const half = windows.filter((x) => x.s.seconds >= seconds / 2);
    const perMin = (pick: (x: { s: MemorySample; heapFloor: number }) => number) => (slope(half.map((x) => ({ x: x.s.seconds / 60, y: pick(x) / MB }))) || 0).toFixed(1);
    console.log(
      `after ${Math.round(last.s.seconds)} s: rss ${mb(first.rss)} before the load → ${mb(under.s.rss)} after ${Math.round(under.s.seconds)} s → ${mb(last.s.rss)} MB at the end (peak ${mb(Math.max(...windows.map((x) => x.s.rss)))}); ` +
        `heap floor ${mb(under.heapFloor)} → ${mb(last.heapFloor)} MB; external ${mb(under.s.external)} → ${mb(last.s.external)} MB`,
    );
    console.log(`slope over the second half (MB/min; ~0 = level): rss ${perMin((x) => x.s.rss)}, heap floor ${perMin((x) => x.heapFloor)}, external ${perMin((x) => x.s.external)}`);
    const errorCount = [...all.errors.values()].reduce((a, b) => a + b, 0);
    console.log(`${all.answered.toLocaleString('en')} requests answered, ${errorCount} errors, ${all.skipped} skipped; by operation: ${[...all.byOperation].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const [k, n] of [...all.errors].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  error ×${n}: ${k}`);
    const errorLines = api.log().split('\n').filter((l) => /"level":"(error|fatal)"/.test(l));
    console.log(`API log: ${errorLines.length} error lines${errorLines.length ? `; first: ${errorLines[0].slice(0, 300)}` : ''}; ${load()}`);
  } finally {
    const code = await api.stop();
    if (code !== 0) console.log(`note: the API exited with ${code}:\n${api.log().slice(-1500)}`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase();
  }
}

/** The embedded database's URL, as the API prints it at start. */
function embeddedUrlOf(log: string): string {
  const m = /served at (postgres:\/\/[^\s"]+)/.exec(log);
  if (!m) throw new Error('the API did not print its embedded database URL');
  return m[1];
}
