import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { Page } from '../../common/pagination';
import { AuditService } from '../audit/audit.service';
import { ApiKeyEntity } from './api-key.entity';
import { checkNewApiKey, defaultExpiry, NewApiKey } from './api-key-rules';
import { ApiKeyService, CreatedApiKey } from './api-key.service';

/** Where a key change came from, for the audit trail. */
export interface KeyChangeOrigin {
  via: 'api' | 'cli';
  /** The operating-system user who ran the command (cli only). */
  operator?: string;
}

/**
 * Creating, revoking and listing keys for admins (mutations) and operators (`npm run keys`).
 * Every creation and revocation is audited in the same transaction (`key.created`,
 * `key.revoked`), with the key's id, prefix, role and tenant and never its secret.
 */
@Injectable()
export class ApiKeyAdminService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Principal | null, input: NewApiKey, now: Date, origin: KeyChangeOrigin, fieldName?: (f: string) => string): Promise<CreatedApiKey> {
    const problems = checkNewApiKey(input, now, fieldName);
    if (problems.length) throw new BadUserInputError(problems);
    const expiresAt = input.expiresAt ?? defaultExpiry(now);
    return this.ds.transaction(async (tx) => {
      const created = await this.keys.create({ role: input.role, tenant: input.tenant ?? null, label: input.label.trim(), expiresAt }, tx);
      const e = created.entity;
      await this.audit.record(
        actor,
        {
          action: 'key.created',
          subjectType: 'api_key',
          subjectRefs: [e.id],
          details: { prefix: e.prefix, role: e.role, tenant: e.tenant, label: e.label, expiresAt: expiresAt.toISOString(), ...origin },
        },
        tx,
      );
      return created;
    });
  }

  /** Revokes a key (at once in this process; within 5 s in other API processes). Revoking twice changes nothing. */
  async revoke(actor: Principal | null, id: string, now: Date, origin: KeyChangeOrigin): Promise<ApiKeyEntity> {
    const row = await this.ds.transaction(async (tx) => {
      const existing = await tx.findOne(ApiKeyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!existing) throw new NotFoundError('API key', id);
      if (existing.revokedAt) return existing;
      const revoked = (await this.keys.revoke(id, now, tx))!;
      await this.audit.record(
        actor,
        { action: 'key.revoked', subjectType: 'api_key', subjectRefs: [id], details: { prefix: revoked.prefix, role: revoked.role, tenant: revoked.tenant, ...origin } },
        tx,
      );
      return revoked;
    });
    this.keys.forgetCached(); // again after commit, so no request re-cached the key meanwhile
    return row;
  }

  /** One key by id (the caller's own, for `whoami`); null when it is gone. */
  get(id: string): Promise<ApiKeyEntity | null> {
    return this.ds.manager.findOneBy(ApiKeyEntity, { id });
  }

  /** Keys, newest first; secrets are not stored, and hashes never leave this module. */
  async list(skip: number, take: number): Promise<Page<ApiKeyEntity>> {
    const [items, total] = await this.ds.manager.findAndCount(ApiKeyEntity, { order: { createdAt: 'DESC', id: 'ASC' }, skip, take });
    return { items, total };
  }
}
