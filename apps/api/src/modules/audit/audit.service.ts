import { Global, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';
import { AuditEntry, appendAuditEvent, appendAuditEvents } from './audit-writer';
import { GroupCommit } from './group-commit';

export type { AuditEntry } from './audit-writer';

/** Appends audit events (R19, R20). There is no update or delete path here, by design. */
@Injectable()
export class AuditService implements OnModuleDestroy {
  /**
   * Events outside a transaction (every served suggestion list, every read) of concurrent
   * requests share one INSERT and one commit: one statement and one WAL flush for a batch
   * instead of one per request.
   */
  private readonly group: GroupCommit<{ actor: Principal | null; entry: AuditEntry }, string>;

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.group = new GroupCommit((events) => appendAuditEvents(this.ds, events));
  }

  /**
   * Appends one event and returns its id once it is committed (R19: no answer leaves before
   * its entry is in the trail; a failed write fails the call). Pass the mutation's
   * transaction manager so the event commits with the change, or not at all.
   */
  record(actor: Principal | null, entry: AuditEntry, manager?: EntityManager): Promise<string> {
    return manager ? appendAuditEvent(manager, actor, entry) : this.group.add({ actor, entry });
  }

  async onModuleDestroy(): Promise<void> {
    await this.group.settled();
  }
}

/** The audit trail: writing (AuditService, for every module) and the admins' auditLog query. */
@Global()
@Module({ providers: [AuditService, AuditLogService, AuditLogResolver], exports: [AuditService] })
export class AuditModule {}
