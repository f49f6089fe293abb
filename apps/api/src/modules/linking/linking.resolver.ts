import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdArg } from '../records/id.args';
import { LinkingService } from './linking.service';
import { LinkDecision, LinkDecisionInput } from './models/link-decision.model';

@Resolver()
export class LinkingResolver {
  constructor(private readonly service: LinkingService) {}

  @Roles(Role.ADMIN, Role.ADVISER)
  @Mutation(() => LinkDecision, { description: "Records an adviser's link decision with its reason (R19); checks R11 and R12." })
  recordLinkDecision(@CurrentPrincipal() p: Principal, @Args('input') input: LinkDecisionInput): Promise<LinkDecision> {
    return this.service.record(p, input);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Query(() => [LinkDecision], { description: 'The link decisions of a household, newest first.' })
  linkDecisions(@CurrentPrincipal() p: Principal, @IdArg('householdId') householdId: string): Promise<LinkDecision[]> {
    return this.service.forHousehold(p, householdId);
  }
}
