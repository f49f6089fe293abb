import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../common/pagination';
import { CefrLevel, EducationLevelEnum, VacancyStatus } from '../../records/enums';
import { Location } from '../../records/location';

@ObjectType()
export class DiplomaRequirement {
  @Field(() => EducationLevelEnum) level: string;
  @Field(() => String, { nullable: true }) regulatedProfession: string | null;
}

@ObjectType({ description: 'A job vacancy.' })
export class Vacancy {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ID, { nullable: true, description: 'ESCO occupation uuid.' }) occupationId: string | null;
  @Field() iscoCode: string;
  @Field(() => [ID]) essentialSkillIds: string[];
  @Field(() => [ID]) optionalSkillIds: string[];
  @Field(() => CefrLevel) minDutchLevel: string;
  @Field() englishSuffices: boolean;
  @Field(() => CefrLevel, { nullable: true }) minEnglishLevel: string | null;
  @Field(() => DiplomaRequirement, { nullable: true }) diplomaRequirement: DiplomaRequirement | null;
  @Field(() => Int) hoursPerWeek: number;
  @Field(() => Int, { nullable: true }) contractMonths: number | null;
  @Field(() => Float, { nullable: true }) monthlyWage: number | null;
  @Field(() => Location) location: Location;
  @Field() startDate: string;
  @Field() languageCoaching: boolean;
  @Field() jobCoach: boolean;
  @Field() workPermitWillingness: boolean;
  @Field(() => String, { nullable: true }) sector: string | null;
  @Field(() => VacancyStatus) status: string;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field() synthetic: boolean;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;

  /** For field resolvers. */
  employerId: string;
  municipalityCode: string;
  /** Not exposed: the owning platform tenant (null: COA or admin), for the record scope (R20). */
  tenant: string | null;
}

@ObjectType()
export class VacancyPage extends Paginated(Vacancy, 'VacancyPage') {}
