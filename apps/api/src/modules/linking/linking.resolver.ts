import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdArg } from '../records/id.args';
import { Language } from '../suggestions/models/suggestion.models';
import { RelinkingInput } from './dto/relinking.input';
import { PeriodArg } from './dto/period.arg';
import { LinkReportService } from './link-report.service';
import { LinkingService } from './linking.service';
import { LinkDecision, LinkDecisionInput, LinkDecisionReport } from './models/link-decision.model';
import { RelinkingCheck } from './models/relinking.model';
import { RelinkingService } from './relinking.service';

@Resolver()
export class LinkingResolver {
  constructor(
    private readonly service: LinkingService,
    private readonly relinking: RelinkingService,
    private readonly reports: LinkReportService,
  ) {}

  @Roles(Role.ADMIN, Role.ADVISER)
  @Mutation(() => LinkDecision, {
    description:
      "Records an adviser's link decision with its reason (R19); checks R2, R11, R12, and R15 for a re-link. overrideHardRules with a justification departs from R11 or R12 visibly; a refusal names the rule and is audited.",
  })
  recordLinkDecision(@CurrentPrincipal() p: Principal, @Args('input') input: LinkDecisionInput): Promise<LinkDecision> {
    return this.service.record(p, input);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM)
  @Query(() => [LinkDecision], { description: 'The link decisions of a household, newest first.' })
  linkDecisions(@CurrentPrincipal() p: Principal, @IdArg('householdId') householdId: string): Promise<LinkDecision[]> {
    return this.service.forHousehold(p, householdId);
  }

  @Roles(Role.ADMIN, Role.ADVISER)
  @Query(() => RelinkingCheck, { description: 'R15: whether a linked household may be re-linked for a job, every condition as a check with its rule and reason.' })
  checkRelinking(
    @CurrentPrincipal() p: Principal,
    @IdArg('householdId') householdId: string,
    @Args('input') input: RelinkingInput,
    @Args('language', { type: () => Language, defaultValue: Language.NL, description: "Language of `reason` (both are always in reasonNl/reasonEn)." }) language: Language,
  ): Promise<RelinkingCheck> {
    return this.relinking.check(p, householdId, input, language);
  }

  @Roles(Role.ADMIN, Role.EVALUATOR)
  @Query(() => LinkDecisionReport, { description: 'Link decisions of a half-year per region and adviser key: followed-top-suggestion rate, overrides and their rules (and, for admins, justifications).' })
  linkDecisionReport(@CurrentPrincipal() p: Principal, @PeriodArg() period: string): Promise<LinkDecisionReport> {
    return this.reports.report(p, period);
  }
}
