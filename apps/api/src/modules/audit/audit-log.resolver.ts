import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { Page } from '../../common/pagination';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { AuditLogService } from './audit-log.service';
import { AuditLogArgs } from './dto/audit-log.args';
import { AuditEvent, AuditEventPage } from './models/audit-event.model';

@Resolver()
export class AuditLogResolver {
  constructor(private readonly log: AuditLogService) {}

  @Roles(Role.ADMIN)
  @Query(() => AuditEventPage, { description: 'R19/R20: the audit trail, newest first. Reading it is audited too (audit.read).' })
  auditLog(@CurrentPrincipal() p: Principal, @Args() { filter, skip, take }: AuditLogArgs): Promise<Page<AuditEvent>> {
    return this.log.find(p, filter, skip, take);
  }
}
