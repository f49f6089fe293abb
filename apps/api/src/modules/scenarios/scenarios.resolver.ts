import { Args, ArgsType, Field, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { PageArgs, Paginated } from '../../common/pagination';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdArg } from '../records/id.args';
import { ObjectType } from '@nestjs/graphql';
import { ExportFormat, Scenario, ScenarioInput } from './models/scenario.models';
import { ScenariosService } from './scenarios.service';

@ObjectType()
export class ScenarioPage extends Paginated(Scenario, 'ScenarioPage') {}

@ArgsType()
class ExportArgs {
  @Field(() => ExportFormat, { defaultValue: ExportFormat.JSON })
  @IsEnum(ExportFormat)
  format: ExportFormat = ExportFormat.JSON;
}

/** What-if runs for evaluators (and admins): aggregates and pseudonyms only. */
@Resolver(() => Scenario)
export class ScenariosResolver {
  constructor(private readonly service: ScenariosService) {}

  @Roles(Role.ADMIN, Role.EVALUATOR)
  @Mutation(() => Scenario, {
    description: 'Queues a replay of a cohort under the default policy and a variant, side by side (status QUEUED at once; poll scenario(id)); stored, retrievable and exportable.',
  })
  runScenario(@CurrentPrincipal() p: Principal, @Args('input') input: ScenarioInput): Promise<Scenario> {
    return this.service.run(p, input);
  }

  @Roles(Role.ADMIN, Role.EVALUATOR)
  @Mutation(() => Scenario, { description: 'Stops a queued or running what-if run within a second (status CANCELLED); a finished one is left as it is.' })
  cancelScenario(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<Scenario> {
    return this.service.cancel(p, id);
  }

  @Roles(Role.ADMIN, Role.EVALUATOR)
  @Query(() => Scenario, { description: 'A what-if run: its progress, or the metrics of baseline and variant and their difference.' })
  scenario(@IdArg() id: string): Promise<Scenario> {
    return this.service.get(id);
  }

  @Roles(Role.ADMIN, Role.EVALUATOR)
  @Query(() => ScenarioPage, { description: 'What-if runs, newest first.' })
  scenarios(@Args() { skip, take }: PageArgs): Promise<ScenarioPage> {
    return this.service.list(skip, take);
  }

  @ResolveField(() => String, { description: 'The scenario as JSON, or CSV (one row per metric, region and group).' })
  export(@Parent() s: Scenario, @Args() { format }: ExportArgs): Promise<string> {
    return this.service.export(s.id, format);
  }
}
