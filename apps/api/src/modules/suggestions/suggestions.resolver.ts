import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selects } from '../../common/graphql/selects';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { CandidateSuggestionsArgs, ExplainLinkArgs, ExplainMatchArgs, JobSuggestionsArgs, MunicipalitySuggestionsArgs } from './dto/suggestion.args';
import { CandidateSuggestionPage, JobSuggestionPage, LinkExplanation, MatchExplanation, MunicipalitySuggestionResult } from './models/suggestion.models';
import { MunicipalitySuggestionsService } from './municipality-suggestions.service';
import { SuggestionsService } from './suggestions.service';

/**
 * Suggestions for people: platforms only for their own candidates, households and
 * vacancies (over all open vacancies); advisers and admins for everyone; evaluators see
 * how a list changes under a policy variant, identified by pseudonym only. Every list
 * served is audited (R19).
 */
@Resolver()
export class SuggestionsResolver {
  constructor(
    private readonly service: SuggestionsService,
    private readonly municipalities: MunicipalitySuggestionsService,
  ) {}

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR)
  @Query(() => JobSuggestionPage, { description: 'Open vacancies that fit a candidate, best first, each taken apart (R9, R10).' })
  jobSuggestions(@CurrentPrincipal() p: Principal, @Args() args: JobSuggestionsArgs): Promise<JobSuggestionPage> {
    return this.service.jobSuggestions(p, args);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR)
  @Query(() => CandidateSuggestionPage, { description: 'Candidates who fit an open vacancy, best first (platforms: their own candidates).' })
  candidateSuggestions(@CurrentPrincipal() p: Principal, @Args() args: CandidateSuggestionsArgs): Promise<CandidateSuggestionPage> {
    return this.service.candidateSuggestions(p, args);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR)
  @Query(() => MunicipalitySuggestionResult, { description: 'Municipalities for a household (R11-R14, R16); feasible: false with the reason when none meets the hard rules.' })
  municipalitySuggestions(@CurrentPrincipal() p: Principal, @Args() args: MunicipalitySuggestionsArgs, @Info() info: GraphQLResolveInfo): Promise<MunicipalitySuggestionResult> {
    // Every municipality's score costs more than the list: only when the caller selects it.
    return this.municipalities.municipalitySuggestions(p, args, selects(info, 'scores'));
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR)
  @Query(() => LinkExplanation, { description: 'One household–municipality pair taken apart, listed or not: every hard rule and component with its reason.' })
  explainLink(@CurrentPrincipal() p: Principal, @Args() args: ExplainLinkArgs): Promise<LinkExplanation> {
    return this.municipalities.explainLink(p, args);
  }

  @Roles(Role.ADMIN, Role.ADVISER, Role.PLATFORM, Role.EVALUATOR)
  @Query(() => MatchExplanation, { description: 'One candidate–vacancy pair taken apart: every gate and component with its reason.' })
  explainMatch(@CurrentPrincipal() p: Principal, @Args() args: ExplainMatchArgs): Promise<MatchExplanation> {
    return this.service.explainMatch(p, args);
  }
}
