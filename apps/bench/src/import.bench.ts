/**
 * Import benchmark (issue 4): 100,000 vacancies into the embedded database and into the
 * PostgreSQL server, in batches of 10,000, measured at three depths:
 * - write: already-validated rows through the batched unnest() upsert (the persistence layer);
 * - service: VacanciesService.import in-process (validation, reference checks, write, audit);
 * - api: importVacancies over HTTP (adds JSON, GraphQL parsing and input coercion).
 * The server is DATABASE_URL, or the local one at 127.0.0.1:5432; a scratch database is
 * created there and dropped afterwards.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { loadOccupations, loadOccupationSkills, loadPostcodeAreas } from '@kansrijk/reference-data';
import { mulberry32 as rng } from '../../cli/src/demo/random';
import { loadEnvironment } from '../../api/src/config/environment';
import { EmbeddedPostgres } from '../../api/src/database/embedded-postgres';
import { createApp } from '../../api/src/main';
import { ApiKeyService } from '../../api/src/modules/auth/api-key.service';
import { Role } from '../../api/src/common/auth/role';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { VacanciesService } from '../../api/src/modules/vacancies/vacancies.service';
import { ReferenceIndex } from '../../api/src/modules/reference/reference-index.service';
import { checkVacancy, VacancyRow } from '../../api/src/modules/vacancies/vacancy-rules';
import { validateShape } from '../../api/src/common/validation/validate-shape';
import { VacancyInput } from '../../api/src/modules/vacancies/dto/vacancy.input';
import { writeVacancies } from '../../api/src/modules/vacancies/vacancy.writer';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { loadReferenceData } from '../../api/src/modules/reference/reference-data.loader';

const TOTAL = 100_000;
const BATCH = 10_000;


function vacancies(n: number, employerId: string, prefix: string): Record<string, unknown>[] {
  const rand = rng(42);
  const postcodes = loadPostcodeAreas().filter((p) => p.population > 0);
  const occupations = loadOccupations();
  const skills = new Map<string, string[]>();
  for (const r of loadOccupationSkills()) if (r.relation === 'essential') (skills.get(r.occupationId) ?? skills.set(r.occupationId, []).get(r.occupationId)!).push(r.skillId);
  const levels = ['NONE', 'A1', 'A2', 'B1', 'B2'];
  return Array.from({ length: n }, (_, i) => {
    const occ = occupations[Math.floor(rand() * occupations.length)];
    const own = skills.get(occ.id) ?? [];
    return {
      externalId: `${prefix}-${i}`,
      employerId,
      title: occ.labelNl.slice(0, 200),
      occupationId: occ.id,
      essentialSkills: own.slice(0, 3 + Math.floor(rand() * 5)),
      minDutchLevel: levels[Math.floor(rand() * levels.length)],
      hoursPerWeek: 8 + Math.floor(rand() * 33),
      contractMonths: 6 + Math.floor(rand() * 19),
      monthlyWage: 2200 + Math.round(rand() * 1500),
      location: { postcode: postcodes[Math.floor(rand() * postcodes.length)].pc4 },
      startDate: '2027-01-15',
      languageCoaching: rand() < 0.3,
      workPermitWillingness: rand() < 0.5,
    };
  });
}

async function measure(label: string, url: string, kind: 'embedded' | 'server'): Promise<Map<string, number>> {
  const prep = new DataSource(dataSourceOptions({ url, poolMax: 1 }));
  await prep.initialize();
  await prep.runMigrations();
  await loadReferenceData(prep.manager);
  await prep.destroy();
  const env = loadEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: url });
  const app = await createApp(env, { url, kind, poolMax: kind === 'embedded' ? 4 : 10, stop: async () => {} });
  await app.listen(0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/graphql`;
  const { key } = await app.get(ApiKeyService).create({ role: Role.PLATFORM, tenant: 'bench', label: 'bench' });
  const call = async (query: string, variables: unknown) => {
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, { saved?: number; id?: string }>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data!;
  };
  const employerId = (await call('mutation { e: createEmployer(input: { name: "Bench BV" }) { id } }', {})).e.id!;
  const rates = new Map<string, number>();
  const report = (depth: string, n: number, ms: number) => {
    rates.set(depth, Math.round((n / ms) * 1000));
    console.log(`${label.padEnd(9)} ${depth.padEnd(8)} ${n} vacancies in ${(ms / 1000).toFixed(1)} s = ${rates.get(depth)!.toLocaleString('en')} records/s`);
  };

  // write: the persistence layer alone, on rows validated beforehand.
  const ds = app.get<DataSource>(getDataSourceToken());
  const ref = await app.get(ReferenceIndex).snapshot();
  const checked: VacancyRow[] = vacancies(TOTAL, employerId, `w-${Date.now()}`).map(
    (r, i) => checkVacancy(validateShape(VacancyInput, r, `input[${i}]`).value, ref, { path: `input[${i}]`, today: '2026-11-22', employerVisible: () => true }).row!,
  );
  let started = performance.now();
  for (let i = 0; i < TOTAL; i += BATCH) await ds.transaction((tx) => writeVacancies(tx, checked.slice(i, i + BATCH), { tenant: 'bench', source: 'tenant:bench' }));
  report('write', TOTAL, performance.now() - started);

  // service: validation, reference checks, write and audit, in-process.
  const service = app.get(VacanciesService);
  const principal = { keyId: '00000000-0000-4000-8000-000000000000', role: Role.PLATFORM, tenant: 'bench' };
  const serviceRows = vacancies(TOTAL, employerId, `s-${Date.now()}`);
  started = performance.now();
  let saved = 0;
  for (let i = 0; i < TOTAL; i += BATCH) saved += (await service.import(principal, serviceRows.slice(i, i + BATCH), true)).saved;
  report('service', saved, performance.now() - started);

  // api: over HTTP, first inserting, then the same externalIds again (updates).
  const rows = vacancies(TOTAL, employerId, `a-${Date.now()}`);
  const mutation = 'mutation($rows: [VacancyInput!]!) { r: importVacancies(input: $rows) { saved } }';
  for (const pass of ['api', 'api (re)']) {
    started = performance.now();
    saved = 0;
    for (let i = 0; i < rows.length; i += BATCH) saved += (await call(mutation, { rows: rows.slice(i, i + BATCH) })).r.saved!;
    report(pass, saved, performance.now() - started);
  }
  await app.close();
  return rates;
}

export async function importBench(): Promise<void> {
  console.log(`${TOTAL.toLocaleString('en')} vacancies in batches of ${BATCH.toLocaleString('en')}; write = batched upsert only, service = + validation and audit, api = + HTTP and GraphQL; (re) = same externalIds again`);
  const embedded = await EmbeddedPostgres.start({ dataDir: null });
  try {
    await measure('embedded', embedded.url, 'embedded');
  } finally {
    await embedded.stop();
  }
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new Client({ connectionString: server });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`server    skipped: cannot reach ${server} (${(err as Error).message})`);
    return;
  }
  const db = 'kansrijk_bench_import';
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${db}`);
  const u = new URL(server);
  u.pathname = `/${db}`;
  try {
    const rates = await measure('server', u.toString(), 'server');
    const verdict = (depth: string) => `${depth} ${rates.get(depth)!.toLocaleString('en')}/s ${rates.get(depth)! >= 20_000 ? 'meets' : 'misses'}`;
    console.log(`goal >= 20,000 records/s into the server: ${['write', 'service', 'api'].map(verdict).join('; ')} (2 cores shared by Node and PostgreSQL)`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}
