import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LocationInput } from '../../records/location';

@InputType({ description: 'R15: the job a re-link rests on. Give the ESCO occupation id or an ISCO code, and the municipality or the location of the workplace.' })
export class RelinkingJobInput {
  @Field({ nullable: true, description: 'ISCO-08 unit group of the job, e.g. 5120.' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'iscoCode must be a 4-digit ISCO-08 unit group' })
  iscoCode?: string;

  @Field(() => ID, { nullable: true, description: 'ESCO occupation id of the job (its ISCO code is used).' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'occupationId must be an ESCO occupation uuid' })
  occupationId?: string;

  @Field(() => Int, { nullable: true, description: 'R15b: contract length in months; null = open-ended.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  contractMonths?: number | null;

  @Field({ defaultValue: true, description: 'R15b: the contract is signed.' })
  @IsOptional()
  @IsBoolean()
  signedContract: boolean = true;

  @Field(() => Float, { nullable: true, description: 'R15c: gross monthly wage in euros; absent = not known.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100000)
  monthlyWage?: number | null;

  @Field({ description: 'R15d: the latest payslip was shown.' })
  @IsBoolean()
  payslip: boolean;

  @Field({ nullable: true, description: 'CBS code of the municipality of the workplace.' })
  @IsOptional()
  @Matches(/^GM\d{4}$/, { message: 'municipalityCode must be a CBS municipality code like GM0363' })
  municipalityCode?: string;

  @Field(() => LocationInput, { nullable: true, description: 'The workplace (postcode or lat/lon), instead of or inside the municipality.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInput)
  location?: LocationInput;
}

@InputType({ description: 'R15: what a re-link ("omkoppeling") of an already linked household rests on.' })
export class RelinkingInput {
  @Field(() => RelinkingJobInput)
  @ValidateNested()
  @Type(() => RelinkingJobInput)
  job: RelinkingJobInput;

  @Field({ description: 'Housing has already been offered in the linked municipality.' })
  @IsBoolean()
  housingOffered: boolean;

  @Field({ description: 'Civic integration has started.' })
  @IsBoolean()
  integrationStarted: boolean;

  @Field(() => ID, { nullable: true, description: 'The member who has the job; absent = the adults of the household are judged together for R15a.' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'memberId must be a uuid' })
  memberId?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'R15a: whether comparable work was found in the current region. Absent = the engine counts open vacancies of the same occupation group there.',
  })
  @IsOptional()
  @IsBoolean()
  comparableJobInCurrentRegion?: boolean | null;
}
