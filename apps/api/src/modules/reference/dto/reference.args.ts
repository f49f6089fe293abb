import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MAX_TAKE, PageArgs } from '../../../common/pagination';

export const MUNICIPALITY_CODE = /^GM\d{4}$/;

@ArgsType()
export class MunicipalityArgs {
  @Field({ description: 'CBS code, e.g. GM0363.' })
  @Matches(MUNICIPALITY_CODE, { message: 'code must be a CBS municipality code like GM0363' })
  code: string;
}

@InputType()
export class MunicipalityFilter {
  @Field({ nullable: true, description: 'Province code (PV27) or name (Noord-Holland).' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(40)
  province?: string;

  @Field({ nullable: true, description: 'Labour-market region code, e.g. AM18.' })
  @IsOptional()
  @Matches(/^AM\d{2}$/, { message: 'labourMarketRegionCode must be a labour-market region code like AM18' })
  labourMarketRegionCode?: string;

  @Field({ nullable: true, description: 'Start of the name; accents and case are ignored.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  namePrefix?: string;
}

@ArgsType()
export class MunicipalitiesArgs extends PageArgs {
  @Field(() => MunicipalityFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MunicipalityFilter)
  filter?: MunicipalityFilter;
}

@ArgsType()
export class SearchArgs {
  @Field({ description: 'Words to look for; accents and case are ignored.' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search: string;

  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_TAKE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_TAKE)
  take = 20;
}

@ArgsType()
export class PostcodeArgs {
  @Field({ description: 'Four-digit postcode, e.g. 1011.' })
  @Matches(/^[1-9]\d{3}$/, { message: 'pc4 must be a four-digit Dutch postcode like 1011' })
  pc4: string;
}
