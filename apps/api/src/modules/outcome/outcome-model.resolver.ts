import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { OutcomeModelInfo, OutcomeModelInput } from './models/outcome-model.models';
import { toOutcomeModelInfo } from './outcome-model.mapper';
import { OutcomeModelService } from './outcome-model.service';

/** The outcome model in use: shown to every role with a key, loaded and unloaded by admins (audited). */
@Resolver()
export class OutcomeModelResolver {
  constructor(private readonly service: OutcomeModelService) {}

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR)
  @Query(() => OutcomeModelInfo, { nullable: true, description: 'The outcome model in use with its honesty report, or null when none is loaded.' })
  outcomeModel(): OutcomeModelInfo | null {
    const l = this.service.current();
    return l ? toOutcomeModelInfo(l) : null;
  }

  @Roles(Role.ADMIN)
  @Mutation(() => OutcomeModelInfo, { description: 'Checks an outcome model file and makes it the model of every API process (audited).' })
  async loadOutcomeModel(@CurrentPrincipal() p: Principal, @Args('input') input: OutcomeModelInput): Promise<OutcomeModelInfo> {
    return toOutcomeModelInfo(await this.service.load(p, input.model));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Stops using the outcome model in every API process (audited); true when one was in use.' })
  unloadOutcomeModel(@CurrentPrincipal() p: Principal): Promise<boolean> {
    return this.service.unload(p);
  }
}
