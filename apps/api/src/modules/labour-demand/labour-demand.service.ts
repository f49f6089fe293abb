import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadLabourDemandSample } from '@kansrijk/reference-data';
import { InMemoryLabourDemand } from '@kansrijk/scoring';
import { Principal } from '../../common/auth/role';
import { BadUserInputError, FieldProblem } from '../../common/errors/domain-errors';
import { bulkUpsert } from '../../database/bulk-upsert';
import { AuditService } from '../audit/audit.service';
import { RecordEvents } from '../records/record-events';
import { ReferenceIndex } from '../reference/reference-index.service';
import { LabourDemandChange, LabourDemandFigure, LabourDemandImportInput, LabourDemandImportMode, LabourDemandImportResult, LabourDemandInfo } from './labour-demand.models';

/** How the audit trail names one figure: its region and ISCO group. */
const labourDemandKey = (regionCode: string, iscoGroup: string) => `${regionCode}:${iscoGroup}`;

export const SAMPLE_SOURCE = 'Kansrijk illustrative sample (not UWV data)';

/** Loads the shipped illustrative sample when the table is empty (a fresh database). */
export async function ensureLabourDemand(manager: EntityManager): Promise<number> {
  const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM labour_demand');
  if (n > 0) return 0;
  const rows = loadLabourDemandSample();
  await writeRows(manager, rows, SAMPLE_SOURCE, true);
  return rows.length;
}

async function writeRows(manager: EntityManager, rows: { regionCode: string; iscoGroup: string; tension: number; label?: string | null }[], source: string, illustrative: boolean) {
  await bulkUpsert(manager, {
    table: 'labour_demand',
    conflict: ['region_code', 'isco_group'],
    columns: [
      { name: 'region_code', type: 'text', values: rows.map((r) => r.regionCode) },
      { name: 'isco_group', type: 'text', values: rows.map((r) => r.iscoGroup) },
      { name: 'tension', type: 'float8', values: rows.map((r) => r.tension) },
      { name: 'label', type: 'text', values: rows.map((r) => r.label ?? null) },
      { name: 'illustrative', type: 'bool', values: [illustrative], same: true },
      { name: 'source', type: 'text', values: [source], same: true },
      { name: 'loaded_at', type: 'timestamptz', values: [new Date()], same: true },
    ],
  });
}

/** The labour-demand figures in memory, as scoring reads them. */
export async function loadLabourDemand(ds: DataSource | EntityManager): Promise<InMemoryLabourDemand> {
  const rows: { regionCode: string; iscoGroup: string; tension: number; label: string | null }[] = await ds.query(
    'SELECT region_code AS "regionCode", isco_group AS "iscoGroup", tension, label FROM labour_demand',
  );
  return new InMemoryLabourDemand(rows.map((r) => ({ regionCode: r.regionCode, iscoGroup: r.iscoGroup, tension: r.tension, ...(r.label ? { label: r.label } : {}) })));
}

/** The figures in memory for scoring, and their replacement by an operator's import. */
@Injectable()
export class LabourDemandService {
  private current?: Promise<InMemoryLabourDemand>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reference: ReferenceIndex,
    private readonly audit: AuditService,
    private readonly events: RecordEvents,
  ) {
    events.onChange(async (c) => {
      if (c.kind === 'labour-demand') this.current = undefined;
    });
  }

  /** The figures scoring uses (loaded once, reloaded after an import here or elsewhere). */
  demand(): Promise<InMemoryLabourDemand> {
    this.current ??= loadLabourDemand(this.ds);
    return this.current;
  }

  async info(): Promise<LabourDemandInfo> {
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS rows, coalesce(bool_or(illustrative), false) AS illustrative, max(source) AS source, max(loaded_at) AS "loadedAt" FROM labour_demand`,
    );
    return row;
  }

  async figures(regionCode: string, iscoGroup?: string): Promise<LabourDemandFigure[]> {
    return this.ds.query(
      `SELECT region_code AS "regionCode", isco_group AS "iscoGroup", tension, label FROM labour_demand
        WHERE region_code = $1 AND ($2::text IS NULL OR isco_group LIKE $2 || '%') ORDER BY isco_group`,
      [regionCode, iscoGroup ?? null],
    );
  }

  /**
   * An operator's import, in one transaction, or refused whole. MERGE (the default) writes the
   * file's figures by region and ISCO group and keeps every other; REPLACE also removes every
   * figure the file has none for. The answer and the audit entry list every figure replaced
   * (with its tension before) and removed.
   */
  async import(principal: Principal, input: LabourDemandImportInput): Promise<LabourDemandImportResult> {
    const mode = input.mode ?? LabourDemandImportMode.MERGE;
    const ref = await this.reference.snapshot();
    const problems: FieldProblem[] = [];
    const seen = new Map<string, number>();
    input.rows.forEach((r, i) => {
      if (!ref.regions.has(r.regionCode)) problems.push({ field: `input.rows[${i}].regionCode`, rule: 'exists', message: `${r.regionCode} is not a labour-market region` });
      if (!ref.iscoCodes.has(r.iscoGroup)) problems.push({ field: `input.rows[${i}].iscoGroup`, rule: 'exists', message: `${r.iscoGroup} is not an ISCO-08 group` });
      const key = `${r.regionCode}|${r.iscoGroup}`;
      if (seen.has(key)) problems.push({ field: `input.rows[${i}]`, rule: 'uniqueInImport', message: `${key} repeats row ${seen.get(key)}` });
      else seen.set(key, i);
    });
    if (problems.length) throw new BadUserInputError(problems.slice(0, 200));
    const change = { kind: 'labour-demand' as const, ids: [], op: 'upserted' as const };
    let replaced: LabourDemandChange[] = [];
    let removed: LabourDemandChange[] = [];
    await this.ds.transaction(async (tx) => {
      // Every figure as it was, locked until the import commits.
      const before: { regionCode: string; iscoGroup: string; tension: number; source: string | null }[] = await tx.query(
        'SELECT region_code AS "regionCode", isco_group AS "iscoGroup", tension, source FROM labour_demand ORDER BY region_code, isco_group FOR UPDATE',
      );
      const incoming = new Map(input.rows.map((r) => [labourDemandKey(r.regionCode, r.iscoGroup), r]));
      replaced = before
        .filter((b) => incoming.has(labourDemandKey(b.regionCode, b.iscoGroup)))
        .map((b) => ({ regionCode: b.regionCode, iscoGroup: b.iscoGroup, previousTension: b.tension, tension: incoming.get(labourDemandKey(b.regionCode, b.iscoGroup))!.tension, previousSource: b.source }));
      if (mode === LabourDemandImportMode.REPLACE) {
        removed = before
          .filter((b) => !incoming.has(labourDemandKey(b.regionCode, b.iscoGroup)))
          .map((b) => ({ regionCode: b.regionCode, iscoGroup: b.iscoGroup, previousTension: b.tension, tension: null, previousSource: b.source }));
        await tx.query('DELETE FROM labour_demand');
      }
      await writeRows(tx, input.rows, input.source, false);
      // Which figures the import wrote (region:ISCO group, e.g. AM18:5120), which it replaced and
      // which it removed: an auditor finds the import of one figure by its key.
      const written = input.rows.map((r) => labourDemandKey(r.regionCode, r.iscoGroup));
      await this.audit.record(
        principal,
        {
          action: 'labour-demand.imported',
          subjectType: 'labour_demand',
          subjectRefs: written,
          details: {
            mode,
            rows: input.rows.length,
            source: input.source,
            replaced: replaced.map((r) => ({ key: labourDemandKey(r.regionCode, r.iscoGroup), from: r.previousTension, to: r.tension })),
            removed: removed.map((r) => labourDemandKey(r.regionCode, r.iscoGroup)),
          },
        },
        tx,
      );
      await this.events.persist(tx, change);
    });
    await this.events.publish(change);
    return { ...(await this.info()), mode, imported: input.rows.length, added: input.rows.length - replaced.length, replaced, removed };
  }
}
