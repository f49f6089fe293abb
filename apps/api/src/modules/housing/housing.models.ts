import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, Matches, Max, Min } from 'class-validator';

export const PERIOD_MESSAGE = 'period must be a half-year like 2026-H2';

@ObjectType({ description: 'R11: the national number of permit holders to house in a half-year.' })
export class HousingNationalTotal {
  @Field({ description: 'Half-year, e.g. 2026-H2.' })
  period: string;

  @Field(() => Int)
  total: number;

  @Field()
  updatedAt: Date;
}

@ArgsType()
export class SetHousingNationalTotalArgs {
  @Field()
  @Matches(/^\d{4}-H[12]$/, { message: PERIOD_MESSAGE })
  period: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  total: number;
}
