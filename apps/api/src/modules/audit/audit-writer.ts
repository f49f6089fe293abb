import { EntityManager } from 'typeorm';
import { Principal } from '../../common/auth/role';

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
