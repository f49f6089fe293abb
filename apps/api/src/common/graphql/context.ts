import { RequestLoaders } from '../dataloader/request-loaders';
import { AuthenticatedRequest } from '../../modules/auth/api-key.guard';

/** What every resolver gets as GraphQL context. */
export interface GqlContext {
  req: AuthenticatedRequest;
  loaders: RequestLoaders;
}
