import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsLocalDate, Trim } from '../../../common/validation/decorators';
import { BalanceSummary, Shortage } from '../../placement/models/placement.models';
import { PolicyOverrideInput } from '../../suggestions/dto/policy-override.input';
import { JOB_PHASE_WHILE_QUEUED } from '../../jobs/job.entity';

export enum ScenarioStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ScenarioStatus, {
  name: 'ScenarioStatus',
  description: 'QUEUED (waiting for a free worker, oldest first) → RUNNING (progress, phase) → DONE, FAILED (with the reason) or CANCELLED.',
});

export enum ExportFormat {
  JSON = 'JSON',
  CSV = 'CSV',
}
registerEnumType(ExportFormat, { name: 'ExportFormat' });

@InputType({ description: 'Which households a what-if replays: given ids, or those that arrived in a date range (synthetic only on request).' })
export class CohortSelector {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ArrayUnique()
  @Matches(/^[0-9a-f-]{36}$/i, { each: true, message: 'each household id must be a uuid' })
  householdIds?: string[];

  @Field(() => String, { nullable: true, description: 'Households that arrived on or after this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsLocalDate()
  arrivedFrom?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsLocalDate()
  arrivedTo?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only synthetic (demo) households.' })
  @IsOptional()
  @IsBoolean()
  syntheticOnly?: boolean;

  @Field(() => Int, { nullable: true, description: 'At most this many (by arrival, then id); default and cap 10,000.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;
}

@InputType()
export class ScenarioInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => CohortSelector)
  @ValidateNested()
  @Type(() => CohortSelector)
  cohort: CohortSelector;

  @Field(() => PolicyOverrideInput, { description: 'The variant: the default policy with these changes. The baseline is the default policy.' })
  @ValidateNested()
  @Type(() => PolicyOverrideInput)
  policy: PolicyOverrideInput;

  @Field(() => String, { nullable: true, description: 'Half-year of the housing tasks (default: the current one).' })
  @IsOptional()
  @Matches(/^\d{4}-H[12]$/, { message: 'period must be a half-year like 2026-H2' })
  period?: string;

  @Field(() => Float, { nullable: true, description: 'R14 balance tolerance in share points, applied to both runs.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  balanceTolerance?: number;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'The run is a job: the answer comes at once with status QUEUED; poll scenario(id). true: answer only when it has finished (the request stays open; nothing else waits).',
  })
  @IsBoolean()
  wait = false;
}

@ObjectType()
export class RegionUse {
  @Field() regionCode: string;
  @Field(() => Int) persons: number;
  @Field(() => Int) capacity: number;
}

@ObjectType({ description: 'An outcome by group, for fairness reporting only (R17): never a scoring input.' })
export class GroupOutcome {
  @Field({ description: 'gender, ageBand or origin (country of birth).' }) dimension: string;
  @Field({ description: 'Groups smaller than 5 people are reported as "other".' }) group: string;
  @Field(() => Int) people: number;
  @Field(() => Float) placedShare: number;
  @Field(() => Float, { nullable: true }) meanLinkScore: number | null;
  @Field(() => Float, { nullable: true }) meanReachableVacancies: number | null;
}

@ObjectType({ description: 'Expected employed adults of one group (R17: reporting only).' })
export class GroupExpectedEmployment {
  @Field({ description: 'gender, ageBand or origin' }) dimension: string;
  @Field({ description: 'Groups smaller than 5 adults are reported as "other".' }) group: string;
  @Field(() => Int) adults: number;
  @Field(() => Float) expected: number;
  @Field(() => Float, { nullable: true }) low: number | null;
  @Field(() => Float, { nullable: true }) high: number | null;
}

@ObjectType({ description: 'Expected employed adults at 24 months by the outcome model, with a bootstrap interval over its fit (the model\'s uncertainty).' })
export class ExpectedEmploymentSummary {
  @Field({ description: 'The outcome model used (name@hash).' }) modelVersion: string;
  @Field(() => Int, { description: 'Adults of placed households (R16: every adult).' }) adults: number;
  @Field(() => Int, { description: 'Adults of households the plan does not place (not counted).' }) adultsNotPlaced: number;
  @Field(() => Float) expected: number;
  @Field(() => Float, { nullable: true, description: 'Lower bound of the interval (percentile of the bootstrap replicates).' }) low: number | null;
  @Field(() => Float, { nullable: true }) high: number | null;
  @Field(() => Float, { description: 'Coverage of the interval, e.g. 0.95.' }) level: number;
  @Field(() => Int) replicates: number;
  @Field(() => [GroupExpectedEmployment]) byGroup: GroupExpectedEmployment[];
}

@ObjectType({ description: 'What a plan achieves for the cohort.' })
export class ScenarioMetrics {
  @Field(() => Shortage, { nullable: true, description: 'Read this first: persons against places (R11, R12), how the shortage is shared, the unplaced by household size. Null in the difference (and in runs stored before it was reported).' })
  shortage: Shortage | null;
  @Field(() => BalanceSummary, { nullable: true, description: 'R14, when a balanceTolerance was given; null in the difference.' }) balance: BalanceSummary | null;
  @Field(() => Int) households: number;
  @Field(() => Int) householdsPlaced: number;
  @Field(() => Int) personsPlaced: number;
  @Field(() => Float, { nullable: true }) meanLinkScore: number | null;
  @Field(() => Float) objective: number;
  @Field(() => Float) upperBound: number;
  @Field(() => Float) gap: number;
  @Field(() => Float) greedyObjective: number;
  @Field(() => Int) greedyPlaced: number;
  @Field(() => Float, { nullable: true, description: "Share of the cohort's hard ties (as the baseline policy defines them) that the plan honours." })
  hardTiesHonouredShare: number | null;
  @Field(() => Int) hardTies: number;
  @Field(() => Float, { nullable: true, description: 'Mean distance from the placed municipality to the nearest work tie (households with one).' })
  meanDistanceToWorkTieKm: number | null;
  @Field(() => Float, { nullable: true, description: 'Eligible vacancies reachable from the placed municipality, per adult of a placed household (R14, R16).' })
  reachableVacanciesPerAdult: number | null;
  @Field(() => [RegionUse]) regions: RegionUse[];
  @Field(() => [GroupOutcome]) disparities: GroupOutcome[];
  @Field(() => ExpectedEmploymentSummary, { nullable: true, description: 'R14: expected employed adults at 24 months (outcome model); in the difference, variant minus baseline with a paired interval. Null without a model.' })
  expectedEmployment: ExpectedEmploymentSummary | null;
}

@ObjectType({ description: 'A what-if run: the policy version in force on its day (baseline) and a variant (of that version, or of another by basePolicy) replayed on one cohort, side by side.' })
export class Scenario {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => ScenarioStatus) status: string;
  @Field(() => Float, { description: '0 to 1 while running.' }) progress: number;
  @Field(() => String, { nullable: true, description: `What the run is doing now, e.g. "variant: planning the cohort"; ${JOB_PHASE_WHILE_QUEUED}` }) phase: string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed or was cancelled.' }) error: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field() period: string;
  @Field() onDate: string;
  @Field(() => Int) cohortSize: number;
  @Field(() => Int, { description: "R2: households the cohort's range selected but left out, as none of its members is a status holder." }) cohortLeftOut: number;
  @Field({ description: 'The variant override as given (JSON).' }) policyOverride: string;
  @Field() baselinePolicyVersion: string;
  @Field() variantPolicyVersion: string;
  @Field(() => String, { nullable: true, description: "The outcome model whose expected adults in work the baseline plan's link scores weighed (R14, R16); null when its policy gives it no weight or no model was loaded." })
  baselineOutcomeModelVersion: string | null;
  @Field(() => String, { nullable: true, description: "The same for the variant's plan (a variant that raises linkWeights.expectedEmployment plans with the model)." })
  variantOutcomeModelVersion: string | null;
  @Field(() => ScenarioMetrics, { nullable: true }) baseline: ScenarioMetrics | null;
  @Field(() => ScenarioMetrics, { nullable: true }) variant: ScenarioMetrics | null;
  @Field(() => ScenarioMetrics, { nullable: true, description: 'Variant minus baseline.' }) difference: ScenarioMetrics | null;
  @Field(() => Int, { nullable: true, description: 'Households whose municipality (or whether placed) differs.' }) changedHouseholds: number | null;
}
