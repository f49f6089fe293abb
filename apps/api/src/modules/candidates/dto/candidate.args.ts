import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, Matches, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/pagination';
import { LegalStatusEnum } from '../../records/enums';

@InputType()
export class CandidatesFilter {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^GM\d{4}$/, { message: 'municipalityCode must be a CBS municipality code like GM0363' })
  municipalityCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^AM\d{2}$/, { message: 'labourMarketRegionCode must be a labour-market region code like AM18' })
  labourMarketRegionCode?: string;

  @Field({ nullable: true, description: 'ISCO-08 group (1 to 4 digits) of an occupation held.' })
  @IsOptional()
  @Matches(/^\d{1,4}$/, { message: 'iscoGroup must have 1 to 4 digits' })
  iscoGroup?: string;

  @Field(() => LegalStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(LegalStatusEnum)
  legalStatus?: LegalStatusEnum;
}

@ArgsType()
export class CandidatesArgs extends PageArgs {
  @Field(() => CandidatesFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CandidatesFilter)
  filter?: CandidatesFilter;
}
