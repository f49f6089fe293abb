import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { PERIOD_PATTERN } from '../housing/housing-task';
import { IdArg } from '../records/id.args';
import { PlacePriceJob, PlacePriceSet, RecomputePlacePricesInput } from './models/place-prices.models';
import { PlacePricesService } from './place-prices.service';

@Resolver()
export class PlacePricesResolver {
  constructor(private readonly prices: PlacePricesService) {}

  @Roles(Role.ADMIN)
  @Mutation(() => PlacePriceJob, {
    description:
      'Queues a computation of the prices of places of a half-year (R11: every municipality\'s shadow price per person, from the waiting households and a forecast of the rest of the period\'s arrivals) and answers at once; poll placePriceJob(id), or pass wait: true. Stored as the period\'s next version.',
  })
  recomputePlacePrices(@CurrentPrincipal() p: Principal, @Args('input') input: RecomputePlacePricesInput): Promise<PlacePriceJob> {
    return this.prices.recompute(p, input);
  }

  @Roles(Role.ADMIN)
  @Query(() => PlacePriceJob, { nullable: true, description: 'A computation of place prices: its progress, and the prices when DONE.' })
  placePriceJob(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<PlacePriceJob | null> {
    return this.prices.job(p, id);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.EVALUATOR)
  @Query(() => PlacePriceSet, { nullable: true, description: 'The newest prices of places of a half-year (default: the current one), or a given version; null when none were computed.' })
  placePrices(
    @Args('period', { type: () => String, nullable: true, description: 'Half-year, e.g. 2026-H2.' }) period?: string | null,
    @Args('version', { type: () => Int, nullable: true }) version?: number | null,
  ): Promise<PlacePriceSet | null> {
    if (period && !PERIOD_PATTERN.test(period)) throw BadUserInputError.of('period', 'halfYear', 'period must be a half-year like 2026-H2');
    if (version !== null && version !== undefined && version < 1) throw BadUserInputError.of('version', 'min', 'version must be 1 or more');
    return this.prices.current(period ?? undefined, version ?? undefined);
  }
}
