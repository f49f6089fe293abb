/**
 * `npm run import -- vacancies path.csv|path.jsonl [--key KEY] [--url URL] [--batch N] [--atomic] [--errors out.jsonl]`
 *
 * Sends an operator's file to the API in batches (importVacancies / importCandidates),
 * with a progress bar and a summary. It goes through the API on purpose: the key's role
 * and tenant, validation, upsert by externalId and the audit trail apply exactly as for
 * a platform's own calls. `--atomic` makes each batch all-or-nothing (one batch of up to
 * 10,000 rows makes the whole file so).
 */
import { fetchApi } from '../api-fetch';
import { createReadStream, writeFileSync } from 'fs';
import { extname } from 'path';
import { createInterface } from 'readline';
import { parse } from 'csv-parse';
import { SingleBar, Presets } from 'cli-progress';
import { fromCsvRecord, fromJsonLine, Kind, ParsedRow } from './csv-rows';

interface Options {
  kind: Kind;
  file: string;
  url: string;
  key: string;
  batch: number;
  atomic: boolean;
  errorsFile?: string;
  quiet: boolean;
}

interface RowFailure {
  line: number;
  field?: string;
  rule?: string;
  message: string;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  failed: number;
  seconds: number;
  failures: RowFailure[];
}

const MUTATION: Record<Kind, string> = {
  vacancies: `mutation($rows: [VacancyInput!]!, $atomic: Boolean) { r: importVacancies(input: $rows, atomic: $atomic) { created updated errors { index field rule message } } }`,
  candidates: `mutation($rows: [CandidateInput!]!, $atomic: Boolean) { r: importCandidates(input: $rows, atomic: $atomic) { created updated errors { index field rule message } } }`,
};

export function parseArgs(argv: string[], env: Record<string, string | undefined>): Options {
  const [kind, file, ...rest] = argv;
  if ((kind !== 'vacancies' && kind !== 'candidates') || !file) {
    throw new Error(
      'usage: npm run import -- vacancies|candidates <file.csv|file.jsonl> [--key KEY] [--url URL] [--batch N] [--atomic] [--errors out.jsonl]\n' +
        '       npm run import -- labour-demand <file.csv> --source "UWV spanningsindicator 2026-Q3" [--key ADMIN-KEY] [--url URL]',
    );
  }
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const key = opt('key') ?? env.KANSRIJK_API_KEY;
  if (!key) throw new Error('an API key is needed: --key KEY or KANSRIJK_API_KEY (PLATFORM for your own records, or ADMIN)');
  const batch = Number(opt('batch') ?? 1000);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10000) throw new Error('--batch must be a whole number from 1 to 10000');
  return {
    kind,
    file,
    url: opt('url') ?? env.KANSRIJK_API_URL ?? 'http://localhost:3000/graphql',
    key,
    batch,
    atomic: rest.includes('--atomic'),
    errorsFile: opt('errors'),
    quiet: rest.includes('--quiet') || !process.stderr.isTTY,
  };
}

/** Rows of a file, one at a time, with their line numbers (the header is line 1 of a CSV). */
async function* readRows(kind: Kind, file: string): AsyncGenerator<ParsedRow> {
  if (extname(file).toLowerCase() === '.csv') {
    // `info: true` gives each record the line it ends on (quoted fields may span lines).
    const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, bom: true, relax_column_count: true, info: true }));
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield fromCsvRecord(kind, info.lines, record);
    }
    return;
  }
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    const row = fromJsonLine(line, text);
    if (row) yield row;
  }
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const _ of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) n++;
  return extname(file).toLowerCase() === '.csv' ? Math.max(0, n - 1) : n;
}

/**
 * Sends one batch. A row GraphQL itself refuses (a wrong type or enum in a JSON line) fails
 * the whole call; such a row is set aside by its index and the batch is sent again.
 */
async function sendBatch(o: Options, rows: ParsedRow[], summary: ImportSummary): Promise<void> {
  let pending = rows;
  for (;;) {
    if (pending.length === 0) return;
    const res = await fetchApi(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.key}` },
      body: JSON.stringify({ query: MUTATION[o.kind], variables: { rows: pending.map((r) => r.input), atomic: o.atomic } }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      data?: { r: { created: number; updated: number; errors: { index: number; field: string; rule: string; message: string }[] } } | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (body.data?.r) {
      summary.created += body.data.r.created;
      summary.updated += body.data.r.updated;
      const failed = new Set<number>();
      for (const e of body.data.r.errors) {
        failed.add(e.index);
        summary.failures.push({ line: pending[e.index].line, field: e.field.replace(/^input\[\d+\]\.?/, ''), rule: e.rule, message: e.message });
      }
      summary.failed += o.atomic && failed.size > 0 ? pending.length : failed.size;
      return;
    }
    // GraphQL refuses the whole call but names each bad value: every one of them is reported on
    // its row, those rows are set aside and the rest is sent again.
    const errors = body.errors?.length ? body.errors : [{ message: `HTTP ${res.status}` }];
    const bad = new Set<number>();
    for (const e of errors) {
      const at = /"rows\[(\d+)\]/.exec(e.message);
      if (!at) throw new Error(`the API refused the batch: ${e.message}`);
      const index = Number(at[1]);
      bad.add(index);
      summary.failures.push({ line: pending[index].line, message: e.message.replace(/^Variable "\$rows" got invalid value .*? at "rows\[\d+\]\.?/, '').replace(/^([^"]*)"; /, '$1: ') });
    }
    summary.failed += bad.size;
    pending = pending.filter((_r, i) => !bad.has(i));
  }
}

export async function runImport(o: Options): Promise<ImportSummary> {
  const started = performance.now();
  const total = await countLines(o.file);
  const bar = o.quiet ? null : new SingleBar({ format: `${o.kind} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`, hideCursor: true }, Presets.shades_classic);
  bar?.start(total, 0);
  const summary: ImportSummary = { rows: 0, created: 0, updated: 0, failed: 0, seconds: 0, failures: [] };
  let batch: ParsedRow[] = [];
  const flush = async () => {
    if (batch.length) await sendBatch(o, batch, summary);
    bar?.increment(batch.length);
    batch = [];
  };
  for await (const row of readRows(o.kind, o.file)) {
    summary.rows++;
    if (row.errors) {
      summary.failed++;
      for (const message of row.errors) summary.failures.push({ line: row.line, message });
      bar?.increment(1);
      continue;
    }
    batch.push(row);
    if (batch.length >= o.batch) await flush();
  }
  await flush();
  bar?.stop();
  summary.seconds = (performance.now() - started) / 1000;
  // Stable: a row's problems stay in column order.
  summary.failures.sort((a, b) => a.line - b.line);
  return summary;
}

export function printSummary(o: Options, s: ImportSummary): void {
  const rate = s.seconds > 0 ? Math.round((s.created + s.updated) / s.seconds) : 0;
  console.log(`\n${o.kind} from ${o.file}: ${s.rows} rows, ${s.created} created, ${s.updated} updated, ${s.failed} failed, ${s.seconds.toFixed(1)} s (${rate} rows/s)`);
  // Every problem of a row, each on its own line, for the first 20 failed rows.
  const lines = [...new Set(s.failures.map((f) => f.line))];
  const shown = new Set(lines.slice(0, 20));
  for (const f of s.failures.filter((x) => shown.has(x.line))) console.log(`  line ${f.line}${f.field ? ` ${f.field}` : ''}: ${f.message}`);
  if (lines.length > 20) console.log(`  … and ${lines.length - 20} more rows${o.errorsFile ? '' : ' (write them all with --errors out.jsonl)'}`);
  if (o.errorsFile) {
    writeFileSync(o.errorsFile, s.failures.map((f) => JSON.stringify(f)).join('\n') + (s.failures.length ? '\n' : ''));
    console.log(`  every failed row: ${o.errorsFile}`);
  }
}

/** A figure as the import answers it. */
interface DemandChange {
  regionCode: string;
  iscoGroup: string;
  previousTension: number;
  tension: number | null;
  previousSource: string | null;
}

/**
 * `npm run import -- labour-demand file.csv --source "..." [--replace]`: imports labour-demand
 * figures (columns region_code, isco_group, tension[, label]; README "Labour demand") in one
 * all-or-nothing call (an ADMIN key). By default the file's figures are merged by region and
 * ISCO group and every other figure stays; `--replace` removes every figure the file has none
 * for. Prints every figure replaced (before → after) and removed. ISCO groups of 1 to 4 digits;
 * scoring falls back from 4 to 1 digits.
 */
export async function importLabourDemand(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [, file, ...rest] = argv;
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const key = opt('key') ?? env.KANSRIJK_API_KEY;
  const source = opt('source');
  if (!file || !key || !source) {
    console.error('usage: npm run import -- labour-demand <file.csv> --source "UWV spanningsindicator 2026-Q3" --key ADMIN-KEY [--replace] [--url URL]');
    return 2;
  }
  const mode = rest.includes('--replace') ? 'REPLACE' : 'MERGE';
  const url = opt('url') ?? env.KANSRIJK_API_URL ?? 'http://localhost:3000/graphql';
  const rows: Record<string, unknown>[] = [];
  const problems: string[] = [];
  const parser = createReadStream(file).pipe(parse({ columns: (h: string[]) => h.map((x) => x.toLowerCase().replace(/[^a-z0-9]/g, '')), skip_empty_lines: true, bom: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    // Every problem of the line, not only the first.
    const before = problems.length;
    if (!record.regioncode?.trim()) problems.push(`line ${info.lines}: region_code is empty`);
    if (!record.iscogroup?.trim()) problems.push(`line ${info.lines}: isco_group is empty`);
    const tension = Number(String(record.tension ?? '').replace(',', '.'));
    if (String(record.tension ?? '').trim() === '' || !Number.isFinite(tension)) problems.push(`line ${info.lines}: tension "${record.tension ?? ''}" is not a number`);
    if (problems.length === before) rows.push({ regionCode: record.regioncode.trim(), iscoGroup: record.iscogroup.trim(), tension, ...(record.label ? { label: record.label } : {}) });
  }
  if (problems.length) {
    problems.slice(0, 50).forEach((p) => console.log(p));
    if (problems.length > 50) console.log(`… and ${problems.length - 50} more`);
    console.log(`nothing imported: ${problems.length} problem(s)`);
    return 1;
  }
  const change = 'regionCode iscoGroup previousTension tension previousSource';
  const res = await fetchApi(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: `mutation($input: LabourDemandImportInput!) { importLabourDemand(input: $input) { rows illustrative source mode imported added replaced { ${change} } removed { ${change} } } }`,
      variables: { input: { source, rows, mode } },
    }),
  });
  const body = (await res.json()) as {
    data?: { importLabourDemand: { rows: number; illustrative: boolean; source: string; mode: string; imported: number; added: number; replaced: DemandChange[]; removed: DemandChange[] } };
    errors?: { message: string; extensions?: { fields?: { field: string; message: string }[] } }[];
  };
  if (body.errors) {
    const fields = body.errors[0].extensions?.fields;
    if (fields?.length) {
      // input.rows[i] is line i + 2 of the file (the header is line 1).
      for (const f of fields.slice(0, 50)) console.log(f.field.replace(/^input\.rows\[(\d+)\]/, (_m, i: string) => `line ${Number(i) + 2}`) + `: ${f.message}`);
    }
    console.log(`nothing imported: ${body.errors[0].message}`);
    return 1;
  }
  const r = body.data!.importLabourDemand;
  const fig = (c: DemandChange) => `${c.regionCode}:${c.iscoGroup}`;
  console.log(
    `labour demand ${r.mode === 'REPLACE' ? 'replaced' : 'merged'}: ${r.imported} figures from "${r.source}": ${r.added} added, ${r.replaced.length} replaced` +
      (r.mode === 'REPLACE' ? `, ${r.removed.length} removed` : '') +
      `; ${r.rows} figures in use${r.illustrative ? ' (some still from the illustrative sample)' : ''}`,
  );
  const show = (title: string, list: DemandChange[], line: (c: DemandChange) => string) => {
    if (!list.length) return;
    console.log(title);
    for (const c of list.slice(0, 20)) console.log(`  ${line(c)}`);
    if (list.length > 20) console.log(`  … and ${list.length - 20} more`);
  };
  show('replaced (before → after):', r.replaced, (c) => `${fig(c)} ${c.previousTension} → ${c.tension} (was from "${c.previousSource ?? '?'}")`);
  show('removed (the file has no figure for them):', r.removed, (c) => `${fig(c)} ${c.previousTension} (from "${c.previousSource ?? '?'}")`);
  return 0;
}
