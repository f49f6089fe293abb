/**
 * `npm run seed:demo -- --candidates 20000 --vacancies 100000 --seed 42 [--today 2026-11-22]`
 *
 * Deterministic synthetic households, candidates, employers and vacancies across the
 * country (see demo/generate.ts), every one marked synthetic and written through the same
 * validation and writers as the API (source "demo": running the same seed again updates
 * the same records). Works on the embedded database (DATA_DIR) or DATABASE_URL; the API
 * must not hold the same embedded data directory at the same time.
 */
import 'reflect-metadata';
import { randomUUID } from 'crypto';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { loadMunicipalities, loadOccupations, loadOccupationSkills, loadPostcodeAreas, OccupationRecord } from '@kansrijk/reference-data';
import { loadEnvironment } from '../../api/src/config/environment';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { openDatabaseTarget, redactUrl } from '../../api/src/database/database-target';
import { bulkUpsert } from '../../api/src/database/bulk-upsert';
import { validateShape } from '../../api/src/common/validation/validate-shape';
import { loadReferenceData } from '../../api/src/modules/reference/reference-data.loader';
import { ReferenceIndex } from '../../api/src/modules/reference/reference-index.service';
import { ensureLabourDemand } from '../../api/src/modules/labour-demand/labour-demand.service';
import { CandidateInput } from '../../api/src/modules/candidates/dto/candidate.input';
import { checkCandidate, CandidateRow } from '../../api/src/modules/candidates/candidate-rules';
import { writeCandidates } from '../../api/src/modules/candidates/candidate.writer';
import { VacancyInput } from '../../api/src/modules/vacancies/dto/vacancy.input';
import { checkVacancy, VacancyRow } from '../../api/src/modules/vacancies/vacancy-rules';
import { writeVacancies } from '../../api/src/modules/vacancies/vacancy.writer';
import { persistChange } from '../../api/src/modules/records/record-events';
import { periodOf } from '../../api/src/modules/housing/housing-task';
import { DemoWorld, makeCandidate, makeVacancy, sectorWeight } from './demo/generate';
import { addDays, Random, WeightedTable } from './demo/random';

const OWNER = { tenant: null, source: 'demo' };
const FEED_ORIGIN = `seed-demo:${process.pid}`;
const CHUNK = 5000;

/** What to seed: counts, the generator's seed, the day dates are relative to, and whether to hide the progress bars. */
export interface SeedDemoOptions {
  candidates: number;
  vacancies: number;
  seed: number;
  today: string;
  quiet: boolean;
}

function args(argv: string[]) {
  const get = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new Error(`--${name} must be a whole number from 0 to 1,000,000`);
    return n;
  };
  const t = argv.indexOf('--today');
  const today = t >= 0 ? argv[t + 1] : new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today ?? '')) throw new Error('--today must be a date YYYY-MM-DD');
  return { candidates: get('candidates', 20000), vacancies: get('vacancies', 100000), seed: get('seed', 42), today, quiet: argv.includes('--quiet') || !process.stderr.isTTY };
}

async function main(): Promise<void> {
  const o = args(process.argv.slice(2));
  const started = performance.now();
  const env = loadEnvironment();
  const target = await openDatabaseTarget(env);
  console.log(`database: ${target.kind} at ${redactUrl(target.url)}`);
  const ds = new DataSource(dataSourceOptions({ url: target.url, poolMax: 2 }));
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await loadReferenceData(ds.manager);
    await ensureLabourDemand(ds.manager);
    await seedDemo(ds, o);
  } finally {
    await ds.destroy();
    await target.stop();
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Seeds the demo records into a migrated database that holds the reference data and labour demand
 * (the CLI above, and the suggestions benchmark, prepare it first). Prints what it wrote.
 */
export async function seedDemo(ds: DataSource, o: SeedDemoOptions): Promise<void> {
  const r = new Random(o.seed);
  const ref = await new ReferenceIndex(ds).snapshot();
  const essential = new Map<string, string[]>();
  const optional = new Map<string, string[]>();
  for (const rel of loadOccupationSkills()) {
    const map = rel.relation === 'essential' ? essential : optional;
    (map.get(rel.occupationId) ?? map.set(rel.occupationId, []).get(rel.occupationId)!).push(rel.skillId);
  }
  // Dates are relative to --today (default: the real today); fix it for identical data on any day.
  const today = o.today;
  const world: DemoWorld = {
    postcodes: new WeightedTable(loadPostcodeAreas(), (p) => p.population),
    municipalities: new WeightedTable(loadMunicipalities(), (m) => m.population),
    occupations: new WeightedTable<OccupationRecord>(loadOccupations(), (oc) => sectorWeight(oc.iscoCode)),
    essential,
    optional,
    allSkills: [...ref.skills],
    today,
  };
  const bar = (label: string, total: number) => {
    const b = o.quiet ? null : new SingleBar({ format: `${label.padEnd(11)} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true }, Presets.shades_classic);
    b?.start(total, 0);
    return b;
  };

  // Candidates, with status holders grouped into households afterwards.
  const statuses: { id?: string; status: string; householdSeed: number }[] = [];
  const b1 = bar('candidates', o.candidates);
  for (let from = 0; from < o.candidates; from += CHUNK) {
    const rows: CandidateRow[] = [];
    for (let i = from; i < Math.min(o.candidates, from + CHUNK); i++) {
      const status = r.weighted([['ASYLUM_SEEKER', 45], ['STATUS_HOLDER', 45], ['DISPLACED_UKRAINE', 10]] as const);
      const birth = addDays(today, -r.int(18 * 365 + 5, 58 * 365));
      const input = makeCandidate(r, world, i, o.seed, status, birth);
      const shape = validateShape(CandidateInput, input, `candidate ${i}`);
      const checked = shape.problems.length ? shape : checkCandidate(shape.value, ref, { path: `candidate ${i}`, today });
      if (!('row' in checked) || !checked.row) throw new Error(`demo generator made an invalid candidate: ${JSON.stringify(checked.problems)}`);
      rows.push(checked.row);
      statuses.push({ status, householdSeed: r.next() });
    }
    const saved = await ds.transaction(async (tx) => {
      const written = await writeCandidates(tx, rows, OWNER);
      // Through the change feed, like every writer: a running API picks the records up.
      await persistChange(tx, FEED_ORIGIN, { kind: 'candidate', ids: written.map((w) => w.id), op: 'upserted' });
      return written;
    });
    saved.forEach((s, k) => (statuses[from + k].id = s.id));
    b1?.increment(rows.length);
  }
  b1?.stop();

  // Households of status holders (R16): 1 to 6 persons, one or two adults with a record.
  const holders = statuses.filter((s) => s.status === 'STATUS_HOLDER');
  const households: { id: string; externalId: string; size: number; members: string[]; arrival: string }[] = [];
  for (let i = 0; i < holders.length; ) {
    const size = r.weighted([[1, 45], [2, 20], [3, 12], [4, 12], [5, 7], [6, 4]] as const);
    const adults = size >= 2 && r.chance(0.7) && i + 1 < holders.length ? 2 : 1;
    const members = holders.slice(i, i + adults).map((h) => h.id!);
    i += adults;
    households.push({ id: randomUUID(), externalId: `demo-${o.seed}-h${households.length}`, size: Math.max(size, members.length), members, arrival: addDays(today, -r.int(0, 60)) });
  }
  await ds.transaction(async (tx) => {
    const saved = await bulkUpsert<{ id: string; external_id: string }>(tx, {
      table: 'household',
      conflict: ['source', 'external_id'],
      keepOnConflict: ['id', 'created_at'],
      returning: 'id, external_id',
      columns: [
        { name: 'id', type: 'uuid', values: households.map((h) => h.id) },
        { name: 'tenant', type: 'text', values: [null], same: true },
        { name: 'source', type: 'text', values: ['demo'], same: true },
        { name: 'external_id', type: 'text', values: households.map((h) => h.externalId) },
        { name: 'size', type: 'int', values: households.map((h) => h.size) },
        { name: 'arrival_date', type: 'date', values: households.map((h) => h.arrival) },
        { name: 'synthetic', type: 'bool', values: [true], same: true },
      ],
    });
    const idOf = new Map(saved.map((s) => [s.external_id, s.id]));
    const pairs = households.flatMap((h) => h.members.map((m) => [idOf.get(h.externalId)!, m]));
    await bulkUpsert(tx, {
      table: 'household_member',
      conflict: ['candidate_id'],
      keepOnConflict: ['household_id'],
      columns: [
        { name: 'household_id', type: 'uuid', values: pairs.map((p) => p[0]) },
        { name: 'candidate_id', type: 'uuid', values: pairs.map((p) => p[1]) },
      ],
    });
  });
  console.log(`households: ${households.length} (${holders.length} status holders)`);

  // Vacancies, about twenty per employer.
  const employers = Math.max(1, Math.round(o.vacancies / 20));
  const b2 = bar('vacancies', o.vacancies);
  for (let from = 0; from < o.vacancies; from += CHUNK) {
    const rows: VacancyRow[] = [];
    for (let i = from; i < Math.min(o.vacancies, from + CHUNK); i++) {
      const e = r.int(0, employers - 1);
      const input = makeVacancy(r, world, i, o.seed, `demo-${o.seed}-e${e}`, `Demo werkgever ${e}`);
      const shape = validateShape(VacancyInput, input, `vacancy ${i}`);
      const checked = shape.problems.length ? shape : checkVacancy(shape.value, ref, { path: `vacancy ${i}`, today, employerVisible: () => false });
      if (!('row' in checked) || !checked.row) throw new Error(`demo generator made an invalid vacancy: ${JSON.stringify(checked.problems)}`);
      rows.push(checked.row);
    }
    await ds.transaction(async (tx) => {
      const written = await writeVacancies(tx, rows, OWNER);
      await persistChange(tx, FEED_ORIGIN, { kind: 'vacancy', ids: written.map((w) => w.id), op: 'upserted' });
    });
    b2?.increment(rows.length);
  }
  b2?.stop();

  // A national housing total for the current and next half-year, only where none is set.
  const now = new Date();
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 6, 1));
  for (const period of [periodOf(now), periodOf(next)]) {
    const set = await ds.query(`INSERT INTO housing_national_total (period, total) VALUES ($1, 20000) ON CONFLICT DO NOTHING RETURNING period`, [period]);
    if (set.length) console.log(`housing: national total for ${period} set to 20,000 (illustrative; change with setHousingNationalTotal)`);
  }
  console.log(`seeded ${o.candidates} candidates, ${households.length} households, ${employers} employers, ${o.vacancies} vacancies (seed ${o.seed}, all synthetic)`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
