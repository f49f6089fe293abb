/**
 * A what-if run at the scale evaluators use it, and the API's responsiveness while it runs.
 *
 * On the demo data (seedDemo seed 42: WHATIF_CANDIDATES candidates, default 31,000, which makes
 * about 10,000 households of status holders, and 100,000 vacancies) in a scratch database on the
 * PostgreSQL server (DATABASE_URL, or the local one), the API as `npm start` runs it (production,
 * one job worker). Prints:
 * 1. jobSuggestions over HTTP from a few concurrent clients with no job running (p50, p95);
 * 2. a runScenario over WHATIF_HOUSEHOLDS households (default 10,000), baseline and variant
 *    (WHATIF_POLICY, default {"tieRadiusKm": 30}), alone, timed from the answer to DONE (the
 *    speed goal), with where the time went (the worker's own timings) and the phases as polled;
 * 3. the same run again with the same jobSuggestions load meanwhile, its time, and the ratio of
 *    the p95s (the responsiveness goal);
 * 4. `{ about { version } }` latency during that run.
 * Figures only: nothing here fails on time.
 */
import { Client } from 'pg';
import * as os from 'os';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { loadReferenceData } from '../../api/src/modules/reference/reference-data.loader';
import { ensureLabourDemand } from '../../api/src/modules/labour-demand/labour-demand.service';
import { seedDemo } from '../../cli/src/seed-demo';
import { startApiProcess } from '../../../test/helpers/api-process';

const CANDIDATES = Number(process.env.WHATIF_CANDIDATES ?? 31_000);
const VACANCIES = 100_000;
const HOUSEHOLDS = Number(process.env.WHATIF_HOUSEHOLDS ?? 10_000);
const POLICY = JSON.parse(process.env.WHATIF_POLICY ?? '{"tieRadiusKm": 30}') as Record<string, unknown>;
/** WHATIF_LOAD_RUN=0: the run alone only, without the second run under the request load (say while working on its speed). */
const LOAD_RUN = process.env.WHATIF_LOAD_RUN !== '0';
const CLIENTS = 4;
const IDLE_SECONDS = 15;

const loadLine = () => `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`;
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function gql<T>(url: string, key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data as T;
}

/** `clients` loops asking for job suggestions until `stop()` says so; their latencies in ms. */
function suggestionLoad(url: string, key: string, ids: string[], clients: number): { stop: () => Promise<{ latencies: number[]; errors: number }> } {
  let running = true;
  const latencies: number[] = [];
  let errors = 0;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; running; i += clients) {
      const t = performance.now();
      try {
        await gql(url, key, `query($id: ID!) { jobSuggestions(candidateId: $id, take: 10) { total items { score vacancy { title } } } }`, { id: ids[i % ids.length] });
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return { latencies, errors };
    },
  };
}

const line = (label: string, xs: number[], errors: number) =>
  `${label}: ${xs.length} requests, p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${xs.reduce((m, x) => Math.max(m, x), 0).toFixed(0)} ms${errors ? `, ${errors} errors` : ''}`;

/**
 * The bench's scratch database beside `DATABASE_URL` (or the local server), migrated, with the
 * reference data and the demo data (seed 42) seeded once; its URL.
 */
export async function whatifDatabase(): Promise<string> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const db = 'kansrijk_bench_whatif';
  const admin = new Client({ connectionString: server });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${db}`;
  const url = u.toString();

  // The demo data, once: seeding the same seed again would only update the same records.
  const prep = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
  await prep.initialize();
  try {
    await prep.runMigrations({ transaction: 'each' });
    await loadReferenceData(prep.manager);
    await ensureLabourDemand(prep.manager);
    // A bench interrupted earlier leaves its jobs queued or running in this scratch database; the
    // API would run them first (an interrupted job is queued again) and the figures would time
    // them too. They are the bench's own, so they are cancelled before anything is measured.
    const stale = await prep.query(
      `UPDATE job SET status = 'CANCELLED', phase = 'cancelled', error = 'left over from an interrupted bench run', finished_at = now()
        WHERE status IN ('QUEUED', 'RUNNING') RETURNING id`,
    );
    if (stale[0]?.length) console.log(`cancelled ${stale[0].length} job(s) left over from an interrupted bench run`);
    const [{ n }] = await prep.query(`SELECT count(*)::int AS n FROM candidate WHERE synthetic`);
    if (n < CANDIDATES) {
      const t = performance.now();
      await seedDemo(prep, { candidates: CANDIDATES, vacancies: VACANCIES, seed: 42, today: '2026-12-01', quiet: true });
      console.log(`seeded ${CANDIDATES.toLocaleString('en')} candidates and ${VACANCIES.toLocaleString('en')} vacancies (seed 42) in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
  } finally {
    await prep.destroy();
  }
  return url;
}

export async function whatifBench(): Promise<void> {
  const url = await whatifDatabase();
  const keyOut = await import('child_process').then(({ execFileSync }) =>
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/keys.ts', 'create', '--role', 'ADMIN', '--label', 'whatif bench'], { env: { ...process.env, DATABASE_URL: url } }).toString(),
  );
  const key = /\b(kr_[A-Za-z0-9]+_[A-Za-z0-9_-]+)/.exec(keyOut)![1];

  // The price schedule off: its job would take the worker between the runs and be timed with them.
  const api = await startApiProcess({ databaseUrl: url, env: { JOB_CONCURRENCY: '1', PLACE_PRICES_EVERY_HOURS: '0', PLACE_PRICES_AFTER_DECISIONS: '0' } });
  try {
    const ids: string[] = await (async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      const r = await c.query(`SELECT id FROM candidate WHERE synthetic ORDER BY external_id LIMIT 2000`);
      await c.end();
      return r.rows.map((x: { id: string }) => x.id);
    })();
    console.log(`API ready (npm start, production, JOB_CONCURRENCY=1); ${loadLine()}`);
    // The job worker reads the open vacancies once the API serves (JOB_WORKER_WARM): let it finish
    // first, so that neither the idle figures nor the first run are timed beside it.
    const warm = /job worker ready: ([\d,]+) open vacancies read in ([\d.]+) s/;
    const deadline = Date.now() + 300_000;
    while (!warm.test(api.log()) && !/job worker warm-up failed/.test(api.log()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const warmed = warm.exec(api.log());
    console.log(warmed ? `the job worker read ${warmed[1]} open vacancies at start in ${warmed[2]} s (JOB_WORKER_WARM); the runs below find them read` : 'the job worker did not warm up: the first run reads the vacancies itself');
    // Warm-up, then the idle figures.
    await suggestionLoad(api.url, key, ids, CLIENTS).stop();
    const probe = suggestionLoad(api.url, key, ids, CLIENTS);
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idle = await probe.stop();
    console.log(line(`jobSuggestions over HTTP, ${CLIENTS} clients, no job running (${IDLE_SECONDS} s)`, idle.latencies, idle.errors));

    // The run alone (the speed goal), then again under the request load (the responsiveness goal).
    await timedRun(url, api.url, key, null);
    if (!LOAD_RUN) return;
    const during = await timedRun(url, api.url, key, () => suggestionLoad(api.url, key, ids, CLIENTS));
    console.log(line(`jobSuggestions over HTTP, ${CLIENTS} clients, during the run`, during.latencies, during.errors));
    console.log(`p95 during the run / p95 idle = ${(pct(during.latencies, 95) / pct(idle.latencies, 95)).toFixed(2)} (goal <= 2)`);
    console.log(`{ about { version } } during the run: ${during.about.length} requests, p50 ${pct(during.about, 50).toFixed(1)} ms, max ${during.about.reduce((m, x) => Math.max(m, x), 0).toFixed(0)} ms; ${loadLine()}`);
  } finally {
    await api.stop();
  }
}

/**
 * One runScenario over HOUSEHOLDS households, timed from the answer to DONE, with its phases as
 * polled and where the time went in the worker; `load` (if given) runs while it does. The load's
 * latencies and `{ about { version } }`'s, polled with the phases.
 */
async function timedRun(db: string, url: string, key: string, load: (() => ReturnType<typeof suggestionLoad>) | null): Promise<{ latencies: number[]; errors: number; about: number[] }> {
  console.log(load ? `a second run, with ${CLIENTS} clients asking for jobSuggestions meanwhile:` : 'the run alone (no other requests):');
  const t0 = performance.now();
  const { runScenario } = await gql<{ runScenario: { id: string; status: string } }>(
    url,
    key,
    `mutation($i: ScenarioInput!) { runScenario(input: $i) { id status } }`,
    { i: { name: 'whatif bench', cohort: { syntheticOnly: true, limit: HOUSEHOLDS }, policy: POLICY } },
  );
  console.log(`runScenario answered ${runScenario.status} in ${(performance.now() - t0).toFixed(0)} ms (${HOUSEHOLDS.toLocaleString('en')} households, variant ${JSON.stringify(POLICY)})`);
  const probe = load?.();
  const about: number[] = [];
  let lastPhase = '';
  let status = runScenario.status;
  let error: string | null = null;
  while (!['DONE', 'FAILED', 'CANCELLED'].includes(status)) {
    await new Promise((r) => setTimeout(r, 500));
    const t = performance.now();
    await gql(url, key, '{ about { version } }');
    about.push(performance.now() - t);
    const s = await gql<{ scenario: { status: string; progress: number; phase: string; error: string | null } }>(url, key, `query($id: ID!) { scenario(id: $id) { status progress phase error } }`, { id: runScenario.id });
    status = s.scenario.status;
    error = s.scenario.error;
    const phase = s.scenario.phase.replace(/\(\d+%\)|\(\d+ of \d+\)/, '').trim();
    if (phase !== lastPhase) {
      console.log(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${(100 * s.scenario.progress).toFixed(0).padStart(3)}%  ${s.scenario.phase}`);
      lastPhase = phase;
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const loadResult = probe ? await probe.stop() : { latencies: [], errors: 0 };
  console.log(`scenario ${status}${error ? ` (${error})` : ''} after ${wall.toFixed(1)} s of wall time${load ? ' under the load' : ''} (goal <= 60 s for 10,000 households); ${loadLine()}`);
  const c = new Client({ connectionString: db });
  await c.connect();
  const [row] = (await c.query(`SELECT results FROM scenario WHERE id = $1`, [runScenario.id])).rows as { results: Record<string, unknown> | null }[];
  await c.end();
  if (row?.results) {
    const r = row.results as { timings?: Record<string, number>; cpuSeconds?: Record<string, number>; work?: Record<string, number>; scoredIn?: { parts: number; threads: number; seconds?: Record<string, unknown> | null }; plannedIn?: { seconds: Record<string, number> }; baseline: Record<string, number>; variant: Record<string, number> };
    console.log(`  where the time went in the worker, wall s: ${Object.entries(r.timings ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  the worker thread's own CPU s (its scoring helper's not included): ${Object.entries(r.cpuSeconds ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')} (total ${Object.values(r.cpuSeconds ?? {}).reduce((a, b) => a + b, 0).toFixed(1)})`);
    console.log(`  work: ${JSON.stringify(r.work ?? {})}; scored in ${r.scoredIn?.parts ?? 1} part(s) on ${r.scoredIn?.threads ?? 1} thread(s)`);
    if (r.scoredIn?.seconds) console.log(`  the scoring's threads, wall s: ${JSON.stringify(r.scoredIn.seconds)}`);
    if (r.plannedIn) console.log(`  the plans, wall s (the greedy sweep, the longer of the two plans' solves, the variant's overlapping the sweep, and of their waits on refining): ${JSON.stringify(r.plannedIn.seconds)}`);
    for (const side of ['baseline', 'variant'] as const) {
      const m = r[side];
      console.log(`  ${side}: ${m.householdsPlaced} of ${m.households} households placed, objective ${m.objective.toFixed(2)}, bound ${m.upperBound.toFixed(2)}, gap ${(100 * m.gap).toFixed(2)}%, greedy ${m.greedyObjective.toFixed(2)}`);
    }
  }
  return { ...loadResult, about };
}
