import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DATABASE_TARGET } from '../../config/config.module';
import { Environment } from '../../config/environment';
import { DatabaseTarget } from '../../database/database-target';
import { Role } from '../../common/auth/role';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyService } from './api-key.service';
import { ApiKeyAdminService } from './api-key-admin.service';
import { ApiKeysResolver } from './api-keys.resolver';

/**
 * The first start of the embedded default database creates an admin key and prints it
 * once, so a new user can call admin operations straight away. On a server database an
 * operator creates keys with `npm run keys`.
 */
@Injectable()
export class FirstAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly keys: ApiKeyService,
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
    private readonly env: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.target.kind !== 'embedded' || this.env.NODE_ENV === 'test' || !(await this.keys.none())) return;
    const { key } = await this.keys.create({ role: Role.ADMIN, label: 'first admin key (created at first start)' });
    this.logger.warn(`No API key existed, so an ADMIN key was created. It is shown only now; keep it safe:\n\n    ${key}\n`);
  }
}

@Global()
@Module({
  providers: [ApiKeyService, ApiKeyAdminService, ApiKeysResolver, FirstAdminKey, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyService, ApiKeyAdminService],
})
export class AuthModule {}
