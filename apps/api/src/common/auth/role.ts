import { registerEnumType } from '@nestjs/graphql';

/** Who may call what (R20: least privilege). The matrix is in the README. */
export enum Role {
  ADMIN = 'ADMIN',
  ADVISER = 'ADVISER',
  PLATFORM = 'PLATFORM',
  EVALUATOR = 'EVALUATOR',
}

registerEnumType(Role, { name: 'Role', description: 'The role an API key carries.' });

/** The caller behind a request: an API key's id, role and, for a platform, its tenant. */
export interface Principal {
  keyId: string;
  role: Role;
  tenant: string | null;
}
