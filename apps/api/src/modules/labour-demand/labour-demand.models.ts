import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
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

/** How an import meets the figures already there. */
export enum LabourDemandImportMode {
  MERGE = 'MERGE',
  REPLACE = 'REPLACE',
}
registerEnumType(LabourDemandImportMode, {
  name: 'LabourDemandImportMode',
  description: 'MERGE (default): the file\'s figures are written by region and ISCO group, every other figure stays. REPLACE: every figure not in the file is removed.',
});

@ObjectType({ description: 'One figure an import replaced or removed, with what it was.' })
export class LabourDemandChange {
  @Field() regionCode: string;
  @Field() iscoGroup: string;
  @Field(() => Float, { description: 'The tension before the import.' }) previousTension: number;
  @Field(() => Float, { nullable: true, description: 'The tension the import wrote; null when it removed the figure.' }) tension: number | null;
  @Field(() => String, { nullable: true, description: 'Where the figure before the import came from.' }) previousSource: string | null;
}

@ObjectType({ description: 'What an import did: the figures in use afterwards, and every figure it replaced or removed.' })
export class LabourDemandImportResult extends LabourDemandInfo {
  @Field(() => LabourDemandImportMode) mode: LabourDemandImportMode;
  @Field(() => Int, { description: 'Rows of the file.' }) imported: number;
  @Field(() => Int, { description: 'Figures of the file for a region and ISCO group that had none.' }) added: number;
  @Field(() => [LabourDemandChange], { description: 'Figures of the file that replaced one for the same region and ISCO group.' }) replaced: LabourDemandChange[];
  @Field(() => [LabourDemandChange], { description: 'REPLACE only: figures removed because the file has none for their region and ISCO group.' }) removed: LabourDemandChange[];
}

@InputType()
export class LabourDemandImportInput {
  @Field(() => LabourDemandImportMode, { defaultValue: LabourDemandImportMode.MERGE, description: 'MERGE (default) or REPLACE.' })
  @IsEnum(LabourDemandImportMode)
  mode: LabourDemandImportMode = LabourDemandImportMode.MERGE;

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
