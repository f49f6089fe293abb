import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '../../../common/auth/role';
import { Paginated } from '../../../common/pagination';
import { ApiKeyEntity } from '../api-key.entity';

export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ApiKeyStatus, { name: 'ApiKeyStatus', description: 'Whether a key is accepted now.' });

/** An API key's public fields. The secret is shown once, at creation, and never stored. */
@ObjectType({ description: 'An API key, without its secret (shown once at creation) or its hash.' })
export class ApiKey {
  @Field(() => ID) id: string;
  @Field({ description: 'The public part of the key (kr_<prefix>_…), to recognise it in lists and logs.' }) prefix: string;
  @Field(() => Role) role: Role;
  @Field(() => String, { nullable: true, description: 'The platform tenant of a PLATFORM key.' }) tenant: string | null;
  @Field() label: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'null: never expires (only the key made at first start).' }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field(() => ApiKeyStatus) status: ApiKeyStatus;
}

@ObjectType({ description: 'A new key. `key` is shown only in this response: store it now.' })
export class CreatedApiKey {
  @Field({ description: 'The key to send as Authorization: Bearer <key>. It cannot be retrieved again.' }) key: string;
  @Field(() => ApiKey) apiKey: ApiKey;
}

export const ApiKeyPage = Paginated(ApiKey, 'ApiKeyPage');

export function toApiKey(e: ApiKeyEntity, now: Date): ApiKey {
  return {
    id: e.id,
    prefix: e.prefix,
    role: e.role,
    tenant: e.tenant,
    label: e.label,
    createdAt: e.createdAt,
    expiresAt: e.expiresAt,
    revokedAt: e.revokedAt,
    status: e.revokedAt ? ApiKeyStatus.REVOKED : e.expiresAt && e.expiresAt.getTime() <= now.getTime() ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE,
  };
}
