import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { PUBLIC_KEY, ROLES_KEY } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors/domain-errors';
import { ApiKeyService } from './api-key.service';

/** What the guard leaves on the request for resolvers. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal | null;
}

/**
 * The one place access is decided (R20). Every query and mutation must carry @Roles(...)
 * or @Public(); an operation with neither is refused for everyone, so forgetting the
 * marker fails closed. A schema-wide test enumerates the operations to prove it.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = requestOf(context);
    req.principal = await this.authenticate(req);
    if (isPublic) return true;
    if (!roles || roles.length === 0) throw new ForbiddenError('This operation has no access rule and is closed');
    if (!req.principal) throw new UnauthenticatedError();
    if (!roles.includes(req.principal.role)) {
      throw new ForbiddenError(`This operation needs one of the roles ${roles.join(', ')}; your key has ${req.principal.role}`);
    }
    return true;
  }

  private async authenticate(req: AuthenticatedRequest): Promise<Principal | null> {
    if (req.principal !== undefined) return req.principal;
    const header = req.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(value);
    if (!match) throw new UnauthenticatedError('Malformed Authorization header: use "Bearer <api key>"');
    const principal = await this.keys.verify(match[1], new Date());
    if (!principal) throw new UnauthenticatedError('Unknown, revoked or expired API key');
    return principal;
  }
}

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}
