import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { judgeTie, policyInForce, type TieKind } from '@kansrijk/scoring';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { mayReadRecord } from '../../common/auth/tenancy';
import { BatchLoad } from '../../common/dataloader/request-loaders';
import { GqlContext } from '../../common/graphql/context';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Candidate } from '../candidates/models/candidate.model';
import { IdArg } from '../records/id.args';
import { HouseholdInput, HouseholdsArgs, HouseholdUpdateInput } from './dto/household.input';
import { HouseholdQueueArgs } from './dto/household-queue.args';
import { householdBatches, HouseholdsService } from './households.service';
import { linkWindow } from './link-window';
import { Household, HouseholdHardTie, HouseholdPage } from './models/household.model';

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Domain §1: the earliest residence permit among the household's status holders. */
const earliestPermit = (members: Candidate[]): string | null =>
  members
    .filter((m) => m.legalStatus === 'STATUS_HOLDER' && m.permitDate)
    .map((m) => m.permitDate as string)
    .sort()[0] ?? null;

@Resolver(() => Household)
export class HouseholdsResolver {
  constructor(
    private readonly service: HouseholdsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The members of households the caller may see, batched per request. A member outside the
   * caller's scope (a household written before the one-tenant rule) is left out here, before
   * the read is audited, as the record scope would leave it out of the answer. Reading
   * members is a read of personal records, so each batch is one audit entry with the
   * members' pseudonyms (R20); the adults count reads them without one.
   */
  private membersLoader(ctx: GqlContext, audited: boolean) {
    const principal = ctx.req.principal ?? null;
    const batch: BatchLoad<string, Candidate[]> = async (ids, ds) => {
      const lists = (await householdBatches.members(ids, ds)).map((l) => (l ?? []).filter((c) => mayReadRecord(principal, c.tenant)));
      const pseudonyms = lists.flat().map((c) => c.pseudonym);
      if (audited && pseudonyms.length) await this.audit.record(principal, { action: 'candidate.read', subjectType: 'candidate', subjectRefs: pseudonyms, details: { via: 'household.members' } });
      return lists;
    };
    return ctx.loaders.get(audited ? 'householdMembers' : 'householdMembersCount', batch);
  }

  // Households are composed by COA advisers (after the permit, before linking) and by admins and
  // platforms for their own people; the same roles change and delete them.
  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Mutation(() => Household, { description: 'R16: groups candidates into a household, placed as one.' })
  createHousehold(@CurrentPrincipal() p: Principal, @Args('input') input: HouseholdInput): Promise<Household> {
    return this.service.create(p, input);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Mutation(() => Household, { description: 'R16: changes a household (members, size, arrival); the same rules as createHousehold. Audited.' })
  updateHousehold(@CurrentPrincipal() p: Principal, @IdArg() id: string, @Args('input') input: HouseholdUpdateInput): Promise<Household> {
    return this.service.update(p, id, input);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Mutation(() => Boolean, {
    description: "Erases a household and its memberships (the members' candidate records stay); refused once it has a link decision (R19). Audited by id and pseudonyms.",
  })
  deleteHousehold(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<boolean> {
    return this.service.erase(p, id);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Query(() => Household, { nullable: true })
  household(@CurrentPrincipal() p: Principal, @IdArg() id: string): Promise<Household | null> {
    return this.service.get(p, id);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Query(() => HouseholdPage, { description: 'Households you may see, newest first.' })
  households(@CurrentPrincipal() p: Principal, @Args() { skip, take }: HouseholdsArgs): Promise<HouseholdPage> {
    return this.service.list(p, skip, take);
  }

  @Roles(Role.ADMIN, Role.ADVISER)
  @Query(() => HouseholdPage, {
    description: 'The linking queue (domain §1): households with a status holder and no link decision in force, earliest permit first.',
  })
  householdQueue(@CurrentPrincipal() p: Principal, @Args() { filter, skip, take }: HouseholdQueueArgs): Promise<HouseholdPage> {
    return this.service.queue(p, filter, skip, take);
  }

  @ResolveField(() => String, { nullable: true, description: "Domain §1: the earliest residence permit of the household's status holders (YYYY-MM-DD)." })
  async permitDate(@Parent() h: Household, @Context() ctx: GqlContext): Promise<string | null> {
    return earliestPermit((await this.membersLoader(ctx, false).load(h.id)) ?? []);
  }

  @ResolveField(() => String, { nullable: true, description: 'Domain §1: the last day of the two weeks COA has to link the household (permit + 14 days).' })
  async linkDeadline(@Parent() h: Household, @Context() ctx: GqlContext): Promise<string | null> {
    const permit = earliestPermit((await this.membersLoader(ctx, false).load(h.id)) ?? []);
    return permit ? linkWindow(permit, todayUtc()).deadline : null;
  }

  @ResolveField(() => Int, { nullable: true, description: 'Days left of the two-week link window today; negative once it has passed.' })
  async daysLeftToLink(@Parent() h: Household, @Context() ctx: GqlContext): Promise<number | null> {
    const permit = earliestPermit((await this.membersLoader(ctx, false).load(h.id)) ?? []);
    return permit ? linkWindow(permit, todayUtc()).daysLeft : null;
  }

  @ResolveField(() => [HouseholdHardTie], { description: "R12: the members' ties that count as hard under the default policy, each with its radius." })
  async hardTies(@Parent() h: Household, @Context() ctx: GqlContext): Promise<HouseholdHardTie[]> {
    // The ties name members (by pseudonym) and where they have family, work or care: a read of them (R20).
    const members = (await this.membersLoader(ctx, true).load(h.id)) ?? [];
    const policy = policyInForce(todayUtc());
    return members.flatMap((m) =>
      m.ties
        .filter((t) =>
          judgeTie(m.id, { ...t, kind: t.kind as TieKind, location: t.location, firstDegree: t.firstDegree ?? undefined }, policy).qualifies,
        )
        .map((t) => ({ memberPseudonym: m.pseudonym, kind: t.kind, municipalityCode: t.municipalityCode, location: t.location, radiusKm: policy.params.tieRadiusKm })),
    );
  }

  @ResolveField(() => [Candidate])
  async members(@Parent() h: Household, @Context() ctx: GqlContext): Promise<Candidate[]> {
    return (await this.membersLoader(ctx, true).load(h.id)) ?? [];
  }

  @ResolveField(() => Int, {
    description: 'Persons whose age is not known: the size less the members with a candidate record (children or adults without a record). They are not counted in `adults`.',
  })
  async adultsUnknown(@Parent() h: Household, @Context() ctx: GqlContext): Promise<number> {
    // Every member the caller may see has a record; members out of scope are unknown to the caller too.
    const members = (await this.membersLoader(ctx, false).load(h.id)) ?? [];
    return Math.max(0, h.size - members.length);
  }

  @ResolveField(() => Int, { description: 'Members with a candidate record aged 18 or more today (R16: every adult counts); `adultsUnknown` more persons may be adults.' })
  async adults(@Parent() h: Household, @Context() ctx: GqlContext): Promise<number> {
    // The adults count is not personal data: it reads the members without an audit entry.
    const members = (await this.membersLoader(ctx, false).load(h.id)) ?? [];
    const cutoff = new Date();
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 18);
    const limit = cutoff.toISOString().slice(0, 10);
    return members.filter((m) => m.birthDate <= limit).length;
  }
}
