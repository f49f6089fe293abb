import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../../common/auth/access.decorators';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { PolicySettings, toPolicySettings } from './models/policy-settings.model';
import { PolicyService } from './policy.service';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The policy's settings: public like `about`, as the policy is published (R18). */
@Resolver()
export class PolicyResolver {
  constructor(private readonly policies: PolicyService) {}

  @Public()
  @Query(() => PolicySettings, {
    description: 'The policy version in force on `onDate` (default today): the value of every PolicyOverride field, so an override can be shown against what it replaces.',
  })
  policyDefaults(@Args('onDate', { type: () => String, nullable: true, description: 'YYYY-MM-DD; default today.' }) onDate?: string | null): PolicySettings {
    if (onDate != null && !ISO_DAY.test(onDate)) throw BadUserInputError.of('onDate', 'date', 'onDate must be a date YYYY-MM-DD');
    return toPolicySettings(onDate ? this.policies.inForce(onDate) : this.policies.base);
  }

  @Public()
  @Query(() => [PolicySettings], { description: 'Every shipped policy version, oldest first, each with the day it is in force from and the sources of its figures.' })
  policyVersions(): PolicySettings[] {
    return this.policies.versions.map(toPolicySettings);
  }
}
