import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ClassConstructor } from 'class-transformer';
import { DataSource, EntityManager } from 'typeorm';
import { FieldProblem } from '../../common/errors/domain-errors';
import { validateShape } from '../../common/validation/validate-shape';

/** Records per import call. */
export const MAX_IMPORT_ROWS = 10_000;

@ObjectType({ description: 'One problem with one row of an import.' })
export class ImportRowError {
  @Field(() => Int, { description: 'Index of the row in the input list.' })
  index: number;

  @Field({ description: 'Path of the field, e.g. input[17].hoursPerWeek.' })
  field: string;

  @Field({ description: 'The rule broken, e.g. max, exists, notBeforeApplication.' })
  rule: string;

  @Field()
  message: string;
}

@ObjectType()
export class ImportResult {
  @Field({ description: 'true: all rows or none were saved.' })
  atomic: boolean;

  @Field(() => Int)
  received: number;

  @Field(() => Int, { description: 'Rows written (created + updated).' })
  saved: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int, { description: 'Rows whose externalId existed and were updated.' })
  updated: number;

  @Field(() => Int, { description: 'Rows with at least one error.' })
  failed: number;

  @Field(() => [ID], { nullable: 'items', description: 'Per input row: the record id, or null when not saved.' })
  ids: (string | null)[];

  @Field(() => [ImportRowError])
  errors: ImportRowError[];
}

/** What a save returns for each row it wrote. */
export interface SavedRow {
  id: string;
  inserted: boolean;
}

export interface ImportSpec<I extends object, R extends { id: string; externalId: string | null }, S extends SavedRow = SavedRow> {
  inputs: unknown[];
  inputClass: ClassConstructor<I>;
  atomic: boolean;
  /** Domain and reference checks of one shape-valid row. */
  check(input: I, path: string): { row?: R; problems: FieldProblem[] };
  /** Writes rows; returns, per row in order, its id and whether it was inserted (and what else the writer knows). */
  save(manager: EntityManager, rows: R[]): Promise<S[]>;
  /** Runs inside the same transaction after the rows were written (audit, side tables). */
  after?(manager: EntityManager, rows: R[], saved: S[]): Promise<void>;
}

/**
 * The bulk import every record type shares. Each row is validated like a single create
 * (shape, then references and dates), rows repeating an externalId of an earlier row are
 * refused, and then:
 * - atomic: any error saves nothing; otherwise all rows go in one transaction;
 * - not atomic: the valid rows are saved, the others listed.
 * Should the database still refuse a row (a constraint raced by another writer), the rows
 * are retried one by one under savepoints so the culprit is named; atomic then rolls back.
 */
export async function runImport<I extends object, R extends { id: string; externalId: string | null }, S extends SavedRow = SavedRow>(
  dataSource: DataSource,
  spec: ImportSpec<I, R, S>,
): Promise<ImportResult> {
  const errors: ImportRowError[] = [];
  const valid: { index: number; row: R }[] = [];
  const seen = new Map<string, number>();
  const validate = (from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const path = `input[${index}]`;
      const shape = validateShape(spec.inputClass, spec.inputs[index], path);
      let problems = shape.problems;
      let row: R | undefined;
      if (problems.length === 0) ({ row, problems } = spec.check(shape.value, path));
      if (row?.externalId) {
        const first = seen.get(row.externalId);
        if (first !== undefined) problems = [...problems, { field: `${path}.externalId`, rule: 'uniqueInImport', message: `externalId ${row.externalId} repeats row ${first}` }];
        else seen.set(row.externalId, index);
      }
      if (problems.length > 0 || !row) errors.push(...problems.map((p) => ({ index, ...p })));
      else valid.push({ index, row });
    }
  };

  const result: ImportResult = {
    atomic: spec.atomic,
    received: spec.inputs.length,
    saved: 0,
    created: 0,
    updated: 0,
    failed: 0,
    ids: spec.inputs.map(() => null),
    errors,
  };
  const record = (rows: { index: number; row: R }[], saved: SavedRow[]) => {
    saved.forEach((s, i) => {
      result.ids[rows[i].index] = s.id;
      if (s.inserted) result.created++;
      else result.updated++;
    });
  };

  // Validation and writing overlap: while the database writes one chunk, the next is
  // validated. Every row is still validated (all errors are listed); an atomic import
  // stops writing at its first error and is rolled back.
  const n = spec.inputs.length;
  let validated = 0;
  try {
    await dataSource.transaction(async (tx) => {
      const written: { rows: { index: number; row: R }[]; saved: S[] }[] = [];
      let pending: Promise<void> | null = null;
      let failure: unknown = null;
      for (let from = 0; from < n; from += PIPELINE_CHUNK) {
        const before = valid.length;
        validate(from, Math.min(n, from + PIPELINE_CHUNK));
        validated = Math.min(n, from + PIPELINE_CHUNK);
        if (pending) await pending;
        if (failure) throw failure;
        pending = null;
        const rows = valid.slice(before);
        if ((spec.atomic && errors.length > 0) || rows.length === 0) continue;
        pending = spec.save(tx, rows.map((v) => v.row)).then(
          (saved) => void written.push({ rows, saved }),
          (err) => void (failure = err),
        );
        // Let the statement leave before validating the next chunk (TypeORM awaits a connection first).
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (pending) await pending;
      if (failure) throw failure;
      if (spec.atomic && errors.length > 0) throw new AtomicRollback();
      if (valid.length === 0) return;
      await spec.after?.(tx, written.flatMap((w) => w.rows.map((r) => r.row)), written.flatMap((w) => w.saved));
      written.forEach((w) => record(w.rows, w.saved));
    });
    return finish(result);
  } catch (err) {
    if (err instanceof AtomicRollback) return finish(result);
  }
  // The database refused something that passed validation (a constraint raced by another
  // writer): validate what is left, then write row by row under savepoints to name the culprit.
  validate(validated, n);
  result.created = result.updated = 0;
  result.ids = spec.inputs.map(() => null);
  await dataSource
    .transaction(async (tx) => {
      const ok: { index: number; row: R }[] = [];
      const okSaved: S[] = [];
      for (const v of valid) {
        await tx.query('SAVEPOINT import_row');
        try {
          const [saved] = await spec.save(tx, [v.row]);
          await spec.after?.(tx, [v.row], [saved]);
          await tx.query('RELEASE SAVEPOINT import_row');
          ok.push(v);
          okSaved.push(saved);
        } catch (err) {
          await tx.query('ROLLBACK TO SAVEPOINT import_row');
          errors.push({ index: v.index, field: `input[${v.index}]`, rule: 'database', message: databaseRefusal(err) });
        }
      }
      // Atomic means all or nothing: roll the whole transaction back.
      if (spec.atomic && (ok.length < valid.length || errors.length > 0)) throw new AtomicRollback();
      record(ok, okSaved);
    })
    .catch((err) => {
      if (!(err instanceof AtomicRollback)) throw err;
    });
  return finish(result);
}

/** What an import's audit entry says besides its subjects: rows written, of which new and updated. */
export function importDetails(saved: readonly SavedRow[]): { rows: number; created: number; updated: number } {
  const created = saved.filter((s) => s.inserted).length;
  return { rows: saved.length, created, updated: saved.length - created };
}

class AtomicRollback extends Error {}

/** Rows validated and written per step of an import. */
const PIPELINE_CHUNK = 2000;

function finish(r: ImportResult): ImportResult {
  r.saved = r.created + r.updated;
  r.failed = new Set(r.errors.map((e) => e.index)).size;
  r.errors.sort((a, b) => a.index - b.index);
  return r;
}

/** The database's refusal in words, naming the constraint but never echoing SQL or values. */
function databaseRefusal(err: unknown): string {
  const e = err as { constraint?: string; code?: string; driverError?: { constraint?: string; code?: string } };
  const constraint = e.constraint ?? e.driverError?.constraint;
  const code = e.code ?? e.driverError?.code;
  return constraint ? `the database refused the row (constraint ${constraint})` : `the database refused the row (SQLSTATE ${code ?? 'unknown'})`;
}
