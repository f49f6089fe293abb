import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PlacementWeightEnum, PolicyOverrideInput } from '../../suggestions/dto/policy-override.input';
import { JOB_PHASE_DESCRIPTION } from '../../jobs/job.entity';

export enum PlacementMethodEnum {
  AUTO = 'AUTO',
  EXACT = 'EXACT',
  LAGRANGIAN = 'LAGRANGIAN',
  GREEDY = 'GREEDY',
}
registerEnumType(PlacementMethodEnum, {
  name: 'PlacementMethod',
  description: 'EXACT: mixed-integer programme (HiGHS); LAGRANGIAN: capacity prices, repair and local search (large cohorts); GREEDY: today\'s one-by-one practice; AUTO picks.',
});

@InputType()
export class PlacementInput {
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ArrayUnique({ message: 'householdIds must not repeat a household' })
  @Matches(/^[0-9a-f-]{36}$/i, { each: true, message: 'each household id must be a uuid' })
  householdIds: string[];

  @Field({ description: 'Half-year of the housing tasks, e.g. 2026-H2.' })
  @Matches(/^\d{4}-H[12]$/, { message: 'period must be a half-year like 2026-H2' })
  period: string;

  @Field(() => PolicyOverrideInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PolicyOverrideInput)
  policy?: PolicyOverrideInput;

  @Field(() => Float, { nullable: true, description: "R14: every labour-market region's share of placed persons within ± this many share points (0.02 = 2 points) of its population share." })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  balanceTolerance?: number;

  @Field(() => PlacementMethodEnum, { defaultValue: PlacementMethodEnum.AUTO })
  @IsEnum(PlacementMethodEnum)
  method: PlacementMethodEnum = PlacementMethodEnum.AUTO;
}

@ObjectType()
export class PlacementAssignment {
  @Field(() => ID) householdId: string;
  @Field() municipalityCode: string;
  @Field(() => Int) persons: number;
  @Field(() => Float) score: number;
}

@ObjectType()
export class UnplacedHousehold {
  @Field(() => ID) householdId: string;
  @Field(() => Int) persons: number;
  @Field({
    description:
      'noAllowedMunicipality (R12: every municipality breaks a hard tie), noRoomAnywhere (R11, R16: no allowed municipality had room for the whole household, even before the rest of the cohort), capacity (R11, R16: there was room, but the plan gave it to others of the cohort under the shortage), balance (R14) or notStatusHolder (R2: only status holders\' households are linked).',
  })
  reason: string;
  @Field() reasonNl: string;
  @Field() reasonEn: string;
}

@ObjectType({ description: 'Households of one size: how many, how many placed and unplaced.' })
export class ShortageBySize {
  @Field(() => Int, { description: 'Persons in each household of this size.' }) persons: number;
  @Field(() => Int) households: number;
  @Field(() => Int) placed: number;
  @Field(() => Int) unplaced: number;
  @Field(() => Int, { description: 'Of the unplaced, those for whom no allowed municipality ever had room (noRoomAnywhere).' }) noRoomAnywhere: number;
}

@ObjectType({ description: 'R12: the households with a hard tie against the places within their tie radius.' })
export class TieHolderShortage {
  @Field(() => Int) households: number;
  @Field(() => Int) persons: number;
  @Field(() => Int, { nullable: true, description: 'Places (remaining housing task, R11) in the municipalities at least one tie holder may go to; null when capacity is no limit.' }) places: number | null;
  @Field(() => Int, { nullable: true, description: 'max(0, persons − places); null when capacity is no limit.' }) shortfall: number | null;
}

@ObjectType({ description: 'R11, R12: persons against places, before any plan, and the plan\'s outcome by household size, with the same in plain Dutch and English.' })
export class Shortage {
  @Field(() => Int) households: number;
  @Field(() => Int) persons: number;
  @Field(() => Int, { nullable: true, description: 'Remaining housing task of the period summed over every municipality (R11); null when the period has no national total (capacity is then no limit).' })
  places: number | null;
  @Field(() => Int, { nullable: true, description: 'Persons no plan can place: max(0, persons − places); null when capacity is no limit.' }) shortfall: number | null;
  @Field(() => TieHolderShortage) tieHolders: TieHolderShortage;
  @Field(() => PlacementWeightEnum, { description: 'How the plan shares a shortage (the policy\'s placementWeight).' }) placementWeight: string;
  @Field(() => Int) placed: number;
  @Field(() => Int) personsPlaced: number;
  @Field(() => [ShortageBySize], { description: 'By household size, smallest first.' }) bySize: ShortageBySize[];
  @Field({ description: 'The report in plain Dutch, with its numbers.' }) textNl: string;
  @Field({ description: 'The report in plain English, with its numbers.' }) textEn: string;
}

@ObjectType({ description: 'R14: the spread over labour-market regions the plan keeps.' })
export class BalanceSummary {
  @Field(() => Float, { description: 'The tolerance asked for, in share points.' }) requestedTolerance: number;
  @Field(() => Float, { description: 'The tolerance the plan keeps: the one asked for, or the widened one when relaxed.' }) tolerance: number;
  @Field({ description: 'The spread could not be met by a cohort this small with anyone placed, so the tolerance was widened to the smallest (to 0.5 point) at which as many households are placed as without a spread.' })
  relaxed: boolean;
  @Field({ description: 'Every region\'s share of the placed persons lies within its band.' }) satisfied: boolean;
  @Field() textNl: string;
  @Field() textEn: string;
}

@ObjectType({ description: 'Today\'s practice for comparison: one household at a time in arrival order to its best municipality with room.' })
export class GreedyBaseline {
  @Field(() => Float) objective: number;
  @Field(() => Int) placed: number;
  @Field(() => Int) personsPlaced: number;
}

@ObjectType({ description: 'An optimal (or near-optimal, with a proven bound) link of a cohort under the housing tasks (R11, R12, R16).' })
export class PlacementPlan {
  @Field() period: string;
  @Field() policyVersion: string;
  @Field(() => String, { nullable: true, description: 'The outcome model whose expected adults in work the link scores weigh (R14, R16), when the policy gives it a weight and one is loaded; null otherwise.' })
  outcomeModelVersion: string | null;
  @Field(() => Shortage, { description: 'Read this first: persons against places (R11), overall and for the households with a hard tie (R12), how the shortage is shared, and the unplaced by household size.' })
  shortage: Shortage;
  @Field() method: string;
  @Field({ description: 'The exact method proved the plan optimal (for the tolerance in balance, when that was widened).' }) optimal: boolean;
  @Field(() => Float, { description: 'What the plan maximises: the link scores of the placed households, each times its weight under shortage.placementWeight (HOUSEHOLD: 1, PERSON: persons). upperBound, gap and greedy.objective are in the same units.' })
  objective: number;
  @Field(() => Float, { description: 'Sum of the link scores of the placed households, unweighted.' }) linkScore: number;
  @Field(() => Float, { description: 'Upper bound on any plan (LP relaxation or a dual value): never below the optimum.' }) upperBound: number;
  @Field(() => Float, { description: '(upperBound − objective) / upperBound.' }) gap: number;
  @Field(() => GreedyBaseline) greedy: GreedyBaseline;
  @Field(() => Int) households: number;
  @Field(() => Int) placed: number;
  @Field(() => Int) personsPlaced: number;
  @Field({ description: 'false when the period has no national housing total: capacity was not a limit.' }) capacityKnown: boolean;
  @Field(() => Float) runtimeMs: number;
  @Field(() => [PlacementAssignment]) assignments: PlacementAssignment[];
  @Field(() => [UnplacedHousehold]) unplaced: UnplacedHousehold[];
  @Field(() => BalanceSummary, { nullable: true, description: 'R14, when a balanceTolerance was given.' }) balance: BalanceSummary | null;
  @Field(() => [String]) notes: string[];
}

export enum JobStatusEnum {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(JobStatusEnum, { name: 'JobStatus', description: 'QUEUED (waiting for a free worker, oldest first) → RUNNING → DONE, FAILED (with the reason) or CANCELLED.' });

@ObjectType({ description: 'A cohort plan computed in the background (startPlacementJob, or a large planPlacement).' })
export class PlacementJob {
  @Field(() => ID) id: string;
  @Field(() => JobStatusEnum) status: string;
  @Field(() => Float, { description: '0 to 1.' }) progress: number;
  @Field(() => String, { nullable: true, description: JOB_PHASE_DESCRIPTION }) phase: string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed or was cancelled.' }) error: string | null;
  @Field(() => Int) households: number;
  @Field() period: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => PlacementPlan, { nullable: true, description: 'When DONE.' }) plan: PlacementPlan | null;
}
