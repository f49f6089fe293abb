import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { Page } from '../../common/pagination';
import { AuditEventEntity } from './audit-event.entity';
import { appendAuditEvent } from './audit-writer';
import { AuditLogFilter } from './dto/audit-log.args';
import { AuditEvent } from './models/audit-event.model';

const toAuditEvent = (e: AuditEventEntity): AuditEvent => ({
  id: e.id,
  at: e.at,
  actorKeyId: e.actorKeyId,
  actorRole: e.actorRole,
  actorTenant: e.actorTenant,
  action: e.action,
  subjectType: e.subjectType,
  subjectRefs: e.subjectRefs,
  details: JSON.stringify(e.details ?? {}),
});

/** Reads the audit trail for admins, newest first. Reading it is itself audited (`audit.read`). */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(principal: Principal, filter: AuditLogFilter | undefined, skip: number, take: number): Promise<Page<AuditEvent>> {
    const qb = this.ds.manager.createQueryBuilder(AuditEventEntity, 'a');
    // Only [a-z0-9_.-] reach here; `_` is a LIKE wildcard, so it is escaped.
    if (filter?.action?.endsWith('.*')) qb.andWhere('a.action LIKE :prefix', { prefix: `${filter.action.slice(0, -1).replace(/_/g, '\\_')}%` });
    else if (filter?.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter?.actorKeyId) qb.andWhere('a.actor_key_id = :actor', { actor: filter.actorKeyId });
    if (filter?.subjectRef) qb.andWhere('a.subject_refs @> ARRAY[:ref]::text[]', { ref: filter.subjectRef });
    if (filter?.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter?.to) qb.andWhere('a.at < :to', { to: filter.to });
    const total = await qb.getCount();
    const rows = take === 0 ? [] : await qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').offset(skip).limit(take).getMany();
    await appendAuditEvent(this.ds.manager, principal, {
      action: 'audit.read',
      subjectType: 'audit_event',
      details: { filter: { ...filter, from: filter?.from?.toISOString(), to: filter?.to?.toISOString() }, skip, take, returned: rows.length },
    });
    return { items: rows.map(toAuditEvent), total };
  }
}
