import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { EntityManager } from 'typeorm';
import { BulkColumn, bulkUpsert } from '../../database/bulk-upsert';
import {
  DATA_FILES,
  REFERENCE_DATA_DIR,
  foldSearchText,
  loadIscoGroups,
  loadLabourMarketRegions,
  loadMunicipalities,
  loadOccupationSkills,
  loadOccupations,
  loadPostcodeAreas,
  loadProvinces,
  loadSkills,
} from '@kansrijk/reference-data';

/** Bump when the transformation below changes, so existing databases reload. */
const LOADER_VERSION = 1;
const CHUNK = 20000;

export interface ReferenceLoadReport {
  loaded: { name: string; rows: number }[];
  skipped: string[];
  ms: number;
}

type Column = BulkColumn;

interface Dataset {
  name: string;
  files: string[];
  table: string;
  key: string[];
  /** Builds the columns; called only when the dataset must (re)load. */
  columns(): Column[];
  /** SQL expression overrides per column (e.g. text → text[]). */
  expressions?: Record<string, string>;
}

/**
 * Loads the shipped reference data into the database, idempotently: each dataset is
 * recorded with the sha256 of its files, and a dataset whose files are unchanged is
 * skipped, so a second boot does not reload. A changed file upserts its rows and removes
 * rows that are gone (which fails loudly if a record still refers to them).
 * Everything runs in one transaction: a crash half-way leaves the previous state.
 */
export async function loadReferenceData(manager: EntityManager): Promise<ReferenceLoadReport> {
  const started = performance.now();
  const report: ReferenceLoadReport = { loaded: [], skipped: [], ms: 0 };
  await manager.transaction(async (tx) => {
    const rows: { name: string; checksum: string }[] = await tx.query('SELECT name, checksum FROM reference_dataset');
    const known = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const ds of DATASETS) {
      const checksum = checksumOf(ds.files);
      if (known.get(ds.name) === checksum) {
        report.skipped.push(ds.name);
        continue;
      }
      const cols = ds.columns();
      const count = cols[0].values.length;
      await upsert(tx, ds, cols, known.has(ds.name));
      await tx.query(
        `INSERT INTO reference_dataset (name, checksum, row_count, loaded_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, row_count = EXCLUDED.row_count, loaded_at = now()`,
        [ds.name, checksum, count],
      );
      report.loaded.push({ name: ds.name, rows: count });
    }
  });
  report.ms = Math.round(performance.now() - started);
  return report;
}

function checksumOf(files: string[]): string {
  const hash = createHash('sha256').update(`loader:${LOADER_VERSION}`);
  for (const f of files) hash.update(readFileSync(join(REFERENCE_DATA_DIR, f)));
  return hash.digest('hex');
}

async function upsert(tx: EntityManager, ds: Dataset, cols: Column[], reload: boolean): Promise<void> {
  await bulkUpsert(tx, {
    table: ds.table,
    columns: cols.map((c) => ({ ...c, expression: ds.expressions?.[c.name] })),
    conflict: ds.key,
    chunkSize: CHUNK,
  });
  if (reload) {
    // Rows that are no longer shipped go; a foreign key from a user record stops this.
    const keyCols = cols.filter((c) => ds.key.includes(c.name));
    const keyUnnest = keyCols.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
    const keyAliases = keyCols.map((_c, i) => `k${i}`).join(', ');
    const match = keyCols.map((c, i) => `k.k${i} = t."${c.name}"`).join(' AND ');
    await tx.query(
      `DELETE FROM ${ds.table} t WHERE NOT EXISTS (SELECT 1 FROM unnest(${keyUnnest}) AS k(${keyAliases}) WHERE ${match})`,
      keyCols.map((c) => c.values),
    );
  }
}

const col = (name: string, type: string, values: unknown[]): Column => ({ name, type, values });

/** In dependency order: a dataset's foreign keys point only to datasets above it. */
const DATASETS: Dataset[] = [
  {
    name: 'provinces',
    files: [DATA_FILES.municipalities],
    table: 'province',
    key: ['code'],
    columns: () => {
      const r = loadProvinces();
      return [col('code', 'text', r.map((x) => x.code)), col('name', 'text', r.map((x) => x.name))];
    },
  },
  {
    name: 'labourMarketRegions',
    files: [DATA_FILES.labourMarketRegions],
    table: 'labour_market_region',
    key: ['code'],
    columns: () => {
      const r = loadLabourMarketRegions();
      return [
        col('code', 'text', r.map((x) => x.code)),
        col('name', 'text', r.map((x) => x.name)),
        col('municipality_count', 'int', r.map((x) => x.municipalityCount)),
        col('population', 'int', r.map((x) => x.population)),
      ];
    },
  },
  {
    name: 'municipalities',
    files: [DATA_FILES.municipalities],
    table: 'municipality',
    key: ['code'],
    columns: () => {
      const r = loadMunicipalities();
      return [
        col('code', 'text', r.map((x) => x.code)),
        col('name', 'text', r.map((x) => x.name)),
        col('name_folded', 'text', r.map((x) => foldSearchText(x.name))),
        col('province_code', 'text', r.map((x) => x.provinceCode)),
        col('region_code', 'text', r.map((x) => x.regionCode)),
        col('centroid_lat', 'float8', r.map((x) => x.centroid.lat)),
        col('centroid_lon', 'float8', r.map((x) => x.centroid.lon)),
        col('label_lat', 'float8', r.map((x) => x.labelPoint.lat)),
        col('label_lon', 'float8', r.map((x) => x.labelPoint.lon)),
        col('area_km2', 'float8', r.map((x) => x.areaKm2)),
        col('population', 'int', r.map((x) => x.population)),
      ];
    },
  },
  {
    name: 'postcodes',
    files: [DATA_FILES.postcodes],
    table: 'postcode_area',
    key: ['pc4'],
    columns: () => {
      const r = loadPostcodeAreas();
      return [
        col('pc4', 'text', r.map((x) => x.pc4)),
        col('centroid_lat', 'float8', r.map((x) => x.centroid.lat)),
        col('centroid_lon', 'float8', r.map((x) => x.centroid.lon)),
        col('label_lat', 'float8', r.map((x) => x.labelPoint.lat)),
        col('label_lon', 'float8', r.map((x) => x.labelPoint.lon)),
        col('area_km2', 'float8', r.map((x) => x.areaKm2)),
        col('population', 'int', r.map((x) => x.population)),
        col('municipality_code', 'text', r.map((x) => x.municipalityCode)),
        col('municipality_overlap', 'float8', r.map((x) => x.municipalityOverlap)),
      ];
    },
  },
  {
    name: 'iscoGroups',
    files: [DATA_FILES.iscoGroups],
    table: 'isco_group',
    key: ['code'],
    columns: () => {
      const r = loadIscoGroups();
      return [
        col('code', 'text', r.map((x) => x.code)),
        col('level', 'int', r.map((x) => x.level)),
        col('label_en', 'text', r.map((x) => x.labelEn)),
        col('label_nl', 'text', r.map((x) => x.labelNl)),
      ];
    },
  },
  {
    name: 'occupations',
    files: [DATA_FILES.occupations],
    table: 'occupation',
    key: ['id'],
    expressions: { alt_labels_nl: `CASE WHEN $ = '' THEN '{}'::text[] ELSE string_to_array($, '|') END` },
    columns: () => {
      const r = loadOccupations();
      return [
        col('id', 'uuid', r.map((x) => x.id)),
        col('esco_code', 'text', r.map((x) => x.escoCode)),
        col('isco_code', 'text', r.map((x) => x.iscoCode)),
        col('label_en', 'text', r.map((x) => x.labelEn)),
        col('label_nl', 'text', r.map((x) => x.labelNl)),
        col('alt_labels_nl', 'text', r.map((x) => x.altLabelsNl.join('|'))),
      ];
    },
  },
  {
    name: 'occupationSearchTerms',
    files: [DATA_FILES.occupations],
    table: 'occupation_search_term',
    key: ['occupation_id', 'term'],
    columns: () => {
      // kind 0: a main label (Dutch or English), 1: a Dutch alternative label, 2: a code.
      const ids: string[] = [];
      const terms: string[] = [];
      const kinds: number[] = [];
      for (const o of loadOccupations()) {
        const best = new Map<string, number>();
        const add = (text: string, kind: number) => {
          const term = foldSearchText(text);
          if (term && (best.get(term) ?? 9) > kind) best.set(term, kind);
        };
        add(o.labelNl, 0);
        add(o.labelEn, 0);
        o.altLabelsNl.forEach((a) => add(a, 1));
        add(o.iscoCode, 2);
        add(o.escoCode, 2);
        for (const [term, kind] of best) {
          ids.push(o.id);
          terms.push(term);
          kinds.push(kind);
        }
      }
      return [col('occupation_id', 'uuid', ids), col('term', 'text', terms), col('kind', 'int', kinds)];
    },
  },
  {
    name: 'skills',
    files: [DATA_FILES.skills],
    table: 'skill',
    key: ['id'],
    columns: () => {
      const r = loadSkills();
      return [
        col('id', 'uuid', r.map((x) => x.id)),
        col('type', 'text', r.map((x) => x.type)),
        col('reuse_level', 'text', r.map((x) => x.reuseLevel)),
        col('label_en', 'text', r.map((x) => x.labelEn)),
        col('label_folded', 'text', r.map((x) => foldSearchText(x.labelEn))),
      ];
    },
  },
  {
    name: 'occupationSkills',
    files: [DATA_FILES.occupationSkills],
    table: 'occupation_skill',
    key: ['occupation_id', 'skill_id'],
    columns: () => {
      const r = loadOccupationSkills();
      return [
        col('occupation_id', 'uuid', r.map((x) => x.occupationId)),
        col('skill_id', 'uuid', r.map((x) => x.skillId)),
        col('relation', 'text', r.map((x) => x.relation)),
      ];
    },
  },
];

/** The dataset names, in load order (for `about` and tests). */
export const REFERENCE_DATASETS = DATASETS.map((d) => ({ name: d.name, table: d.table }));
