import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '../../../common/validation/decorators';
import { RuleCheck } from '../../suggestions/models/suggestion.models';
import { RelinkingInput } from '../dto/relinking.input';

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

  @Field(() => RelinkingInput, { nullable: true, description: 'R15: required when the household is already linked to another municipality (a re-link); every R15 condition must hold.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RelinkingInput)
  relinking?: RelinkingInput;

  @Field(() => [String], {
    nullable: true,
    description: 'Human oversight: the hard rules (R11, R12) this decision knowingly departs from; needs a justification. A broken hard rule not named here refuses the decision.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @Trim()
  @IsString({ each: true })
  overrideHardRules?: string[];

  @Field(() => String, { nullable: true, description: 'Why the decision departs from the named hard rules (required with overrideHardRules, at least 30 characters).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  justification?: string;
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
  @Field({ description: 'Human oversight: the decision departs from a hard rule (see overriddenRules, justification).' }) override: boolean;
  @Field(() => [String], { description: 'The hard rules the decision departs from (empty without an override).' }) overriddenRules: string[];
  @Field(() => String, { nullable: true, description: 'Why it departs from them.' }) justification: string | null;
  @Field({ description: 'R15: the decision moved an already linked household to another municipality.' }) relink: boolean;
  @Field(() => [RuleCheck], { description: 'The checks the decision was taken against: the broken hard rules it overrode, and a re-link\'s R15 checks (reason in English; reasonNl, reasonEn).' })
  checks: RuleCheck[];
}

@ObjectType({ description: 'How often one overridden rule occurs in a group of decisions.' })
export class RuleCount {
  @Field() rule: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'One decision that departed from a hard rule, with why.' })
export class OverrideEntry {
  @Field(() => ID) decisionId: string;
  @Field() municipalityCode: string;
  @Field(() => [String]) overriddenRules: string[];
  @Field(() => String, { nullable: true, description: 'The justification (ADMIN only: free text may name people; null for other roles).' }) justification: string | null;
  @Field() decidedAt: Date;
}

@ObjectType({ description: 'Link decisions of one labour-market region by one adviser key.' })
export class LinkDecisionGroup {
  @Field() regionCode: string;
  @Field() regionName: string;
  @Field(() => String, { nullable: true, description: 'The label of the deciding API key (null when the key is gone).' }) adviser: string | null;
  @Field(() => Int) decisions: number;
  @Field(() => Int, { description: 'Decisions taken from a served list (with a suggestionId).' }) fromSuggestions: number;
  @Field(() => Int) followedTopSuggestion: number;
  @Field(() => Float, { nullable: true, description: 'followedTopSuggestion / fromSuggestions (null when none came from a list).' }) followedTopSuggestionRate: number | null;
  @Field(() => Int) overrides: number;
  @Field(() => Int) relinks: number;
  @Field(() => [RuleCount]) overriddenRules: RuleCount[];
  @Field(() => [OverrideEntry]) overrideReasons: OverrideEntry[];
}

@ObjectType({ description: 'Link decisions of a period for supervisors: per region and adviser key, how often the advice was followed and where it was overridden.' })
export class LinkDecisionReport {
  @Field() period: string;
  @Field(() => Int) decisions: number;
  @Field(() => Int) fromSuggestions: number;
  @Field(() => Float, { nullable: true }) followedTopSuggestionRate: number | null;
  @Field(() => Int) overrides: number;
  @Field(() => Int) relinks: number;
  @Field(() => [LinkDecisionGroup]) groups: LinkDecisionGroup[];
}
