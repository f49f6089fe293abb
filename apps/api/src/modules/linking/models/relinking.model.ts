import { Field, Int, ObjectType } from '@nestjs/graphql';
import { RuleCheck } from '../../suggestions/models/suggestion.models';

@ObjectType({ description: 'R15: whether a linked household may be re-linked for a job, every condition as a check.' })
export class RelinkingCheck {
  @Field({ description: 'Every check passed.' }) allowed: boolean;
  @Field(() => [RuleCheck], { description: 'R15.housing, R15.integration, R15a.match, R15a.region, R15b, R15c, R15d, R15.excluded (and R15.place when a target is known).' })
  checks: RuleCheck[];
  @Field({ description: 'The municipality the household is linked to now.' }) currentMunicipalityCode: string;
  @Field() currentRegionCode: string;
  @Field({ description: 'The ISCO code judged (from the occupation when an occupationId was given).' }) jobIscoCode: string;
  @Field() jobMunicipalityCode: string;
  @Field() jobRegionCode: string;
  @Field(() => Int, { nullable: true, description: 'Open vacancies of the same occupation group in the current region, when the engine counted them.' })
  comparableVacanciesInCurrentRegion: number | null;
  @Field() policyVersion: string;
}
