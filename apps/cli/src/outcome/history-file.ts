/**
 * The history import format of `npm run model:fit` (README: "Outcome model"): one adult of a
 * past link per row, as CSV (snake_case headers) or JSON Lines (camelCase keys). Lines starting
 * with `#` are comments (a synthetic history says so in its first line).
 */
import { parse } from 'csv-parse/sync';
import type { LabourDemandRecord, MunicipalityRecord } from '@kansrijk/reference-data';
import { CEFR_LEVELS, EDUCATION_LEVELS, InMemoryLabourDemand, lookupLabourDemand, type Cefr, type EducationLevel, type IntegrationRoute, type LegalStatus } from '@kansrijk/scoring';
import type { HistoryRecord } from '@kansrijk/outcome';

export interface HistoryParseResult {
  records: HistoryRecord[];
  /** One line per refused row: `line 12: dutch_level: "X1" must be one of NONE, A1, …`. */
  errors: string[];
  /** Rows whose tension came from the labour-demand figures rather than the file. */
  tensionLookedUp: number;
}

/** Header or key → its canonical form: `Birth date`, `birth_date` and `birthDate` all give `birthdate`. */
const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

class RowError extends Error {}

const DIPLOMA_STATUSES = ['NONE', 'SELF_REPORTED', 'EVALUATED', 'RECOGNISED'] as const;
const LEGAL_STATUSES: LegalStatus[] = ['STATUS_HOLDER', 'ASYLUM_SEEKER', 'DISPLACED_UKRAINE'];
const ROUTES: IntegrationRoute[] = ['B1', 'EDUCATION', 'Z'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads one row (normalised keys → raw values) into a HistoryRecord, or throws RowError naming the column. */
function readRow(rec: Record<string, unknown>, municipalities: Map<string, MunicipalityRecord>, demand: InMemoryLabourDemand): { record: HistoryRecord; lookedUp: boolean } {
  const raw = (name: string): unknown => {
    const v = rec[norm(name)];
    return typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v === null ? undefined : v;
  };
  const text = (name: string, required = false): string | undefined => {
    const v = raw(name);
    if (v === undefined) {
      if (required) throw new RowError(`${name}: missing`);
      return undefined;
    }
    return String(v);
  };
  const num = (name: string, required = false, min = 0): number | undefined => {
    const v = raw(name);
    if (v === undefined) {
      if (required) throw new RowError(`${name}: missing`);
      return undefined;
    }
    const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
    if (!Number.isFinite(n) || n < min) throw new RowError(`${name}: "${v}" is not a number >= ${min}`);
    return n;
  };
  const date = (name: string, required = false): string | null => {
    const v = text(name, required);
    if (v === undefined) return null;
    if (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new RowError(`${name}: "${v}" is not a date YYYY-MM-DD`);
    return v;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback?: T): T => {
    const v = text(name, fallback === undefined)?.toUpperCase();
    if (v === undefined) return fallback as T;
    if (!(values as readonly string[]).includes(v)) throw new RowError(`${name}: "${v}" must be one of ${values.join(', ')}`);
    return v as T;
  };
  const outcome = (name: string): 0 | 1 | null => {
    const v = raw(name);
    if (v === undefined) return null;
    const s = String(v).toLowerCase();
    if (s === '1' || s === 'true') return 1;
    if (s === '0' || s === 'false') return 0;
    throw new RowError(`${name}: "${v}" must be 0, 1 or empty (unknown)`);
  };
  const list = <T>(name: string, item: (parts: string[], obj: Record<string, unknown> | null) => T): T[] => {
    const v = raw(name);
    if (v === undefined) return [];
    if (Array.isArray(v)) return v.map((o) => item([], o as Record<string, unknown>));
    return String(v)
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => item(s.split(':').map((p) => p.trim()), null));
  };
  const diplomas = list('diplomas', (parts, obj) => {
    const level = String(obj?.level ?? parts[0] ?? '').toUpperCase();
    const status = String(obj?.status ?? parts[1] ?? 'SELF_REPORTED').toUpperCase();
    const iscoCode = (obj?.iscoCode ?? parts[2] ?? null) as string | null;
    if (!(EDUCATION_LEVELS as readonly string[]).includes(level)) throw new RowError(`diplomas: level "${level}" must be one of ${EDUCATION_LEVELS.join(', ')}`);
    if (!(DIPLOMA_STATUSES as readonly string[]).includes(status)) throw new RowError(`diplomas: status "${status}" must be one of ${DIPLOMA_STATUSES.join(', ')}`);
    if (iscoCode !== null && !/^\d{1,4}$/.test(String(iscoCode))) throw new RowError(`diplomas: ISCO code "${iscoCode}" must have 1 to 4 digits`);
    return { level: level as EducationLevel, status: status as (typeof DIPLOMA_STATUSES)[number], iscoCode: iscoCode === null ? null : String(iscoCode) };
  });
  const occupations = list('occupations', (parts, obj) => {
    const iscoCode = String(obj?.iscoCode ?? parts[0] ?? '');
    const years = Number(String(obj?.years ?? parts[1] ?? '0').replace(',', '.'));
    if (!/^\d{1,4}$/.test(iscoCode)) throw new RowError(`occupations: ISCO code "${iscoCode}" must have 1 to 4 digits`);
    if (!Number.isFinite(years) || years < 0) throw new RowError(`occupations: years "${obj?.years ?? parts[1]}" must be a number >= 0`);
    return { iscoCode, years };
  });
  const code = text('municipality_code', true)!.toUpperCase();
  const municipality = municipalities.get(code);
  if (!municipality) throw new RowError(`municipality_code: "${code}" is not a municipality of the shipped reference data (CBS code GMxxxx)`);
  let tension = num('labour_demand_tension') ?? null;
  let lookedUp = false;
  if (tension === null) {
    // The highest figure over the person's occupations in the municipality's region (as the API does).
    for (const c of [...occupations.map((o) => o.iscoCode), ...diplomas.flatMap((d) => (d.iscoCode ? [d.iscoCode] : []))]) {
      const f = lookupLabourDemand({ labourDemand: demand, regionCode: municipality.regionCode, iscoCode: c }).figure;
      if (f && (tension === null || f.tension > tension)) tension = f.tension;
    }
    lookedUp = true;
  }
  const syntheticText = text('synthetic')?.toLowerCase();
  const record: HistoryRecord = {
    profile: {
      birthDate: date('birth_date', true)!,
      legalStatus: oneOf('legal_status', LEGAL_STATUSES, 'STATUS_HOLDER'),
      applicationDate: date('application_date'),
      permitDate: date('permit_date'),
      dutchLevel: oneOf<Cefr>('dutch_level', CEFR_LEVELS),
      englishLevel: oneOf<Cefr>('english_level', CEFR_LEVELS),
      integrationRoute: text('integration_route') ? oneOf('integration_route', ROUTES) : null,
      diplomas,
      occupations,
      hoursAvailable: num('hours_available', true)!,
    },
    location: {
      labourDemandTension: tension,
      reachableVacancies: num('reachable_vacancies', true)!,
      nearestTieKm: num('nearest_tie_km') ?? null,
      population: municipality.population,
    },
    onDate: date('linked_on', true)!,
    municipalityCode: code,
    employed12: outcome('employed_12'),
    employed24: outcome('employed_24'),
    monitoring: { gender: text('gender') ?? null, countryOfBirth: text('country_of_birth') ?? null, nationality: text('nationality') ?? null },
    synthetic: syntheticText === 'true' || syntheticText === '1',
  };
  return { record, lookedUp };
}

/**
 * Parses a history file's text. `format` from the file name (`.jsonl`/`.ndjson` = JSON Lines,
 * anything else CSV). Every bad row is reported with its line and column; the caller refuses
 * the whole file when any is (a model is never fitted on a silently shortened history).
 */
export function parseHistory(args: {
  text: string;
  format: 'csv' | 'jsonl';
  municipalities: readonly MunicipalityRecord[];
  labourDemand: readonly LabourDemandRecord[];
}): HistoryParseResult {
  const municipalities = new Map(args.municipalities.map((m) => [m.code, m]));
  const demand = new InMemoryLabourDemand(args.labourDemand.map((r) => ({ regionCode: r.regionCode, iscoGroup: r.iscoGroup, tension: r.tension })));
  const rows: { line: number; rec: Record<string, unknown> }[] = [];
  const errors: string[] = [];
  if (args.format === 'jsonl') {
    args.text.split('\n').forEach((l, i) => {
      const s = l.trim();
      if (!s || s.startsWith('#')) return;
      try {
        const obj = JSON.parse(s) as Record<string, unknown>;
        rows.push({ line: i + 1, rec: Object.fromEntries(Object.entries(obj).map(([k, v]) => [norm(k), v])) });
      } catch {
        errors.push(`line ${i + 1}: not a JSON object`);
      }
    });
  } else {
    const parsed = parse(args.text, { columns: (h: string[]) => h.map(norm), skip_empty_lines: true, bom: true, comment: '#', info: true, relax_column_count: false }) as { record: Record<string, string>; info: { lines: number } }[];
    for (const p of parsed) rows.push({ line: p.info.lines, rec: p.record });
  }
  const records: HistoryRecord[] = [];
  let tensionLookedUp = 0;
  for (const { line, rec } of rows) {
    try {
      const r = readRow(rec, municipalities, demand);
      records.push(r.record);
      if (r.lookedUp) tensionLookedUp++;
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      errors.push(`line ${line}: ${err.message}`);
    }
  }
  return { records, errors, tensionLookedUp };
}

/** The CSV header of the format, in the order `seed:history` writes it. */
export const HISTORY_COLUMNS = [
  'person_id',
  'birth_date',
  'legal_status',
  'application_date',
  'permit_date',
  'dutch_level',
  'english_level',
  'integration_route',
  'diplomas',
  'occupations',
  'hours_available',
  'municipality_code',
  'linked_on',
  'labour_demand_tension',
  'reachable_vacancies',
  'nearest_tie_km',
  'employed_12',
  'employed_24',
  'gender',
  'country_of_birth',
  'nationality',
  'synthetic',
] as const;

/** One record as a CSV line in HISTORY_COLUMNS order (no value of the format needs quoting). */
export function historyCsvLine(r: HistoryRecord, personId: string): string {
  const p = r.profile;
  const cells = [
    personId,
    p.birthDate,
    p.legalStatus,
    p.applicationDate ?? '',
    p.permitDate ?? '',
    p.dutchLevel,
    p.englishLevel,
    p.integrationRoute ?? '',
    p.diplomas.map((d) => `${d.level}:${d.status}`).join('|'),
    p.occupations.map((o) => `${o.iscoCode}:${o.years}`).join('|'),
    String(p.hoursAvailable),
    r.municipalityCode ?? '',
    r.onDate,
    r.location.labourDemandTension === null ? '' : String(r.location.labourDemandTension),
    String(r.location.reachableVacancies),
    r.location.nearestTieKm === null ? '' : String(r.location.nearestTieKm),
    r.employed12 === null ? '' : String(r.employed12),
    r.employed24 === null ? '' : String(r.employed24),
    r.monitoring?.gender ?? '',
    r.monitoring?.countryOfBirth ?? '',
    r.monitoring?.nationality ?? '',
    r.synthetic ? 'true' : '',
  ];
  return cells.join(',');
}

/** One record as a JSON Lines object (camelCase keys, lists as arrays). */
export function historyJsonLine(r: HistoryRecord, personId: string): string {
  const p = r.profile;
  return JSON.stringify({
    personId,
    ...p,
    municipalityCode: r.municipalityCode,
    linkedOn: r.onDate,
    labourDemandTension: r.location.labourDemandTension,
    reachableVacancies: r.location.reachableVacancies,
    nearestTieKm: r.location.nearestTieKm,
    employed12: r.employed12,
    employed24: r.employed24,
    ...r.monitoring,
    synthetic: r.synthetic === true,
  });
}
