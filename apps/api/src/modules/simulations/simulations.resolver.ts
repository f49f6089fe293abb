import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdArg } from '../records/id.args';
import { Simulation, SimulationInput } from './simulation.models';
import { SimulationsService } from './simulations.service';

@Resolver()
export class SimulationsResolver {
  constructor(private readonly simulations: SimulationsService) {}

  @Roles(Role.ADMIN, Role.EVALUATOR)
  @Mutation(() => Simulation, {
    description:
      "Queues an arrival simulation (a background job, like runScenario): a half-year's stream replayed with each household decided on its day by today's practice, the top static suggestion and the dynamic suggestion, each against the hindsight optimum. Poll simulation(id), or pass wait: true.",
  })
  simulateArrivals(@CurrentPrincipal() p: Principal, @Args('input') input: SimulationInput): Promise<Simulation> {
    return this.simulations.run(p, input);
  }

  @Roles(Role.ADMIN, Role.EVALUATOR)
  @Query(() => Simulation, { nullable: true, description: 'An arrival simulation: progress, and per policy the results when DONE. Only the key that started it (or an admin) sees it.' })
  simulation(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<Simulation | null> {
    return this.simulations.get(p, id);
  }
}
