import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { Page, PageArgs } from '../../common/pagination';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import { IdArg } from '../records/id.args';
import { ApiKeyAdminService } from './api-key-admin.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { CreateApiKeyInput } from './dto/create-api-key.input';
import { ApiKey, ApiKeyPage, CreatedApiKey, toApiKey } from './models/api-key.model';

/** Admins manage keys (R20). The same operations exist as `npm run keys`. */
@Resolver()
export class ApiKeysResolver {
  constructor(private readonly admin: ApiKeyAdminService) {}

  @Roles(Role.ADMIN)
  @Mutation(() => CreatedApiKey, { description: 'Creates an API key; the key itself is in this response only. Audited as key.created.' })
  async createApiKey(@CurrentPrincipal() p: Principal, @Args('input') input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const now = new Date();
    const { key, entity } = await this.admin.create(p, input, now, { via: 'api' });
    return { key, apiKey: toApiKey(entity, now) };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ApiKey, { description: 'Revokes an API key at once; revoking twice changes nothing. Audited as key.revoked.' })
  async revokeApiKey(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<ApiKey> {
    const now = new Date();
    return toApiKey(await this.admin.revoke(p, id, now, { via: 'api' }), now);
  }

  /**
   * The key behind this request (any role): a client shows what its role may do and whose key
   * it is. The key's own fields only, never another key's.
   */
  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR)
  @Query(() => ApiKey, { description: 'The API key of this request: its role, tenant, label and expiry (no secret).' })
  async whoami(@CurrentPrincipal() p: Principal): Promise<ApiKey> {
    const now = new Date();
    const row = await this.admin.get(p.keyId);
    // Revoked between the guard's check and this read: answer as the guard would next time.
    if (!row) throw new UnauthenticatedError('Unknown, revoked or expired API key');
    return toApiKey(row, now);
  }

  @Roles(Role.ADMIN)
  @Query(() => ApiKeyPage, { description: 'API keys, newest first, without secrets or hashes.' })
  async apiKeys(@Args() { skip, take }: PageArgs): Promise<Page<ApiKey>> {
    const now = new Date();
    const page = await this.admin.list(skip, take);
    return { items: page.items.map((e) => toApiKey(e, now)), total: page.total };
  }
}
