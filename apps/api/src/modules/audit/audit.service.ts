import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../common/auth/role';

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectRefs?: string[];
  details?: Record<string, unknown>;
}

/** Appends audit events (R19, R20). There is no update or delete path here, by design. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Appends one event; pass the mutation's transaction manager so it commits with the change. */
  async record(actor: Principal | null, entry: AuditEntry, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (actor_key_id, actor_role, actor_tenant, action, subject_type, subject_refs, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
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
  }
}

@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
