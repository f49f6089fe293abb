/**
 * What the outcome model adds to `municipalitySuggestions` (issue 18, item 7: at most 10% on the
 * p95). The demo data of the suggestions bench (100,000 vacancies, 20,000 candidates, seedDemo
 * seed 42) in a scratch database on the PostgreSQL server (DATABASE_URL's server, named after its
 * database), the API in-process, 500 households (take 5), measured in alternating blocks of 50
 * without a model and with one (fitted here on a synthetic history of 20,000 adults, 50 bootstrap
 * replicates), so that the machine's drift falls on both alike: under the default policy (the
 * model shown on the five listed) and under linkWeights.expectedEmployment 0.2 (every eligible
 * municipality predicted before ranking; compared with the same policy without a model).
 * Figures only; never fails on timing.
 */
import 'reflect-metadata';
import * as os from 'os';
import { performance } from 'perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { fitOutcomeModel, generateHistory } from '@kansrijk/outcome';
import { loadMunicipalities } from '@kansrijk/reference-data';
import { loadEnvironment } from '../../api/src/config/environment';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { createApp } from '../../api/src/main';
import { Role, type Principal } from '../../api/src/common/auth/role';
import { ApiKeyService } from '../../api/src/modules/auth/api-key.service';
import { loadReferenceData } from '../../api/src/modules/reference/reference-data.loader';
import { ensureLabourDemand } from '../../api/src/modules/labour-demand/labour-demand.service';
import { MatchingService, today } from '../../api/src/modules/matching/matching.service';
import { OutcomeModelService } from '../../api/src/modules/outcome/outcome-model.service';
import { MunicipalitySuggestionsService } from '../../api/src/modules/suggestions/municipality-suggestions.service';
import { MunicipalitySuggestionsArgs } from '../../api/src/modules/suggestions/dto/suggestion.args';
import { Language } from '../../api/src/modules/suggestions/models/suggestion.models';
import { seedDemo } from '../../cli/src/seed-demo';

const HOUSEHOLDS = 500;
const BLOCK = 50;

function p(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const ms = (x: number) => `${x.toFixed(2)} ms`;
const load = () => `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`;

export async function outcomeSuggestionsBench(): Promise<void> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new Client({ connectionString: server });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`skipped: cannot reach ${server} (${(err as Error).message})`);
    return;
  }
  const u = new URL(server);
  const db = `${u.pathname.slice(1) || 'kansrijk'}_outcome_bench`;
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${db}`);
  u.pathname = `/${db}`;
  const url = u.toString();
  try {
    let t = performance.now();
    const prep = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
    await prep.initialize();
    try {
      await prep.runMigrations({ transaction: 'each' });
      await loadReferenceData(prep.manager);
      await ensureLabourDemand(prep.manager);
      await seedDemo(prep, { candidates: 20_000, vacancies: 100_000, seed: 42, today: today(), quiet: true });
    } finally {
      await prep.destroy();
    }
    console.log(`prepared and seeded (100,000 vacancies, 20,000 candidates) in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    t = performance.now();
    const municipalities = loadMunicipalities().map((m) => ({ code: m.code, regionCode: m.regionCode, population: m.population }));
    const model = fitOutcomeModel(generateHistory({ rows: 20_000, seed: 42, municipalities }).records, { name: 'bench', createdAt: new Date().toISOString(), dataHash: 'synthetic', bootstrap: 50 });
    console.log(`model ${model.version} fitted on 20,000 synthetic adults in ${((performance.now() - t) / 1000).toFixed(1)} s (${model.terms.length} terms)`);

    const app = await createApp(loadEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '0' }), { url, kind: 'server', poolMax: 10, stop: async () => {} });
    await app.init();
    try {
      await app.get(MatchingService).ready();
      const ds = app.get<DataSource>(getDataSourceToken());
      const households: string[] = (await ds.query('SELECT id FROM household ORDER BY external_id')).map((r: { id: string }) => r.id);
      const { entity } = await app.get(ApiKeyService).create({ role: Role.ADMIN, label: 'outcome bench' });
      const principal: Principal = { keyId: entity.id, role: Role.ADMIN, tenant: null };
      const service = app.get(MunicipalitySuggestionsService);
      const outcome = app.get(OutcomeModelService);
      const picked = households.filter((_, i) => i % Math.max(1, Math.floor(households.length / HOUSEHOLDS)) === 0).slice(0, HOUSEHOLDS);
      const args = (householdId: string, weighted: boolean) =>
        ({ householdId, take: 5, language: Language.NL, ...(weighted ? { policy: { linkWeights: { expectedEmployment: 0.2 } } } : {}) }) as MunicipalitySuggestionsArgs;
      for (const id of picked.slice(0, 20)) await service.municipalitySuggestions(principal, args(id, false)); // warm-up
      // Four arms, in alternating blocks: the default policy and the weighed one (a policy
      // override has a cost of its own: a new matching context), each without and with the model.
      const arms = { plain: [] as number[], shown: [] as number[], neutral: [] as number[], weighed: [] as number[] };
      let expectations = 0;
      const time = async (into: number[], id: string, weighted: boolean) => {
        const s = performance.now();
        const r = await service.municipalitySuggestions(principal, args(id, weighted));
        into.push(performance.now() - s);
        return r;
      };
      for (let b = 0; b < picked.length; b += BLOCK) {
        const block = picked.slice(b, b + BLOCK);
        for (const weighted of [false, true]) {
          await outcome.unload(principal);
          await service.municipalitySuggestions(principal, args(block[0], weighted)); // the policy's context, untimed
          for (const id of block) await time(weighted ? arms.neutral : arms.plain, id, weighted);
          await outcome.load(principal, JSON.stringify(model));
          for (const id of block) expectations += (await time(weighted ? arms.weighed : arms.shown, id, weighted)).items.filter((i) => i.expectedEmployment).length;
        }
      }
      await outcome.unload(principal);
      const line = (label: string, x: number[]) => console.log(`${label}: p50 ${ms(p(x, 0.5))}, p95 ${ms(p(x, 0.95))}, max ${ms(p(x, 1))} (n=${x.length})`);
      line('municipalitySuggestions take 5, default policy, no model', arms.plain);
      line('  the same with the model (weight 0: an expectation on the five listed)', arms.shown);
      line('linkWeights.expectedEmployment 0.2, no model (the component neutral)', arms.neutral);
      line('  the same with the model (every eligible municipality predicted before ranking)', arms.weighed);
      const shown = p(arms.shown, 0.95) / p(arms.plain, 0.95) - 1;
      const weighed = p(arms.weighed, 0.95) / p(arms.neutral, 0.95) - 1;
      const verdict = (x: number) => (x <= 0.1 ? 'met' : 'MISSED');
      console.log(`p95 added by the model: ${(100 * shown).toFixed(1)}% shown, ${(100 * weighed).toFixed(1)}% weighed (goal ≤ 10%: ${verdict(shown)} / ${verdict(weighed)}); ${expectations} items carried an expectation; ${load()}`);
    } finally {
      await app.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}
