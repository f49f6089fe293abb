import { ArgsType, Field, Float, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../../../common/pagination';
import { IsLocalDate, IsWholeCents, Trim } from '../../../common/validation/decorators';
import { EXTERNAL_ID } from '../../candidates/dto/candidate.input';
import { EmployerInput } from '../../employers/dto/employer.input';
import { CefrLevel, EducationLevelEnum, VacancyStatus } from '../../records/enums';
import { MAX_IMPORT_ROWS } from '../../records/import';
import { LocationInput } from '../../records/location';

@InputType({ description: 'R9.3: a diploma requirement; with a regulated profession only a RECOGNISED diploma for it qualifies.' })
export class DiplomaRequirementInput {
  @Field(() => EducationLevelEnum)
  @IsEnum(EducationLevelEnum)
  level: EducationLevelEnum;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  regulatedProfession?: string;
}

@InputType({ description: 'A job vacancy. Give employerId, or employer to create or update one inline.' })
export class VacancyInput {
  @Field({ nullable: true, description: 'Your own id; unique per source. Importing it again updates the vacancy.' })
  @IsOptional()
  @Trim()
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1 to 100 letters, digits or . _ : / -' })
  externalId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'employerId must be a uuid' })
  employerId?: string;

  @Field(() => EmployerInput, { nullable: true, description: 'Inline employer (needs an externalId, so that a re-import finds it again).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmployerInput)
  employer?: EmployerInput;

  @Field()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => ID, { nullable: true, description: 'ESCO occupation uuid; gives the ISCO code.' })
  @IsOptional()
  @IsUUID('all', { message: 'occupationId must be an ESCO occupation uuid' })
  occupationId?: string;

  @Field({ nullable: true, description: 'ISCO-08 unit group (4 digits), when no ESCO occupation is given.' })
  @IsOptional()
  @Trim()
  @Matches(/^\d{4}$/, { message: 'iscoCode must be a 4-digit ISCO-08 unit group' })
  iscoCode?: string;

  @Field(() => [ID], { nullable: true, description: 'ESCO skill uuids the job needs.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each essential skill must be an ESCO skill uuid' })
  essentialSkills?: string[];

  @Field(() => [ID], { nullable: true, description: 'ESCO skill uuids that help.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each optional skill must be an ESCO skill uuid' })
  optionalSkills?: string[];

  @Field(() => CefrLevel)
  @IsEnum(CefrLevel)
  minDutchLevel: CefrLevel;

  @Field({ nullable: true, description: 'English at minEnglishLevel is accepted instead of Dutch.' })
  @IsOptional()
  @IsBoolean()
  englishSuffices?: boolean;

  @Field(() => CefrLevel, { nullable: true })
  @IsOptional()
  @IsEnum(CefrLevel)
  minEnglishLevel?: CefrLevel;

  @Field(() => DiplomaRequirementInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DiplomaRequirementInput)
  diplomaRequirement?: DiplomaRequirementInput;

  @Field(() => Int, { description: 'Hours a week, 1 to 60.' })
  @IsInt()
  @Min(1)
  @Max(60)
  hoursPerWeek: number;

  @Field(() => Int, { nullable: true, description: 'Contract length in months (1 to 120); absent = open-ended.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  contractMonths?: number;

  @Field(() => Float, { nullable: true, description: 'Gross monthly wage in euros.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsWholeCents()
  @Min(0)
  @Max(100000)
  monthlyWage?: number;

  @Field(() => LocationInput)
  @ValidateNested()
  @Type(() => LocationInput)
  location: LocationInput;

  @Field({ description: 'YYYY-MM-DD' })
  @IsLocalDate()
  startDate: string;

  @Field({ nullable: true, description: 'R5: on-the-job language coaching ("language-rich workplace").' })
  @IsOptional()
  @IsBoolean()
  languageCoaching?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  jobCoach?: boolean;

  @Field({ nullable: true, description: 'R1.5: the employer will apply for a work permit (TWV) for an asylum seeker.' })
  @IsOptional()
  @IsBoolean()
  workPermitWillingness?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  sector?: string;

  @Field({ nullable: true, description: 'Marks demo data.' })
  @IsOptional()
  @IsBoolean()
  synthetic?: boolean;
}

@InputType({ description: 'Fields to change; null clears an optional field; a list replaces the list.' })
export class VacancyUpdateInput extends PartialType(VacancyInput) {}

@ArgsType()
export class ImportVacanciesArgs {
  @Field(() => [VacancyInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  input: unknown[];

  @Field(() => Boolean, { defaultValue: true, description: 'true: save all rows or none.' })
  @IsBoolean()
  atomic = true;
}

@InputType()
export class VacancyFilter {
  @Field(() => VacancyStatus, { nullable: true })
  @IsOptional()
  @IsEnum(VacancyStatus)
  status?: VacancyStatus;

  @Field({ nullable: true, description: 'Only open vacancies (same as status: OPEN).' })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^GM\d{4}$/, { message: 'municipalityCode must be a CBS municipality code like GM0363' })
  municipalityCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^AM\d{2}$/, { message: 'labourMarketRegionCode must be a labour-market region code like AM18' })
  labourMarketRegionCode?: string;

  @Field({ nullable: true, description: 'ISCO-08 group, 1 to 4 digits.' })
  @IsOptional()
  @Matches(/^\d{1,4}$/, { message: 'iscoGroup must have 1 to 4 digits' })
  iscoGroup?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'occupationId must be a uuid' })
  occupationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'employerId must be a uuid' })
  employerId?: string;
}

@ArgsType()
export class VacanciesArgs extends PageArgs {
  @Field(() => VacancyFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => VacancyFilter)
  filter?: VacancyFilter;
}
