import { EntityManager } from 'typeorm';

/**
 * One column of a bulk write: its name, the PostgreSQL type of its values, and either one
 * value per row or, for a column equal on every row (`same`), one value (sent once).
 */
export interface BulkColumn {
  name: string;
  type: string;
  values: unknown[];
  same?: boolean;
  /** SQL for the inserted value, `$` standing for the raw column (e.g. `$::jsonb`). */
  expression?: string;
}

export interface BulkUpsertOptions {
  table: string;
  columns: BulkColumn[];
  /** The conflict target; with it rows are upserted, without it plainly inserted. */
  conflict?: string[];
  /** Columns not updated on conflict (besides the conflict target), e.g. created_at. */
  keepOnConflict?: string[];
  /** Columns to return per row (in input order within a chunk). */
  returning?: string;
  chunkSize?: number;
}

/**
 * Writes many rows with one statement per chunk: each column travels as one array
 * parameter and `unnest` turns them back into rows. This is how imports reach tens of
 * thousands of rows a second without COPY (which the embedded database's wire server does
 * not offer), and with ON CONFLICT it is an idempotent, race-safe upsert.
 */
export async function bulkUpsert<R = unknown>(manager: EntityManager, opts: BulkUpsertOptions): Promise<R[]> {
  const { table, columns, conflict } = opts;
  const perRow = columns.filter((c) => !c.same);
  const constant = columns.filter((c) => c.same);
  const n = perRow[0]?.values.length ?? 0;
  const names = [...perRow, ...constant].map((c) => `"${c.name}"`).join(', ');
  const param = new Map<BulkColumn, number>();
  [...perRow, ...constant].forEach((c, i) => param.set(c, i + 1));
  const selects = [
    ...perRow.map((c, i) => (c.expression ? c.expression.replaceAll('$', `u.c${i}`) : `u.c${i}`)),
    ...constant.map((c) => `$${param.get(c)}::${c.type}`),
  ].join(', ');
  const unnest = perRow.map((c) => `$${param.get(c)}::${c.type}[]`).join(', ');
  const aliases = perRow.map((_c, i) => `c${i}`).join(', ');
  let onConflict = '';
  if (conflict) {
    const skip = new Set([...conflict, ...(opts.keepOnConflict ?? [])]);
    const updates = columns.filter((c) => !skip.has(c.name)).map((c) => `"${c.name}" = EXCLUDED."${c.name}"`);
    onConflict = ` ON CONFLICT (${conflict.map((k) => `"${k}"`).join(', ')}) ${updates.length ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`;
  }
  const sql =
    `INSERT INTO ${table} (${names}) SELECT ${selects} FROM unnest(${unnest}) WITH ORDINALITY AS u(${aliases}, ord) ORDER BY u.ord` +
    onConflict +
    (opts.returning ? ` RETURNING ${opts.returning}` : '');
  const chunk = opts.chunkSize ?? 5000;
  const out: R[] = [];
  for (let from = 0; from < n; from += chunk) {
    const params = [...perRow.map((c) => c.values.slice(from, from + chunk)), ...constant.map((c) => c.values[0])];
    const rows = await manager.query(sql, params);
    if (opts.returning) out.push(...(rows as R[]));
  }
  return out;
}

/** A PostgreSQL array literal for an array of uuids or simple tokens (no quoting needed). */
export const pgArrayLiteral = (values: readonly string[]): string => `{${values.join(',')}}`;

/**
 * Maps the rows an upsert RETURNed (`id, external_id, inserted`) back to the input rows, in
 * input order: by externalId where the row has one (an existing record keeps its id), else
 * by the id the row was inserted with.
 */
export function savedInInputOrder(
  rows: readonly { id: string; externalId: string | null }[],
  returned: readonly { id: string; external_id: string | null; inserted: boolean }[],
): { id: string; inserted: boolean }[] {
  const byExternal = new Map<string, { id: string; inserted: boolean }>();
  const byId = new Map<string, boolean>();
  for (const r of returned) {
    if (r.external_id) byExternal.set(r.external_id, { id: r.id, inserted: r.inserted });
    byId.set(r.id, r.inserted);
  }
  return rows.map((r) => (r.externalId ? byExternal.get(r.externalId)! : { id: r.id, inserted: byId.get(r.id) ?? true }));
}
