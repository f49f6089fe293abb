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
    const message = body.errors?.[0]?.message ?? `HTTP ${res.status}`;
    const at = /"rows\[(\d+)\]/.exec(message);
    if (!at) throw new Error(`the API refused the batch: ${message}`);
    const index = Number(at[1]);
    summary.failures.push({ line: pending[index].line, message: message.replace(/^Variable "\$rows" got invalid value .*? at "rows\[\d+\]\.?/, '').replace(/^([^"]*)"; /, '$1: ') });
    summary.failed++;
    pending = pending.filter((_r, i) => i !== index);
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
    if (row.error) {
      summary.failed++;
      summary.failures.push({ line: row.line, message: row.error });
      bar?.increment(1);
      continue;
    }
    batch.push(row);
    if (batch.length >= o.batch) await flush();
  }
  await flush();
  bar?.stop();
  summary.seconds = (performance.now() - started) / 1000;
  summary.failures.sort((a, b) => a.line - b.line);
  return summary;
}

export function printSummary(o: Options, s: ImportSummary): void {
  const rate = s.seconds > 0 ? Math.round((s.created + s.updated) / s.seconds) : 0;
  console.log(`\n${o.kind} from ${o.file}: ${s.rows} rows, ${s.created} created, ${s.updated} updated, ${s.failed} failed, ${s.seconds.toFixed(1)} s (${rate} rows/s)`);
  for (const f of s.failures.slice(0, 20)) console.log(`  line ${f.line}${f.field ? ` ${f.field}` : ''}: ${f.message}`);
  if (s.failures.length > 20) console.log(`  … and ${s.failures.length - 20} more${o.errorsFile ? '' : ' (write them all with --errors out.jsonl)'}`);
  if (o.errorsFile) {
    writeFileSync(o.errorsFile, s.failures.map((f) => JSON.stringify(f)).join('\n') + (s.failures.length ? '\n' : ''));
    console.log(`  every failed row: ${o.errorsFile}`);
  }
}

/**
 * `npm run import -- labour-demand file.csv --source "..."`: replaces every labour-demand
 * figure (columns region_code, isco_group, tension[, label]) in one all-or-nothing call
 * (an ADMIN key). Figures per ISCO group of 1 to 4 digits; scoring falls back from 4 to 1 digits.
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
    console.error('usage: npm run import -- labour-demand <file.csv> --source "UWV spanningsindicator 2026-Q3" --key ADMIN-KEY [--url URL]');
    return 2;
  }
  const url = opt('url') ?? env.KANSRIJK_API_URL ?? 'http://localhost:3000/graphql';
  const rows: Record<string, unknown>[] = [];
  const problems: string[] = [];
  const parser = createReadStream(file).pipe(parse({ columns: (h: string[]) => h.map((x) => x.toLowerCase().replace(/[^a-z0-9]/g, '')), skip_empty_lines: true, bom: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const tension = Number(String(record.tension ?? '').replace(',', '.'));
    if (!Number.isFinite(tension)) problems.push(`line ${info.lines}: tension "${record.tension}" is not a number`);
    else rows.push({ regionCode: record.regioncode, iscoGroup: record.iscogroup, tension, ...(record.label ? { label: record.label } : {}) });
  }
  if (problems.length) {
    problems.slice(0, 20).forEach((p) => console.log(p));
    console.log(`nothing imported: ${problems.length} bad line(s)`);
    return 1;
  }
  const res = await fetchApi(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: 'mutation($input: LabourDemandImportInput!) { importLabourDemand(input: $input) { rows illustrative source } }',
      variables: { input: { source, rows } },
    }),
  });
  const body = (await res.json()) as { data?: { importLabourDemand: { rows: number; source: string } }; errors?: { message: string }[] };
  if (body.errors) {
    console.log(`nothing imported: ${body.errors[0].message}`);
    return 1;
  }
  console.log(`labour demand replaced: ${body.data!.importLabourDemand.rows} figures from "${body.data!.importLabourDemand.source}"`);
  return 0;
}
