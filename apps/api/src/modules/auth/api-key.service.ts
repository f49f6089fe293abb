import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Role } from '../../common/auth/role';
import { ApiKeyEntity } from './api-key.entity';

/** A key as created: the secret is in `key` and is never retrievable again. */
export interface CreatedApiKey {
  key: string;
  entity: ApiKeyEntity;
}

const CACHE_MS = 5000;
/** Verified keys held at most; a deployment has a few hundred keys, so this never evicts a busy one. */
export const KEY_CACHE_MAX = 10_000;
const KEY_PATTERN = /^kr_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class ApiKeyService {
  /**
   * Keys that verified, for a few seconds, so a busy client does not cost a query per request.
   * Only keys that verified: an unknown, revoked or expired key is looked up every time (and
   * a caller without a valid key is throttled per IP address by the rate limiter), so a flood
   * of made-up keys cannot fill memory. Bounded all the same (least recently used out first).
   */
  private readonly cache = new LRUCache<string, { principal: Principal; until: number; expiresAt: number | null }>({ max: KEY_CACHE_MAX });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates a key; the plain key is returned once. */
  async create(
    opts: { role: Role; tenant?: string | null; label: string; expiresAt?: Date | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CreatedApiKey> {
    const prefix = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
    const secret = randomBytes(32).toString('base64url');
    const key = `kr_${prefix}_${secret}`;
    const entity = manager.create(ApiKeyEntity, {
      prefix,
      secretHash: sha256(key),
      role: opts.role,
      tenant: opts.role === Role.PLATFORM ? (opts.tenant ?? null) : null,
      label: opts.label,
      expiresAt: opts.expiresAt ?? null,
      revokedAt: null,
    });
    await manager.save(entity);
    return { key, entity };
  }

  /** The principal behind a presented key, or null when it is unknown, revoked or expired. */
  async verify(key: string, now: Date): Promise<Principal | null> {
    const match = KEY_PATTERN.exec(key);
    if (!match) return null;
    const cached = this.cache.get(key);
    const t = now.getTime();
    if (cached && cached.until > t && (cached.expiresAt === null || cached.expiresAt > t)) return cached.principal;
    const row = await this.dataSource.manager.findOne(ApiKeyEntity, { where: { prefix: match[1] } });
    let principal: Principal | null = null;
    if (
      row &&
      timingSafeEqual(Buffer.from(row.secretHash), Buffer.from(sha256(key))) &&
      row.revokedAt === null &&
      (row.expiresAt === null || row.expiresAt.getTime() > t)
    ) {
      principal = { keyId: row.id, role: row.role, tenant: row.tenant };
    }
    if (principal) this.cache.set(key, { principal, until: t + CACHE_MS, expiresAt: row!.expiresAt?.getTime() ?? null });
    else this.cache.delete(key);
    return principal;
  }

  /** Revokes a key at once in this process (other processes within the cache window). */
  async revoke(id: string, now: Date, manager: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity | null> {
    const row = await manager.findOne(ApiKeyEntity, { where: { id } });
    if (!row) return null;
    if (!row.revokedAt) {
      row.revokedAt = now;
      await manager.save(row);
    }
    this.cache.clear();
    return row;
  }

  /** Drops every cached verification, so the next request of each key reads the database. */
  forgetCached(): void {
    this.cache.clear();
  }

  /** Verifications held (for tests and the memory soak). */
  get cachedCount(): number {
    return this.cache.size;
  }

  async list(): Promise<ApiKeyEntity[]> {
    return this.dataSource.manager.find(ApiKeyEntity, { order: { createdAt: 'ASC' } });
  }

  /** True when no key exists at all (a fresh database). */
  async none(): Promise<boolean> {
    return (await this.dataSource.manager.count(ApiKeyEntity)) === 0;
  }
}
