import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const ROLES_KEY = 'kansrijk:roles';
export const PUBLIC_KEY = 'kansrijk:public';

/** The roles that may call this query or mutation. Every operation needs this or @Public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Marks an operation as open to anyone (reference data, `about`): an explicit choice. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
