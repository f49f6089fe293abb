/**
 * Suggestions (issue 5, item 7) on the demo data: 100,000 vacancies and 20,000 candidates from
 * `seedDemo` (seed 42) in a scratch database on the PostgreSQL server (DATABASE_URL, or the local
 * one at 127.0.0.1:5432; created and dropped here). Prints:
 * - seeding time, and the matching index build at boot (MatchingService.ready());
 * - jobSuggestions top-10 in-process over 1,000 candidates: the index alone and the whole service
 *   call (explanations, vacancy summaries held in memory, the audit insert);
 * - municipalitySuggestions (take 5) in-process over 500 households;
 * - the same job ranking as one PostgreSQL statement (sql-ranking.ts) over 100 candidates: its
 *   latency, its agreement with the engine, and the ratio;
 * - jobSuggestions over HTTP on loopback against the API started as `npm start` starts it
 *   (production mode, its own node flags), with one API process and then one per core
 *   (API_WORKERS): 50 concurrent clients for 20 s (autocannon in a worker thread of this
 *   process, which is otherwise idle by then), every response checked.
 * Figures only; never fails on timing. Fails when a response carries errors or the lists cannot
 * be compared.
 */
import 'reflect-metadata';
import * as os from 'os';
import { Worker } from 'worker_threads';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DEFAULT_POLICY, explainPrepared } from '@kansrijk/scoring';
import { loadEnvironment } from '../../api/src/config/environment';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { createApp } from '../../api/src/main';
import { Role, type Principal } from '../../api/src/common/auth/role';
import { ApiKeyService } from '../../api/src/modules/auth/api-key.service';
import { loadReferenceData } from '../../api/src/modules/reference/reference-data.loader';
import { ensureLabourDemand } from '../../api/src/modules/labour-demand/labour-demand.service';
import { AuditService } from '../../api/src/modules/audit/audit.service';
import { MatchingService, today } from '../../api/src/modules/matching/matching.service';
import { MunicipalitySuggestionsService } from '../../api/src/modules/suggestions/municipality-suggestions.service';
import { SuggestionsService } from '../../api/src/modules/suggestions/suggestions.service';
import { JobSuggestionsArgs, MunicipalitySuggestionsArgs } from '../../api/src/modules/suggestions/dto/suggestion.args';
import { Language } from '../../api/src/modules/suggestions/models/suggestion.models';
import { seedDemo } from '../../cli/src/seed-demo';
import { startApiProcess } from '../../../test/helpers/api-process';
import { jobRankingSql, SQL_RANKING_DIFFERENCES } from './sql-ranking';

const CANDIDATES = 20_000;
const VACANCIES = 100_000;
const SEED = 42;
const SAMPLE = 1000; // candidates for the in-process latencies
const HTTP_SAMPLE = 5000; // candidates asked for in turn over HTTP
const HTTP_SECONDS = 20;
const HTTP_CONNECTIONS = 50;
const HOUSEHOLDS = 500; // p95 from the 25 slowest rather than the 10 slowest: a steadier figure
const SQL_CANDIDATES = 100;

/** Deterministic 32-bit PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentiles(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] };
}

const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : x < 100 ? 2 : 0)} ms`;
const line = (label: string, samples: number[], extra = '') => {
  const p = percentiles(samples);
  console.log(`${label}: p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, p99 ${ms(p.p99)}, max ${ms(p.max)} (n=${samples.length})${extra}`);
  return p;
};
const load = () => `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`;
const goal = (ok: boolean) => (ok ? 'meets the goal' : 'MISSES the goal');

/** n distinct items drawn deterministically. */
function draw<T>(xs: readonly T[], n: number, seed: number): T[] {
  const r = rng(seed);
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
}

const JOB_QUERY = `query($id: ID!) { jobSuggestions(candidateId: $id, take: 10) { total policyVersion suggestionId
  items { rank vacancyId score eligible distanceKm earliestStart vacancy { title employerName municipalityName hoursPerWeek startDate }
          components { name value contribution reason } checks { rule passed reason } } } }`;

/** autocannon, run in a worker thread; every response is parsed and must have data and no errors. */
const HTTP_WORKER = `
const { parentPort, workerData: w } = require('worker_threads');
const autocannon = require(w.autocannonPath);
let next = 0, bad = 0, checked = 0, firstBad = null;
const latencies = [];
const instance = autocannon({
  url: w.url, connections: w.connections, duration: w.seconds, method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + w.key },
  requests: [{
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: w.query, variables: { id: w.ids[next++ % w.ids.length] } }) }),
    onResponse: (status, body) => {
      checked++;
      let ok = status === 200;
      try { const b = JSON.parse(body); ok = ok && !b.errors && Array.isArray(b.data.jobSuggestions.items); } catch { ok = false; }
      if (!ok) { bad++; if (firstBad === null) firstBad = String(body).slice(0, 300); }
    },
  }],
}, (err, res) => parentPort.postMessage({
  err: err ? String(err) : null, bad, checked, firstBad, latencies, sent: next,
  res: res && { duration: res.duration, errors: res.errors, timeouts: res.timeouts, non2xx: res.non2xx },
}));
instance.on('response', (client, status, bytes, responseTime) => latencies.push(responseTime));
`;

interface HttpResult {
  err: string | null;
  /** autocannon's raw result in a worker thread (it aggregates percentiles only on the main thread): latencies are ours. */
  res: { duration: number; errors: number; timeouts: number; non2xx: number };
  bad: number;
  checked: number;
  firstBad: string | null;
  latencies: number[];
  sent: number;
}

function runHttp(url: string, key: string, ids: string[], seconds: number, connections: number): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HTTP_WORKER, {
      eval: true,
      workerData: { autocannonPath: require.resolve('autocannon'), url, key, ids, query: JOB_QUERY, seconds, connections },
    });
    worker.once('message', (m: HttpResult) => {
      void worker.terminate();
      // Let the requests autocannon left in flight finish before the next step.
      setTimeout(() => resolve(m), 1000);
    });
    worker.once('error', reject);
  });
}

/** What the HTTP part needs from the in-process part: an API key and the candidates to ask for. */
interface HttpInputs {
  key: string;
  ids: string[];
}

async function measure(url: string): Promise<HttpInputs> {
  // 1. Setup: migrations, reference data, labour demand, then the demo data through seedDemo.
  let started = performance.now();
  const prep = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
  await prep.initialize();
  const day = today();
  try {
    await prep.runMigrations({ transaction: 'each' });
    await loadReferenceData(prep.manager);
    await ensureLabourDemand(prep.manager);
    console.log(`prepare (migrations, reference data, labour-demand sample): ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    await seedDemo(prep, { candidates: CANDIDATES, vacancies: VACANCIES, seed: SEED, today: day, quiet: true });
    console.log(`seeding (seedDemo, ${CANDIDATES.toLocaleString('en')} candidates, ${VACANCIES.toLocaleString('en')} vacancies, seed ${SEED}, today ${day}): ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await prep.destroy();
  }

  // 2. Boot the API on it and time the matching index build.
  const env = loadEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '0' });
  started = performance.now();
  const app = await createApp(env, { url, kind: 'server', poolMax: env.DB_POOL_MAX, stop: async () => {} });
  const tCreate = performance.now() - started;
  try {
    const matching = app.get(MatchingService);
    const t0 = performance.now();
    await matching.ready();
    const tBuild = performance.now() - t0;
    const index = await matching.matchingIndex();
    console.log(
      `index build at boot (MatchingService.ready(): read ${index.size.vacancies.toLocaleString('en')} open vacancies, ${index.size.candidates.toLocaleString('en')} candidates, the ESCO catalogue and labour demand; prepare; build): ${ms(tBuild)}; ` +
        `boot ${((performance.now() - started) / 1000).toFixed(1)} s (app created in ${ms(tCreate)})`,
    );
    const ds = app.get<DataSource>(getDataSourceToken());
    const allIds: string[] = (await ds.query('SELECT id FROM candidate ORDER BY external_id')).map((r: { id: string }) => r.id);
    const households: string[] = (await ds.query('SELECT id FROM household ORDER BY external_id')).map((r: { id: string }) => r.id);
    const sample = draw(allIds, SAMPLE, 7);
    const { key, entity } = await app.get(ApiKeyService).create({ role: Role.ADVISER, label: 'suggestions bench' });
    const principal: Principal = { keyId: entity.id, role: Role.ADVISER, tenant: null };
    const context = index.context;
    console.log(`day ${context.onDate}, policy ${context.policy.version}; candidates and households drawn with a fixed seed by their demo externalId (ids are random uuids); ${load()}`);

    // 3. jobSuggestions top-10 in-process: (a) the index alone, (b) the whole service call.
    for (const id of sample.slice(0, 100)) index.topJobsForCandidate({ candidate: id, k: 10, context }); // warm-up
    const engine = new Map<string, number>();
    const tIndex: number[] = [];
    let matched = 0;
    for (const id of sample) {
      const t = performance.now();
      const r = index.topJobsForCandidate({ candidate: id, k: 10, context });
      const dt = performance.now() - t;
      tIndex.push(dt);
      engine.set(id, dt);
      matched += r.matched;
    }
    const service = app.get(SuggestionsService);
    const args = (candidateId: string) => ({ candidateId, take: 10, language: Language.NL }) as JobSuggestionsArgs;
    for (const id of sample.slice(0, 50)) await service.jobSuggestions(principal, args(id)); // warm-up
    const tService: number[] = [];
    let empty = 0;
    for (const id of sample) {
      const t = performance.now();
      const page = await service.jobSuggestions(principal, args(id));
      tService.push(performance.now() - t);
      if (page.items.length === 0) empty++;
    }
    const a = line(`(a) index alone, topJobsForCandidate top-10 (${SAMPLE} candidates)`, tIndex, `; ${Math.round(matched / SAMPLE).toLocaleString('en')} eligible vacancies per candidate on average`);
    const b = line(`(b) SuggestionsService.jobSuggestions top-10 (explained, summaries, audit insert)`, tService, `; ${empty} candidates with no eligible vacancy`);
    console.log(`goal p95 <= 10 ms in-process: (a) ${ms(a.p95)} ${goal(a.p95 <= 10)}; (b) ${ms(b.p95)} ${goal(b.p95 <= 10)}`);
    // Where (b) spends its time beyond (a): the ten explanations, and its one statement (the audit insert, a
    // committed transaction of its own; concurrent calls share one), shown by a bare round trip and an audit insert.
    const audit = app.get(AuditService);
    const tExplain: number[] = [];
    const tAudit: number[] = [];
    const tRound: number[] = [];
    for (const id of sample.slice(0, 200)) {
      const top = index.topJobsForCandidate({ candidate: id, k: 10, context });
      let t = performance.now();
      for (const item of top.items) explainPrepared(top.candidate, index.preparedVacancy(item.vacancyId, top.context)!, top.context);
      tExplain.push(performance.now() - t);
      t = performance.now();
      await ds.query('SELECT 1');
      tRound.push(performance.now() - t);
      t = performance.now();
      await audit.record(principal, { action: 'suggestions.jobs', subjectType: 'candidate', subjectRefs: ['bench'], details: { ranked: top.items.map((i) => ({ id: i.vacancyId, score: i.score })) } });
      tAudit.push(performance.now() - t);
    }
    const pe = percentiles(tExplain);
    const pr = percentiles(tRound);
    const pa = percentiles(tAudit);
    console.log(`  of (b), for scale (200 candidates): explaining 10 items p50 ${ms(pe.p50)}, p95 ${ms(pe.p95)}; SELECT 1 round trip p50 ${ms(pr.p50)}, p95 ${ms(pr.p95)}; an audit insert (AuditService.record) p50 ${ms(pa.p50)}, p95 ${ms(pa.p95)}`);

    // 4. municipalitySuggestions (take 5) in-process.
    const picked = draw(households, HOUSEHOLDS, 11);
    const municipalities = app.get(MunicipalitySuggestionsService);
    const margs = (householdId: string) => ({ householdId, take: 5, language: Language.NL }) as MunicipalitySuggestionsArgs;
    for (const id of picked.slice(0, 20)) await municipalities.municipalitySuggestions(principal, margs(id)); // warm-up
    const tMuni: number[] = [];
    let infeasible = 0;
    for (const id of picked) {
      const t = performance.now();
      const res = await municipalities.municipalitySuggestions(principal, margs(id));
      tMuni.push(performance.now() - t);
      if (!res.feasible) infeasible++;
    }
    const m = line(`municipalitySuggestions take 5 (${HOUSEHOLDS} households of ${households.length.toLocaleString('en')})`, tMuni, `; ${infeasible} infeasible`);
    console.log(`goal p95 <= 20 ms: ${ms(m.p95)} ${goal(m.p95 <= 20)}`);

    // 5. The same ranking as one PostgreSQL statement, against the engine on the same day and policy.
    const sqlText = jobRankingSql(context.policy, 10);
    if (context.policy !== DEFAULT_POLICY) console.log('note: the index context does not hold the default policy object');
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const sqlSample = sample.slice(0, SQL_CANDIDATES);
      const rank = (id: string) => client.query<{ id: string; score: number }>({ name: 'job_ranking', text: sqlText, values: [id, context.onDate] });
      for (const id of sqlSample.slice(0, 10)) await rank(id); // warm-up (plan, caches)
      const tSql: number[] = [];
      const tEngine: number[] = [];
      let identical = 0;
      let maxDiff = 0;
      let missing = 0;
      const differing: string[] = [];
      for (const id of sqlSample) {
        let t = performance.now();
        const { rows } = await rank(id);
        tSql.push(performance.now() - t);
        t = performance.now();
        const top = index.topJobsForCandidate({ candidate: id, k: 10, context });
        tEngine.push(performance.now() - t);
        const same = rows.length === top.items.length && rows.every((r, i) => r.id === top.items[i].vacancyId);
        if (same) identical++;
        else differing.push(id);
        const sqlScore = new Map(rows.map((r) => [r.id, r.score]));
        for (const item of top.items) {
          const s = sqlScore.get(item.vacancyId);
          if (s === undefined) missing++;
          else maxDiff = Math.max(maxDiff, Math.abs(s - item.score));
        }
      }
      const sp = line(`one SQL statement, top-10 job ranking (${SQL_CANDIDATES} candidates, warm, prepared statement)`, tSql);
      const ep = line(`engine topJobsForCandidate on the same ${SQL_CANDIDATES} candidates`, tEngine);
      console.log(
        `agreement: identical top-10 ids (same order) for ${identical}/${sqlSample.length} candidates (${((100 * identical) / sqlSample.length).toFixed(0)}%); ` +
          `largest score difference on shared ids ${maxDiff.toExponential(2)}; ${missing} engine items absent from the SQL lists${differing.length ? `; differing: ${differing.slice(0, 5).join(', ')}` : ''}`,
      );
      console.log(`SQL differs from the library only in: ${SQL_RANKING_DIFFERENCES.join('; ')}`);
      const ratio = sp.p50 / ep.p50;
      console.log(`ratio SQL p50 / engine p50 = ${ratio.toFixed(0)}× (goal: engine >= 20× faster: ${goal(ratio >= 20)}); p95 ratio ${(sp.p95 / ep.p95).toFixed(0)}×`);
    } finally {
      await client.end();
    }
    return { key, ids: draw(allIds, HTTP_SAMPLE, 13) };
  } finally {
    await app.close();
  }
}

/** The API as `npm start` runs it, on `url`, with `workers` API processes. */
async function startApi(url: string, workers: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const api = await startApiProcess({ databaseUrl: url, workers });
  return {
    port: api.port,
    stop: async () => {
      const code = await api.stop();
      if (code !== 0) console.log(`  note: the API exited with ${code}:\n${api.log().slice(-1000)}`);
    },
  };
}

/** jobSuggestions over HTTP on loopback against `npm start` with `workers` API processes. */
async function measureHttp(url: string, inputs: HttpInputs, workers: number, alsoOne: boolean): Promise<void> {
  const started = performance.now();
  const api = await startApi(url, workers);
  try {
    const endpoint = `http://127.0.0.1:${api.port}/graphql`;
    console.log(`npm start with API_WORKERS=${workers}, NODE_ENV=production on the same database: every worker listening after ${((performance.now() - started) / 1000).toFixed(1)} s; ${load()}`);
    const probe = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${inputs.key}` }, body: JSON.stringify({ query: JOB_QUERY, variables: { id: inputs.ids[0] } }) });
    const probeBody = (await probe.json()) as { errors?: unknown; data?: { jobSuggestions: { items: unknown[] } } };
    if (probe.status !== 200 || probeBody.errors) throw new Error(`jobSuggestions over HTTP failed: ${probe.status} ${JSON.stringify(probeBody).slice(0, 500)}`);
    await runHttp(endpoint, inputs.key, inputs.ids, 5, HTTP_CONNECTIONS); // warm-up
    const http = await runHttp(endpoint, inputs.key, inputs.ids, HTTP_SECONDS, HTTP_CONNECTIONS);
    if (http.err) throw new Error(`autocannon: ${http.err}`);
    const h = percentiles(http.latencies);
    const rps = http.checked / http.res.duration;
    console.log(
      `HTTP jobSuggestions top-10, API_WORKERS=${workers}, ${HTTP_CONNECTIONS} connections, ${http.res.duration.toFixed(0)} s: p50 ${ms(h.p50)}, p95 ${ms(h.p95)}, p99 ${ms(h.p99)}, max ${ms(h.max)}; ` +
        `${Math.round(rps).toLocaleString('en')} requests/s (${http.checked.toLocaleString('en')} responses, candidates in turn from ${inputs.ids.length.toLocaleString('en')})`,
    );
    console.log(
      `  checked ${http.checked.toLocaleString('en')} responses: ${http.bad} with errors or without data; autocannon: ${http.res.errors} errors, ${http.res.timeouts} timeouts, ${http.res.non2xx} non-2xx`,
    );
    if (http.bad || http.res.errors || http.res.non2xx) console.log(`  first bad response: ${http.firstBad}`);
    console.log(`goal p95 <= 50 ms over HTTP (API_WORKERS=${workers}): ${ms(h.p95)} ${goal(h.p95 <= 50)}; ${load()}`);
    if (alsoOne) {
      // With 50 clients each waiting for its answer, latency ≈ 50 / throughput (Little's law): one client shows it without the queue.
      const one = await runHttp(endpoint, inputs.key, inputs.ids, 5, 1);
      const o = percentiles(one.latencies);
      console.log(`  for scale: 1 connection, 5 s: p50 ${ms(o.p50)}, p95 ${ms(o.p95)}, ${Math.round(one.checked / one.res.duration)} requests/s, ${one.bad} bad`);
    }
  } finally {
    await api.stop();
  }
}

export async function suggestionsBench(): Promise<void> {
  console.log(`${VACANCIES.toLocaleString('en')} vacancies, ${CANDIDATES.toLocaleString('en')} candidates (seedDemo, seed ${SEED}) on a PostgreSQL server; ${load()}`);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new Client({ connectionString: server });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`skipped: cannot reach ${server} (${(err as Error).message})`);
    return;
  }
  const db = 'kansrijk_bench_suggest';
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${db}`);
  const u = new URL(server);
  u.pathname = `/${db}`;
  const started = performance.now();
  try {
    const inputs = await measure(u.toString());
    // Over HTTP last, with the in-process app closed: one API process, then one per core.
    const cores = os.cpus().length;
    await measureHttp(u.toString(), inputs, 1, true);
    if (cores > 1) await measureHttp(u.toString(), inputs, cores, false);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
    console.log(`whole run ${((performance.now() - started) / 1000).toFixed(0)} s; ${load()}`);
  }
}
