import { EntityManager } from 'typeorm';
import { Principal } from '../../common/auth/role';
import type { Queryable } from '../matching/profile-loader';

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectRefs?: string[];
  details?: Record<string, unknown>;
}

/** Appends one audit event with `manager` (a transaction's, so it commits with the change); returns its id. Insert only. */
export async function appendAuditEvent(manager: EntityManager, actor: Principal | null, entry: AuditEntry): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO audit_event (actor_key_id, actor_role, actor_tenant, action, subject_type, subject_refs, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
    [
      actor?.keyId ?? null,
      actor?.role ?? null,
      actor?.tenant ?? null,
      entry.action,
      entry.subjectType ?? null,
      entry.subjectRefs ?? [],
      JSON.stringify(entry.details ?? {}),
    ],
  );
  return row.id;
}

/** A text[] literal with every element quoted, so commas, braces and quotes in a ref stay inside it. */
const textArrayLiteral = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/**
 * Appends several audit events in one statement, so all of them or none commit; returns
 * their ids in the order of `events`. The ids are drawn in a materialised CTE together
 * with each event's position, so the mapping does not rest on the order of RETURNING.
 * One statement with seven array parameters whatever the count: the plan is reused.
 */
export async function appendAuditEvents(db: Queryable, events: readonly { actor: Principal | null; entry: AuditEntry }[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows: { id: string; n: string }[] = await db.query(
    `WITH e AS (
       SELECT nextval(pg_get_serial_sequence('audit_event', 'id')) AS id, t.*
         FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[], $7::jsonb[]) WITH ORDINALITY
              AS t(actor_key_id, actor_role, actor_tenant, action, subject_type, subject_refs, details, n)
     ), inserted AS (
       INSERT INTO audit_event (id, actor_key_id, actor_role, actor_tenant, action, subject_type, subject_refs, details)
       SELECT id, actor_key_id, actor_role, actor_tenant, action, subject_type, subject_refs::text[], details FROM e
     )
     SELECT id::text AS id, n::text AS n FROM e`,
    [
      events.map((e) => e.actor?.keyId ?? null),
      events.map((e) => e.actor?.role ?? null),
      events.map((e) => e.actor?.tenant ?? null),
      events.map((e) => e.entry.action),
      events.map((e) => e.entry.subjectType ?? null),
      events.map((e) => textArrayLiteral(e.entry.subjectRefs ?? [])),
      events.map((e) => JSON.stringify(e.entry.details ?? {})),
    ],
  );
  const ids: string[] = new Array(events.length);
  for (const r of rows) ids[Number(r.n) - 1] = r.id;
  return ids;
}
