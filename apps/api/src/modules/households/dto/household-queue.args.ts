import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/pagination';
import { Trim } from '../../../common/validation/decorators';

@InputType({ description: 'Narrows the linking queue; every filter given must match.' })
export class HouseholdQueueFilter {
  @Field({ nullable: true, description: 'Start of a member\'s pseudonym, a member\'s externalId or the household\'s externalId (case ignored).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  @Field({ nullable: true, description: 'Households with a member living in this labour-market region (e.g. AM18).' })
  @IsOptional()
  @Matches(/^AM\d{2}$/, { message: 'labourMarketRegionCode must be a labour-market region code like AM18' })
  labourMarketRegionCode?: string;
}

@ArgsType()
export class HouseholdQueueArgs extends PageArgs {
  @Field(() => HouseholdQueueFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HouseholdQueueFilter)
  filter?: HouseholdQueueFilter;
}
