import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../../common/validation/decorators';

@InputType({ description: "An adviser's decision to link a household to a municipality (R19)." })
export class LinkDecisionInput {
  @Field(() => ID)
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'householdId must be a uuid' })
  householdId: string;

  @Field()
  @Matches(/^GM\d{4}$/, { message: 'municipalityCode must be a CBS municipality code like GM0363' })
  municipalityCode: string;

  @Field({ description: 'Why: kept with the decision (R19).' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;

  @Field(() => ID, { nullable: true, description: 'The municipalitySuggestions list decided from (its suggestionId), so the trail shows whether the advice was followed.' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'suggestionId must be the suggestionId of a served list' })
  suggestionId?: string;

  @Field(() => String, { nullable: true, description: 'Half-year whose housing task the household counts against (default: the current one).' })
  @IsOptional()
  @Matches(/^\d{4}-H[12]$/, { message: 'period must be a half-year like 2026-H2' })
  period?: string;
}

@ObjectType({ description: "An adviser's link of a household to a municipality." })
export class LinkDecision {
  @Field(() => ID) id: string;
  @Field(() => ID) householdId: string;
  @Field() municipalityCode: string;
  @Field() period: string;
  @Field(() => Int) persons: number;
  @Field() reason: string;
  @Field(() => ID, { nullable: true }) suggestionId: string | null;
  @Field(() => String, { nullable: true, description: 'What the served list ranked first.' }) topSuggestion: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the decision followed the top suggestion (null without a suggestionId).' })
  followedTopSuggestion: boolean | null;
  @Field() decidedAt: Date;
  @Field(() => String, { nullable: true, description: 'R19: the label of the API key that decided (null when the key is gone).' }) decidedBy: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when a later decision for the household replaced this one.' }) supersededAt: Date | null;
}
