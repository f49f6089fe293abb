import { NotFoundError } from '../errors/domain-errors';
import { Principal, Role } from './role';

/**
 * Tenancy (R20, least privilege). A PLATFORM key sees and writes only its tenant's
 * records; ADMIN and ADVISER see all. A record another tenant owns answers NOT_FOUND,
 * exactly like one that does not exist, so ids cannot be probed across tenants.
 *
 * The rule lives here and nowhere else: services filter with `tenantFilter` / `inScope`,
 * and `scopeRecordFields` (record-scope.ts) applies `mayReadRecord` to every field of the
 * schema that returns a record, whatever resolver produced it.
 */
export const tenantFilter = (p: Principal): string | null => (p.role === Role.PLATFORM ? p.tenant : null);

/** Whether a principal works with records owned by `tenant`: its own tenant's, or all (null filter). */
export const inScope = (p: Principal, tenant: string | null | undefined): boolean => {
  const scope = tenantFilter(p);
  return scope === null || tenant === scope;
};

/** Who owns what a principal creates: a platform's tenant, otherwise nobody (COA or admin records). */
export const ownerTenant = (p: Principal): string | null => (p.role === Role.PLATFORM ? p.tenant : null);

/** The source an externalId is unique within: the platform tenant, `coa` for advisers, `admin`. */
export const sourceOf = (p: Principal): string => (p.role === Role.PLATFORM ? `tenant:${p.tenant}` : p.role === Role.ADVISER ? 'coa' : 'admin');

/** Throws NOT_FOUND unless the principal may see a record owned by `tenant`. */
export function assertVisible<T extends { tenant: string | null }>(p: Principal, record: T | null | undefined, what: string, id: string): T {
  if (!record || !inScope(p, record.tenant)) throw new NotFoundError(what, id);
  return record;
}

/**
 * The GraphQL types that are tenant-owned records. Their models carry the owner in a
 * `tenant` property (not in the schema); every field returning one is scoped.
 */
export const RECORD_TYPES = ['Candidate', 'Household', 'Vacancy', 'Employer'] as const;

/**
 * Whether a principal may be shown a whole record owned by `tenant`: the roles that read
 * records (README, "Access and roles") within their scope. Evaluators and callers without
 * a key never get a record (they see people by pseudonym, through summaries).
 */
export function mayReadRecord(p: Principal | null | undefined, tenant: string | null | undefined): boolean {
  if (!p) return false;
  if (p.role === Role.ADMIN || p.role === Role.ADVISER) return true;
  return p.role === Role.PLATFORM && tenant !== undefined && tenant === p.tenant;
}
