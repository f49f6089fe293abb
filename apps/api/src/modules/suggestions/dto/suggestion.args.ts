import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_TAKE } from '../../../common/pagination';
import { AtLeastField } from '../../../common/validation/decorators';
import { Language, SuggestionMode } from '../models/suggestion.models';
import { PolicyOverrideInput } from './policy-override.input';

@InputType({ description: 'Narrows job suggestions.' })
export class JobFilter {
  @Field(() => Float, { nullable: true, description: 'At most this far (km); never beyond the candidate\'s own maximum for eligible suggestions.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(300)
  maxDistanceKm?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  minHours?: number;

  @Field(() => Int, { nullable: true, description: 'At least minHours when both are given.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  @AtLeastField('minHours')
  maxHours?: number;

  @Field(() => [String], { nullable: true, description: 'ISCO-08 groups (1 to 4 digits).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^\d{1,4}$/, { each: true, message: 'each ISCO group must have 1 to 4 digits' })
  iscoGroups?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sector?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minScore?: number;

  @Field({ nullable: true, description: 'Also list pairs that fail a gate, with the reasons (default false).' })
  @IsOptional()
  @IsBoolean()
  includeIneligible?: boolean;
}

@InputType({ description: 'Narrows candidate suggestions for a vacancy.' })
export class CandidateFilter {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(300)
  maxDistanceKm?: number;

  @Field(() => Int, { nullable: true, description: 'Candidates available at least this many hours.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  minHours?: number;

  @Field(() => [String], { nullable: true, description: 'ISCO groups of an occupation held.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^\d{1,4}$/, { each: true, message: 'each ISCO group must have 1 to 4 digits' })
  iscoGroups?: string[];

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minScore?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  includeIneligible?: boolean;
}

@ArgsType()
abstract class SuggestionArgsBase {
  @Field(() => PolicyOverrideInput, { nullable: true, description: 'Score under a variant of the policy; the answer names its version.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PolicyOverrideInput)
  policy?: PolicyOverrideInput;

  @Field(() => Language, { defaultValue: Language.NL, description: 'Language of `reason` (both are always in reasonNl/reasonEn).' })
  @IsEnum(Language)
  language: Language = Language.NL;

  @Field(() => String, { nullable: true, description: 'Reference date YYYY-MM-DD (default today): rules are judged on this day.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'onDate must be a date YYYY-MM-DD' })
  onDate?: string;
}

@ArgsType()
export class JobSuggestionsArgs extends SuggestionArgsBase {
  @Field(() => ID, { description: 'The candidate (id or pseudonym).' })
  @IsString()
  @MaxLength(64)
  candidateId: string;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(MAX_TAKE)
  take = 10;

  @Field(() => JobFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => JobFilter)
  filter?: JobFilter;
}

@ArgsType()
export class CandidateSuggestionsArgs extends SuggestionArgsBase {
  @Field(() => ID)
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'vacancyId must be a uuid' })
  vacancyId: string;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(MAX_TAKE)
  take = 10;

  @Field(() => CandidateFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CandidateFilter)
  filter?: CandidateFilter;
}

@ArgsType()
export class MunicipalitySuggestionsArgs extends SuggestionArgsBase {
  @Field(() => ID)
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'householdId must be a uuid' })
  householdId: string;

  @Field(() => Int, { defaultValue: 5 })
  @IsInt()
  @Min(1)
  @Max(MAX_TAKE)
  take = 5;

  @Field(() => String, { nullable: true, description: 'Half-year of the housing task, e.g. 2026-H2 (default: the current one).' })
  @IsOptional()
  @Matches(/^\d{4}-H[12]$/, { message: 'period must be a half-year like 2026-H2' })
  period?: string;

  @Field({ nullable: true, description: 'Also list municipalities that break a hard rule, with the reasons.' })
  @IsOptional()
  @IsBoolean()
  includeIneligible?: boolean;

  @Field(() => SuggestionMode, { defaultValue: SuggestionMode.STATIC, description: 'DYNAMIC: rank by link score minus the price of the places taken (the period\'s newest place prices).' })
  @IsEnum(SuggestionMode)
  mode: SuggestionMode = SuggestionMode.STATIC;
}

@ArgsType()
export class ExplainMatchArgs extends SuggestionArgsBase {
  @Field(() => ID, { description: 'The candidate (id or pseudonym).' })
  @IsString()
  @MaxLength(64)
  candidateId: string;

  @Field(() => ID)
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'vacancyId must be a uuid' })
  vacancyId: string;
}

@ArgsType()
export class ExplainLinkArgs extends SuggestionArgsBase {
  @Field(() => ID)
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'householdId must be a uuid' })
  householdId: string;

  @Field({ description: 'CBS code, e.g. GM0363.' })
  @Matches(/^GM\d{4}$/, { message: 'municipalityCode must be a CBS municipality code like GM0363' })
  municipalityCode: string;

  @Field(() => String, { nullable: true, description: 'Half-year of the housing task, e.g. 2026-H2 (default: the current one).' })
  @IsOptional()
  @Matches(/^\d{4}-H[12]$/, { message: 'period must be a half-year like 2026-H2' })
  period?: string;
}
