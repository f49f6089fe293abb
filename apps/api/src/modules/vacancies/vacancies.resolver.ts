import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { GqlContext } from '../../common/graphql/context';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { employerBatch } from '../employers/employers.service';
import { Employer } from '../employers/models/employer.model';
import { IdArg } from '../records/id.args';
import { ImportResult, MAX_IMPORT_ROWS } from '../records/import';
import { Municipality, Occupation } from '../reference/models/reference.models';
import { referenceBatches } from '../reference/reference.service';
import { ImportVacanciesArgs, VacanciesArgs, VacancyInput, VacancyUpdateInput } from './dto/vacancy.input';
import { Vacancy, VacancyPage } from './models/vacancy.model';
import { VacanciesService } from './vacancies.service';

/** Platforms keep their own vacancies; advisers and admins read all. */
@Resolver(() => Vacancy)
export class VacanciesResolver {
  constructor(private readonly service: VacanciesService) {}

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => Vacancy, { description: 'Creates a vacancy (or updates the one with the same externalId of your source).' })
  createVacancy(@CurrentPrincipal() p: Principal, @Args('input') input: VacancyInput): Promise<Vacancy> {
    return this.service.create(p, input);
  }

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => Vacancy, { description: 'Changes the fields given; null clears an optional field; a list replaces the list.' })
  updateVacancy(@CurrentPrincipal() p: Principal, @IdArg() id: string, @Args('input') input: VacancyUpdateInput): Promise<Vacancy> {
    return this.service.update(p, id, input);
  }

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => Vacancy, { description: 'Closes a vacancy: it leaves every suggestion at once.' })
  closeVacancy(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<Vacancy> {
    return this.service.close(p, id);
  }

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => ImportResult, { description: `Up to ${MAX_IMPORT_ROWS} vacancies; atomic: all or nothing. Same externalId again = update.` })
  importVacancies(@CurrentPrincipal() p: Principal, @Args() { input, atomic }: ImportVacanciesArgs): Promise<ImportResult> {
    return this.service.import(p, input, atomic);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Query(() => Vacancy, { nullable: true })
  vacancy(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<Vacancy | null> {
    return this.service.get(p, id);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Query(() => VacancyPage, { description: 'Vacancies you may see, newest first.' })
  vacancies(@CurrentPrincipal() p: Principal, @Args() { filter, skip, take }: VacanciesArgs): Promise<VacancyPage> {
    return this.service.list(p, filter, skip, take);
  }

  @ResolveField(() => Employer)
  employer(@Parent() v: Vacancy, @Context() ctx: GqlContext): Promise<Employer | null> {
    return ctx.loaders.get('employer', employerBatch).load(v.employerId);
  }

  @ResolveField(() => Municipality)
  municipality(@Parent() v: Vacancy, @Context() ctx: GqlContext): Promise<Municipality | null> {
    return ctx.loaders.get('municipality', referenceBatches.municipality).load(v.municipalityCode);
  }

  @ResolveField(() => Occupation, { nullable: true })
  occupation(@Parent() v: Vacancy, @Context() ctx: GqlContext): Promise<Occupation | null> {
    return v.occupationId ? ctx.loaders.get('occupation', referenceBatches.occupation).load(v.occupationId) : Promise.resolve(null);
  }
}
