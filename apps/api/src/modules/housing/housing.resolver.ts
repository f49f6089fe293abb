import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Int } from '@nestjs/graphql';
import { Public, Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { GqlContext } from '../../common/graphql/context';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Municipality } from '../reference/models/reference.models';
import { housingTask } from '@kansrijk/scoring';
import { PERIOD_PATTERN, periodOf } from './housing-task';
import { HousingNationalTotal, PERIOD_MESSAGE, SetHousingNationalTotalArgs } from './housing.models';
import { HousingService, periodBasisBatch } from './housing.service';

@Resolver()
export class HousingResolver {
  constructor(private readonly housing: HousingService) {}

  @Public()
  @Query(() => [HousingNationalTotal], { description: 'R11: national housing totals per half-year.' })
  housingNationalTotals(): Promise<HousingNationalTotal[]> {
    return this.housing.nationalTotals();
  }

  @Roles(Role.ADMIN)
  @Mutation(() => HousingNationalTotal, { description: 'R11: sets the national housing total of a half-year.' })
  setHousingNationalTotal(@CurrentPrincipal() p: Principal, @Args() { period, total }: SetHousingNationalTotalArgs): Promise<HousingNationalTotal> {
    return this.housing.setNationalTotal(p, period, total);
  }
}

@Resolver(() => Municipality)
export class MunicipalityHousingResolver {
  @ResolveField(() => Int, {
    nullable: true,
    description:
      'R11: persons to house in the half-year (default: the current one) = ceil(national total × population ÷ national population); null when no national total is set for the period.',
  })
  async housingTask(
    @Parent() m: Municipality,
    @Context() ctx: GqlContext,
    @Args('period', { type: () => String, nullable: true, description: 'Half-year, e.g. 2026-H2.' }) period?: string | null,
  ): Promise<number | null> {
    const p = period ?? periodOf(new Date());
    if (!PERIOD_PATTERN.test(p)) throw BadUserInputError.of('period', 'matches', PERIOD_MESSAGE);
    const basis = await ctx.loaders.get('periodBasis', periodBasisBatch).load(p);
    return basis ? housingTask({ nationalTotal: basis.nationalTotal, municipalityPopulation: m.population, nationalPopulation: basis.nationalPopulation }) : null;
  }
}
