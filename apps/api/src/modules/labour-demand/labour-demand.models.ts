import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '../../common/validation/decorators';

@ObjectType({ description: 'Which labour-demand figures the engine uses (R10, R14).' })
export class LabourDemandInfo {
  @Field(() => Int)
  rows: number;

  @Field({ description: 'true while the shipped illustrative sample is in use: not real UWV figures.' })
  illustrative: boolean;

  @Field(() => String, { nullable: true })
  source: string | null;

  @Field(() => Date, { nullable: true })
  loadedAt: Date | null;
}

@ObjectType()
export class LabourDemandFigure {
  @Field() regionCode: string;
  @Field() iscoGroup: string;
  @Field(() => Float, { description: 'Vacancies per short-term unemployed; above 1 is a tight market.' }) tension: number;
  @Field(() => String, { nullable: true }) label: string | null;
}

@InputType({ description: 'One figure of the import format: region, ISCO group (1 to 4 digits), tension.' })
export class LabourDemandRowInput {
  @Field()
  @Trim()
  @Matches(/^AM\d{2}$/, { message: 'regionCode must be a labour-market region code like AM18' })
  regionCode: string;

  @Field()
  @Trim()
  @Matches(/^\d{1,4}$/, { message: 'iscoGroup must be an ISCO-08 group of 1 to 4 digits' })
  iscoGroup: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  tension: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  label?: string;
}

@InputType()
export class LabourDemandImportInput {
  @Field({ description: 'Where the figures come from, e.g. "UWV spanningsindicator 2026-Q3".' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  source: string;

  @Field(() => [LabourDemandRowInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50000)
  @ValidateNested({ each: true })
  @Type(() => LabourDemandRowInput)
  rows: LabourDemandRowInput[];
}
