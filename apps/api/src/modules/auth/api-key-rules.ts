import { Role } from '../../common/auth/role';
import { FieldProblem } from '../../common/errors/domain-errors';

/** A platform tenant: lower-case letters, digits and hyphens, 2 to 64 characters. */
export const TENANT_SLUG = /^[a-z0-9-]{2,64}$/;
export const LABEL_MAX = 200;

/** What an admin asks for when creating a key (through the mutation or `npm run keys`). */
export interface NewApiKey {
  role: Role;
  tenant?: string | null;
  label: string;
  expiresAt?: Date | null;
}

/** The default lifetime of a new key: one year. */
export function defaultExpiry(now: Date): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d;
}

/**
 * The rules for a new key, shared by the mutation and the command: a known role; a
 * tenant slug for PLATFORM and for no other role (a key for advisers or admins bound to a
 * tenant would read as scoped while seeing everything); a label; an expiry in the future.
 * `prefix` names the fields in the problems (`input.tenant` or `--tenant`).
 */
export function checkNewApiKey(key: NewApiKey, now: Date, name: (field: string) => string = (f) => `input.${f}`): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, rule: string, message: string) => problems.push({ field: name(field), rule, message });
  if (!Object.values(Role).includes(key.role)) add('role', 'isEnum', `role must be one of ${Object.values(Role).join(', ')}`);
  const tenant = key.tenant ?? null;
  if (key.role === Role.PLATFORM) {
    if (tenant === null) add('tenant', 'requiredForPlatform', 'tenant is required for a PLATFORM key: the platform whose records it may see');
    else if (!TENANT_SLUG.test(tenant)) add('tenant', 'matches', 'tenant must be 2 to 64 lower-case letters, digits or hyphens, e.g. refugeework');
  } else if (tenant !== null) {
    add('tenant', 'onlyForPlatform', `tenant is only for PLATFORM keys; a ${key.role} key is not bound to a tenant`);
  }
  if (typeof key.label !== 'string' || key.label.trim().length === 0) add('label', 'isNotEmpty', 'label must not be empty');
  else if (key.label.length > LABEL_MAX) add('label', 'maxLength', `label must be at most ${LABEL_MAX} characters`);
  if (key.expiresAt !== undefined && key.expiresAt !== null) {
    if (!(key.expiresAt instanceof Date) || Number.isNaN(key.expiresAt.getTime())) add('expiresAt', 'isDate', 'expiresAt must be a date-time');
    else if (key.expiresAt.getTime() <= now.getTime()) add('expiresAt', 'inFuture', 'expiresAt must be in the future');
  }
  return problems;
}
