import { NotFoundError } from '../errors/domain-errors';
import { Principal, Role } from './role';

/**
 * Tenancy (R20, least privilege). A PLATFORM key sees and writes only its tenant's
 * records; ADMIN and ADVISER see all. A record another tenant owns answers NOT_FOUND,
 * exactly like one that does not exist, so ids cannot be probed across tenants.
 */
export const tenantFilter = (p: Principal): string | null => (p.role === Role.PLATFORM ? p.tenant : null);

/** Who owns what a principal creates: a platform's tenant, otherwise nobody (COA or admin records). */
export const ownerTenant = (p: Principal): string | null => (p.role === Role.PLATFORM ? p.tenant : null);

/** The source an externalId is unique within: the platform tenant, `coa` for advisers, `admin`. */
export const sourceOf = (p: Principal): string => (p.role === Role.PLATFORM ? `tenant:${p.tenant}` : p.role === Role.ADVISER ? 'coa' : 'admin');

/** Throws NOT_FOUND unless the principal may see a record owned by `tenant`. */
export function assertVisible<T extends { tenant: string | null }>(p: Principal, record: T | null | undefined, what: string, id: string): T {
  const scope = tenantFilter(p);
  if (!record || (scope !== null && record.tenant !== scope)) throw new NotFoundError(what, id);
  return record;
}
