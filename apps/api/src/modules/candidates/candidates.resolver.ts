import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { alignByKey, BatchLoad } from '../../common/dataloader/request-loaders';
import { ForbiddenError } from '../../common/errors/domain-errors';
import { GqlContext } from '../../common/graphql/context';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Household } from '../households/models/household.model';
import { householdBatches } from '../households/households.service';
import { ImportResult, MAX_IMPORT_ROWS } from '../records/import';
import { IdArg } from '../records/id.args';
import { Municipality } from '../reference/models/reference.models';
import { referenceBatches } from '../reference/reference.service';
import { CandidatesService } from './candidates.service';
import { CandidatesArgs } from './dto/candidate.args';
import { CandidateInput, CandidateUpdateInput } from './dto/candidate.input';
import { ImportCandidatesArgs } from './dto/import-candidates.args';
import { Candidate, CandidateMonitoring, CandidatePage } from './models/candidate.model';

const monitoringBatch: BatchLoad<string, CandidateMonitoring> = async (ids, ds) =>
  alignByKey<string, CandidateMonitoring & { id: string }>(
    ids,
    await ds.query('SELECT candidate_id AS id, nationality, country_of_birth AS "countryOfBirth", gender FROM candidate_monitoring WHERE candidate_id = ANY($1)', [ids]),
    (r: { id: string }) => r.id,
  );

/** Platforms (own tenant) and admins keep candidate records; advisers read them (R20); evaluators never see them. */
@Resolver(() => Candidate)
export class CandidatesResolver {
  constructor(private readonly service: CandidatesService) {}

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => Candidate, { description: 'Creates a candidate (or updates the one with the same externalId of your source).' })
  createCandidate(@CurrentPrincipal() p: Principal, @Args('input') input: CandidateInput): Promise<Candidate> {
    return this.service.create(p, input);
  }

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => Candidate, { description: 'Changes the fields given; null clears an optional field; a list replaces the list.' })
  updateCandidate(@CurrentPrincipal() p: Principal, @IdArg() id: string, @Args('input') input: CandidateUpdateInput): Promise<Candidate> {
    return this.service.update(p, id, input);
  }

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => Boolean, { description: 'Erases the candidate: personal data, monitoring attributes and household membership.' })
  deleteCandidate(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<boolean> {
    return this.service.erase(p, id);
  }

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => ImportResult, { description: `Up to ${MAX_IMPORT_ROWS} candidates; atomic: all or nothing. Same externalId again = update.` })
  importCandidates(@CurrentPrincipal() p: Principal, @Args() { input, atomic }: ImportCandidatesArgs): Promise<ImportResult> {
    return this.service.import(p, input, atomic);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Query(() => Candidate, { nullable: true, description: 'A candidate you may see; null otherwise.' })
  candidate(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<Candidate | null> {
    return this.service.get(p, id);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Query(() => CandidatePage, { description: 'Candidates you may see, newest first.' })
  candidates(@CurrentPrincipal() p: Principal, @Args() { filter, skip, take }: CandidatesArgs): Promise<CandidatePage> {
    return this.service.list(p, filter, skip, take);
  }

  @ResolveField(() => Municipality)
  municipality(@Parent() c: Candidate, @Context() ctx: GqlContext): Promise<Municipality | null> {
    return ctx.loaders.get('municipality', referenceBatches.municipality).load(c.municipalityCode);
  }

  @ResolveField(() => Household, { nullable: true })
  household(@Parent() c: Candidate, @Context() ctx: GqlContext): Promise<Household | null> {
    return ctx.loaders.get('householdOfCandidate', householdBatches.ofCandidate).load(c.id);
  }

  @ResolveField(() => CandidateMonitoring, { nullable: true, description: 'R17 reporting attributes: ADMIN only.' })
  monitoring(@Parent() c: Candidate, @Context() ctx: GqlContext): Promise<CandidateMonitoring | null> {
    if (ctx.req.principal?.role !== Role.ADMIN) throw new ForbiddenError('monitoring attributes are readable by ADMIN only (R17)');
    return ctx.loaders.get('candidateMonitoring', monitoringBatch).load(c.id);
  }
}
