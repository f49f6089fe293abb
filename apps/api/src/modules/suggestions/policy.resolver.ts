import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../../common/auth/access.decorators';
import { PolicySettings, toPolicySettings } from './models/policy-settings.model';
import { PolicyService } from './policy.service';

/** The default policy's settings: public like `about`, as the policy is published (R18). */
@Resolver()
export class PolicyResolver {
  constructor(private readonly policies: PolicyService) {}

  @Public()
  @Query(() => PolicySettings, { description: 'The default policy: the value of every PolicyOverride field, so an override can be shown against what it replaces.' })
  policyDefaults(): PolicySettings {
    return toPolicySettings(this.policies.base);
  }
}
