import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { PlacementInput, PlacementPlan } from './models/placement.models';
import { PlacementService } from './placement.service';

@Resolver()
export class PlacementResolver {
  constructor(private readonly service: PlacementService) {}

  @Roles(Role.ADMIN, Role.ADVISER, Role.EVALUATOR)
  @Mutation(() => PlacementPlan, { description: 'Plans the link of a cohort of households for a half-year: best total link score under R11, R12, R16 (and optional R14 balance), with the LP bound, the gap and the greedy baseline. Records nothing but the audit entry.' })
  planPlacement(@CurrentPrincipal() p: Principal, @Args('input') input: PlacementInput): Promise<PlacementPlan> {
    return this.service.plan(p, input);
  }
}
