import { Field, Float, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
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
import { IsLocalDate, IsWholeCents, Trim } from '../../../common/validation/decorators';
import { CefrLevel, DiplomaStatusEnum, EducationLevelEnum, GenderEnum, IntegrationRouteEnum, LegalStatusEnum, TieKindEnum } from '../../records/enums';
import { LocationInput } from '../../records/location';

export const ISCO_CODE = /^\d{1,4}$/;
export const EXTERNAL_ID = /^[A-Za-z0-9._:/-]{1,100}$/;

@InputType({ description: 'R6: a foreign qualification.' })
export class DiplomaInput {
  @Field(() => EducationLevelEnum, { description: 'Dutch-equivalent level (after evaluation, or as reported).' })
  @IsEnum(EducationLevelEnum)
  level: EducationLevelEnum;

  @Field(() => DiplomaStatusEnum)
  @IsEnum(DiplomaStatusEnum)
  status: DiplomaStatusEnum;

  @Field({ nullable: true, description: 'ISCO-08 group the qualification prepares for (1 to 4 digits).' })
  @IsOptional()
  @Trim()
  @Matches(ISCO_CODE, { message: 'iscoCode must be an ISCO-08 code of 1 to 4 digits' })
  iscoCode?: string;

  @Field({ nullable: true, description: 'The regulated profession it is recognised for, e.g. "BIG:verpleegkundige".' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  regulatedProfession?: string;
}

@InputType({ description: 'R7: an occupation worked in. Give the ESCO occupation id, an ISCO code, or both.' })
export class HeldOccupationInput {
  @Field(() => ID, { nullable: true, description: 'ESCO occupation uuid.' })
  @IsOptional()
  @IsUUID('all', { message: 'occupationId must be an ESCO occupation uuid' })
  occupationId?: string;

  @Field({ nullable: true, description: 'ISCO-08 unit group (4 digits).' })
  @IsOptional()
  @Trim()
  @Matches(/^\d{4}$/, { message: 'iscoCode must be a 4-digit ISCO-08 unit group' })
  iscoCode?: string;

  @Field(() => Float, { description: 'Years of experience, 0 to 60.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(60)
  years: number;
}

@InputType({ description: 'R12: a tie to a place.' })
export class HardTieInput {
  @Field(() => TieKindEnum)
  @IsEnum(TieKindEnum)
  kind: TieKindEnum;

  @Field({ description: 'The municipality of the tie, e.g. GM0772.' })
  @Trim()
  @Matches(/^GM\d{4}$/, { message: 'municipalityCode must be a CBS municipality code like GM0363' })
  municipalityCode: string;

  @Field(() => LocationInput, { nullable: true, description: "The tie's own place; default the municipality's centroid." })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInput)
  location?: LocationInput;

  @Field({ nullable: true, description: 'FAMILY: false for family beyond the first degree (then a soft, network tie).' })
  @IsOptional()
  @IsBoolean()
  firstDegree?: boolean;

  @Field(() => Int, { nullable: true, description: 'WORK: hours a week.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  hoursPerWeek?: number;

  @Field(() => Int, { nullable: true, description: 'WORK: contract length in months.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  contractMonths?: number;

  @Field(() => Float, { nullable: true, description: 'WORK: gross monthly wage in euros.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsWholeCents()
  @Min(0)
  @Max(100000)
  monthlyWage?: number;

  @Field({ nullable: true, description: 'WORK: a signed contract was shown.' })
  @IsOptional()
  @IsBoolean()
  signedContract?: boolean;

  @Field({ nullable: true, description: 'WORK: the latest payslip was shown.' })
  @IsOptional()
  @IsBoolean()
  payslip?: boolean;

  @Field({ nullable: true, description: 'WORK: ISCO-08 code of the job.' })
  @IsOptional()
  @Trim()
  @Matches(ISCO_CODE, { message: 'iscoCode must be an ISCO-08 code of 1 to 4 digits' })
  iscoCode?: string;
}

@InputType({ description: 'R13: where the person would like to live and work.' })
export class PreferencesInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @Trim()
  @Matches(/^GM\d{4}$/, { each: true, message: 'each municipality code must look like GM0363' })
  municipalityCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Labour-market region (AMxx) or province (PVxx) codes.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Trim()
  @Matches(/^(AM|PV)\d{2}$/, { each: true, message: 'each region code must be a labour-market region (AM18) or province (PV27) code' })
  regionCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'ISCO-08 groups (1 to 4 digits).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Trim()
  @Matches(ISCO_CODE, { each: true, message: 'each ISCO group must have 1 to 4 digits' })
  iscoGroups?: string[];
}

@InputType({ description: 'R17: for fairness reporting only; stored apart and never scored. All optional.' })
export class MonitoringInput {
  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2.' })
  @IsOptional()
  @Trim()
  @IsISO31661Alpha2({ message: 'nationality must be an ISO 3166-1 alpha-2 country code like SY' })
  nationality?: string;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2.' })
  @IsOptional()
  @Trim()
  @IsISO31661Alpha2({ message: 'countryOfBirth must be an ISO 3166-1 alpha-2 country code like ER' })
  countryOfBirth?: string;

  @Field(() => GenderEnum, { nullable: true })
  @IsOptional()
  @IsEnum(GenderEnum)
  gender?: GenderEnum;
}

@InputType({ description: 'A candidate (job seeker / permit holder). No field here is about origin or gender (R17).' })
export class CandidateInput {
  @Field({ nullable: true, description: 'Your own id; unique per source. Importing it again updates the record.' })
  @IsOptional()
  @Trim()
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1 to 100 letters, digits or . _ : / -' })
  externalId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @Matches(/^\+?[0-9 ()-]{6,32}$/, { message: 'phone must be a phone number (digits, spaces, + ( ) -)' })
  phone?: string;

  @Field({ nullable: true, description: 'Free text for caseworkers; never shown to evaluators.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsLocalDate()
  birthDate: string;

  @Field(() => LegalStatusEnum)
  @IsEnum(LegalStatusEnum)
  legalStatus: LegalStatusEnum;

  @Field({ nullable: true, description: 'R1.2: date of the asylum application (YYYY-MM-DD).' })
  @IsOptional()
  @IsLocalDate()
  applicationDate?: string;

  @Field({ nullable: true, description: 'R2: date the residence permit was granted.' })
  @IsOptional()
  @IsLocalDate()
  permitDate?: string;

  @Field({ nullable: true, description: 'R1.4: W-document issue date.' })
  @IsOptional()
  @IsLocalDate()
  wDocumentIssued?: string;

  @Field({ nullable: true, description: 'R1.4: W-document expiry date.' })
  @IsOptional()
  @IsLocalDate()
  wDocumentExpiry?: string;

  @Field({ nullable: true, description: 'R1.3: lives in a COA reception facility (default: true for asylum seekers and status holders).' })
  @IsOptional()
  @IsBoolean()
  livesInReception?: boolean;

  @Field({ nullable: true, description: 'R1.7: under the Dublin regulation or with a return decision.' })
  @IsOptional()
  @IsBoolean()
  dublinOrReturnDecision?: boolean;

  @Field(() => LocationInput)
  @ValidateNested()
  @Type(() => LocationInput)
  location: LocationInput;

  @Field(() => CefrLevel)
  @IsEnum(CefrLevel)
  dutchLevel: CefrLevel;

  @Field(() => CefrLevel, { nullable: true, description: 'Default NONE.' })
  @IsOptional()
  @IsEnum(CefrLevel)
  englishLevel?: CefrLevel;

  @Field(() => IntegrationRouteEnum, { nullable: true })
  @IsOptional()
  @IsEnum(IntegrationRouteEnum)
  integrationRoute?: IntegrationRouteEnum;

  @Field(() => [DiplomaInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DiplomaInput)
  diplomas?: DiplomaInput[];

  @Field(() => [HeldOccupationInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => HeldOccupationInput)
  occupations?: HeldOccupationInput[];

  @Field(() => [ID], { nullable: true, description: 'ESCO skill uuids.' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'each skill must be an ESCO skill uuid' })
  skills?: string[];

  @Field(() => Int, { description: 'Hours a week available for work, 1 to 60.' })
  @IsInt()
  @Min(1)
  @Max(60)
  hoursAvailable: number;

  @Field(() => Int, { description: 'Maximum travel distance in km, 1 to 300.' })
  @IsInt()
  @Min(1)
  @Max(300)
  maxTravelKm: number;

  @Field(() => PreferencesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PreferencesInput)
  preferences?: PreferencesInput;

  @Field(() => [HardTieInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HardTieInput)
  ties?: HardTieInput[];

  @Field(() => MonitoringInput, { nullable: true, description: 'R17: reporting only, stored apart, never scored.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MonitoringInput)
  monitoring?: MonitoringInput;

  @Field({ nullable: true, description: 'Marks demo data.' })
  @IsOptional()
  @IsBoolean()
  synthetic?: boolean;
}

@InputType({ description: 'Fields to change; a list given replaces the stored list.' })
export class CandidateUpdateInput extends PartialType(CandidateInput) {}
