import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdArg } from '../records/id.args';
import { PlacementInput, PlacementJob, PlacementPlan } from './models/placement.models';
import { PlacementJobs } from './placement-jobs.service';

@Resolver()
export class PlacementResolver {
  constructor(private readonly jobs: PlacementJobs) {}

  @Roles(Role.ADMIN, Role.ADVISER, Role.EVALUATOR)
  @Mutation(() => PlacementPlan, {
    description:
      'Plans the link of a cohort of households for a half-year: best total link score under R11, R12, R16 (and optional R14 balance), with the LP bound, the gap and the greedy baseline. Records nothing but the audit entry. A cohort above PLACEMENT_SYNC_MAX_HOUSEHOLDS (default 100) is planned by a background job that this call waits for; use startPlacementJob to poll instead.',
  })
  planPlacement(@CurrentPrincipal() p: Principal, @Args('input') input: PlacementInput): Promise<PlacementPlan> {
    return this.jobs.plan(p, input);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.EVALUATOR)
  @Mutation(() => PlacementJob, { description: 'Queues the same plan as planPlacement as a background job and answers at once (status QUEUED); poll placementJob(id).' })
  startPlacementJob(@CurrentPrincipal() p: Principal, @Args('input') input: PlacementInput): Promise<PlacementJob> {
    return this.jobs.start(p, input);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.EVALUATOR)
  @Query(() => PlacementJob, { nullable: true, description: 'A background cohort plan: its progress, and the plan when DONE. Only the key that started it (or an admin) sees it.' })
  placementJob(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<PlacementJob | null> {
    return this.jobs.get(p, id);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.EVALUATOR)
  @Mutation(() => PlacementJob, { description: 'Stops a queued or running background plan within a second (status CANCELLED).' })
  cancelPlacementJob(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<PlacementJob> {
    return this.jobs.cancel(p, id);
  }
}
