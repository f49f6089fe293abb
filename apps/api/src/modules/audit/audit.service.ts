import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';
import { AuditEntry, appendAuditEvent } from './audit-writer';

export type { AuditEntry } from './audit-writer';

/** Appends audit events (R19, R20). There is no update or delete path here, by design. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Appends one event; pass the mutation's transaction manager so it commits with the change. Returns the event id. */
  record(actor: Principal | null, entry: AuditEntry, manager: EntityManager = this.ds.manager): Promise<string> {
    return appendAuditEvent(manager, actor, entry);
  }
}

/** The audit trail: writing (AuditService, for every module) and the admins' auditLog query. */
@Global()
@Module({ providers: [AuditService, AuditLogService, AuditLogResolver], exports: [AuditService] })
export class AuditModule {}
