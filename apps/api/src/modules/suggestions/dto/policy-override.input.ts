import { Field, Float, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsLocalDate } from '../../../common/validation/decorators';

export enum PlacementWeightEnum {
  HOUSEHOLD = 'HOUSEHOLD',
  PERSON = 'PERSON',
  WAITING = 'WAITING',
}
registerEnumType(PlacementWeightEnum, {
  name: 'PlacementWeight',
  description: 'R11, R16: how a cohort plan shares a shortage: by household (one term each), by person (score × persons) or by person weighted by waiting time since the permit.',
});

const weight = () => [Field(() => Float, { nullable: true }), IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(1)];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

@InputType({ description: 'Weights of the job-match components (R10). Weights not given keep their share of what is left.' })
export class JobWeightsInput {
  @apply(weight()) skills?: number;
  @apply(weight()) language?: number;
  @apply(weight()) diploma?: number;
  @apply(weight()) distance?: number;
  @apply(weight()) labourDemand?: number;
  @apply(weight()) timeToStart?: number;
  @apply(weight()) stability?: number;
}

@InputType({ description: 'Weights of the municipality-link components (R13, R14).' })
export class LinkWeightsInput {
  @apply(weight()) education?: number;
  @apply(weight()) experience?: number;
  @apply(weight()) network?: number;
  @apply(weight()) preferences?: number;
  @apply(weight()) labourDemand?: number;
  @apply(weight()) vacancyCount?: number;
  @apply(weight()) vacancyQuality?: number;
  @apply(weight()) currentJobOrSchool?: number;
  /** R14: the outcome model's share of the adults expected in work at 24 months (default 0; neutral without a model). */
  @apply(weight()) expectedEmployment?: number;
}

@InputType({ description: 'R1: the abolished 24-week cap on asylum seekers\' work, for historical what-if runs.' })
export class HistoricalWorkCapInput {
  @Field()
  @IsBoolean()
  enabled: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  weeksPerYear?: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null = never abolished.' })
  @IsOptional()
  @IsLocalDate()
  abolishedOn?: string | null;
}

/**
 * Changes to the versioned policy for one call (api.md); the answer names the resulting
 * policy version. Every field is optional.
 */
@InputType('PolicyOverride')
export class PolicyOverrideInput {
  @Field({ nullable: true, description: 'Name of the variant; the version is name@hash.' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,62}$/i, { message: 'name must be 1 to 63 letters, digits or . _ -' })
  @MaxLength(63)
  name?: string;

  @Field({
    nullable: true,
    description: 'A shipped policy version to start from, by name (e.g. "nl-2025-07", see policyVersions) or name@hash; default: the version in force on the call\'s day. A what-if compares versions this way.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  basePolicy?: string;

  @Field(() => Float, { nullable: true, description: 'R12 tie radius in km (default 50).' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(300)
  tieRadiusKm?: number;

  @Field(() => Float, { nullable: true, description: 'R12b minimum work hours a week for a work tie (default 8).' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(60)
  minWorkHoursForTie?: number;

  @Field(() => Int, { nullable: true, description: 'R1.2 months an asylum application must be pending before work (default 6).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36)
  asylumWorkWaitMonths?: number;

  @Field(() => Float, { nullable: true, description: 'R1.5 work-permit lead time in weeks (default 5).' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(52)
  workPermitLeadTimeWeeks?: number;

  @Field(() => Float, { nullable: true, description: 'R1.5 lead time in practice, weeks (default 9).' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(52)
  workPermitLeadTimeMaxWeeks?: number;

  @Field(() => Int, { nullable: true, description: 'R15b minimum contract for re-linking, months (default 6).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  relinkingMinContractMonths?: number;

  @Field(() => Int, { nullable: true, description: 'R5 CEFR steps a language-coaching workplace forgives (default 1).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(6)
  languageCoachingCreditSteps?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100000)
  statutoryMinimumWagePerMonth?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100000)
  socialAssistanceNormSingle?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100000)
  socialAssistanceNormCouple?: number;

  @Field(() => Float, { nullable: true, description: 'R10 distance reference radius, km (default 50).' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(300)
  distanceReferenceRadiusKm?: number;

  @Field(() => HistoricalWorkCapInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HistoricalWorkCapInput)
  historicalWorkCap?: HistoricalWorkCapInput;

  @Field(() => Int, { nullable: true, description: 'R11 national housing total for the period (overrides the stored one).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  nationalHousingTotal?: number;

  @Field(() => PlacementWeightEnum, {
    nullable: true,
    description:
      'R11, R16: how a cohort plan shares a shortage of places. HOUSEHOLD: each placed household counts once, whatever its size (large families are left out first); PERSON (default): each placed person counts once, so no household size is preferred; WAITING: per person, more the longer since the permit.',
  })
  @IsOptional()
  @IsEnum(PlacementWeightEnum)
  placementWeight?: PlacementWeightEnum;

  @Field(() => Float, { nullable: true, description: 'WAITING: days since the permit that double a person\'s weight (default 365).' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(3650)
  placementWaitingDoublingDays?: number;

  @Field(() => JobWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => JobWeightsInput)
  jobWeights?: JobWeightsInput;

  @Field(() => LinkWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LinkWeightsInput)
  linkWeights?: LinkWeightsInput;
}
