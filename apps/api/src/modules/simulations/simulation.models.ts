import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsInt, IsNumber, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsLocalDate } from '../../common/validation/decorators';
import { JobStatusEnum, Shortage } from '../placement/models/placement.models';
import { JOB_PHASE_DESCRIPTION } from '../jobs/job.entity';

/**
 * Every (household, municipality) pair of a cohort from the database is scored exactly (the
 * simulator compares policies pair by pair, so no bound may stand in for a score): the cost grows
 * with households x municipalities, hence a smaller cap than a plan's cohort.
 */
export const MAX_SIMULATION_COHORT = 2_000;

@InputType({
  description:
    "An arrival stream from the database: status holders' households (R2), by ids or by permit date, each arriving on the day of its earliest member's residence permit (COA links within two weeks of it), against the period's remaining housing tasks (R11).",
})
export class SimulationCohortInput {
  @Field(() => [ID], { nullable: true, description: `The households (at most ${MAX_SIMULATION_COHORT}); one without a status holder is refused (R2).` })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SIMULATION_COHORT)
  @ArrayUnique()
  @Matches(/^[0-9a-f-]{36}$/i, { each: true, message: 'each household id must be a uuid' })
  householdIds?: string[];

  @Field(() => String, { nullable: true, description: "Households whose earliest status holder's permit (else their arrival date) is on or after this day (YYYY-MM-DD); those without a status holder are left out (R2) and counted." })
  @IsOptional()
  @IsLocalDate()
  permitFrom?: string;

  @Field(() => String, { nullable: true, description: '... and on or before this day.' })
  @IsOptional()
  @IsLocalDate()
  permitTo?: string;

  @Field(() => String, { nullable: true, description: 'Half-year of the housing tasks and of the days (default: the current one). A permit before it arrives on its first day, one after it on its last.' })
  @IsOptional()
  @Matches(/^\d{4}-H[12]$/, { message: 'period must be a half-year like 2026-H2' })
  period?: string;
}

@InputType({ description: 'An arrival stream over a half-year, replayed by every online policy and compared with the hindsight optimum.' })
export class SimulationInput {
  @Field({ description: 'A name to find it by.' })
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true, description: 'The stream as JSON Lines (format: parseStreamJsonl in libs/matching/src/dynamic/stream-jsonl.ts); without it, a seeded synthetic stream over the 342 municipalities.' })
  @IsOptional()
  @MaxLength(30_000_000)
  streamJsonl?: string;

  @Field(() => SimulationCohortInput, { nullable: true, description: 'The stream from households in the database (scored in the job with the policy in force); not with streamJsonl.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SimulationCohortInput)
  cohort?: SimulationCohortInput;

  @Field(() => Int, { defaultValue: 2_000, description: 'Synthetic stream: households arriving over the half-year.' })
  @IsInt()
  @Min(1)
  @Max(20_000)
  households: number = 2_000;

  @Field(() => Int, { defaultValue: 1, description: 'Seed of the synthetic stream and of the forecast.' })
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seed: number = 1;

  @Field(() => Float, { defaultValue: 1.05, description: 'Synthetic stream: the national total over the persons arriving (R11); 1.05 = tight.' })
  @IsNumber()
  @Min(0.1)
  @Max(10)
  tightness: number = 1.05;

  @Field(() => Float, { defaultValue: 0.25, description: 'Synthetic stream: share of households with a hard tie (R12).' })
  @IsNumber()
  @Min(0)
  @Max(1)
  tieShare: number = 0.25;

  @Field(() => String, { nullable: true, description: 'Synthetic stream: a late wave of tie holders near one city, GMxxxx:fromDay:share[:unforeseen] (e.g. GM0344:120:0.3).' })
  @IsOptional()
  @Matches(/^GM\d{4}:\d{1,3}:(0(\.\d+)?|1(\.0+)?)(:unforeseen)?$/, { message: 'wave must be GMxxxx:fromDay:share[:unforeseen], e.g. GM0344:120:0.3' })
  wave?: string;

  @Field(() => Int, { nullable: true, description: 'The dynamic policy reprices every this many days (default: the simulator\'s, as npm run simulate).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(184)
  repriceDays?: number;

  @Field(() => Float, { nullable: true, description: "Weight of the half-year's recent arrivals in the dynamic policy's forecast (0: the earlier half-year alone; default: the simulator's)." })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  recentWeight?: number;

  @Field({ defaultValue: false, description: 'Wait for the run to end before answering (small runs, scripts).' })
  @IsBoolean()
  wait: boolean = false;
}

@ObjectType({ description: 'The largest difference between two groups of one dimension (R17: reported, never scored).' })
export class SimulationGaps {
  @Field(() => Float) gender: number;
  @Field(() => Float) ageBand: number;
  @Field(() => Float) origin: number;
  @Field(() => Float, { description: 'By household size.' }) size: number;
}

@ObjectType({ description: 'One policy over the whole stream.' })
export class SimulationPolicyResult {
  @Field({ description: 'hindsight (every arrival known), today (furthest behind its task), myopic (top static suggestion) or dynamic (link score minus the price of places).' })
  policy: string;
  @Field(() => Float, { description: 'Total link score of the placed households.' }) objective: number;
  @Field(() => Float, { description: 'objective ÷ the hindsight plan\'s.' }) ofHindsight: number;
  @Field(() => Int) placed: number;
  @Field(() => Int) personsPlaced: number;
  @Field(() => Int, { description: 'Households with an allowed municipality but none with room at their turn.' }) stranded: number;
  @Field(() => Int, { description: '... of which the hindsight plan places.' }) strandedHindsightPlaces: number;
  @Field(() => Int) tieHolders: number;
  @Field(() => Int, { description: 'Tie holders placed (always within their radius, R12).' }) tieHoldersPlaced: number;
  @Field(() => Float, { description: 'Largest |share of placed persons − population share| over the labour-market regions (R14).' }) maxRegionDeviation: number;
  @Field(() => SimulationGaps, { description: 'Largest difference in placed share between two groups.' }) placedGap: SimulationGaps;
  @Field(() => SimulationGaps, { description: 'Largest difference in mean link score between two groups.' }) scoreGap: SimulationGaps;
  @Field(() => Int) repricings: number;
  @Field(() => Float) runtimeMs: number;
}

@ObjectType({ description: 'An arrival simulation, run in the background like a what-if scenario.' })
export class Simulation {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => JobStatusEnum) status: string;
  @Field(() => Float) progress: number;
  @Field(() => String, { nullable: true, description: JOB_PHASE_DESCRIPTION }) phase: string | null;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field({ description: 'SYNTHETIC (seeded), JSONL (given) or COHORT (households in the database).' }) source: string;
  @Field(() => Int, { nullable: true, description: "COHORT by permit date: households in the range left out as none of their members is a status holder (R2)." }) cohortLeftOut: number | null;
  @Field(() => Shortage, {
    nullable: true,
    description: "Read this first (when DONE): persons against places overall and for the households with a hard tie within their radius (R11, R12), and the hindsight plan's outcome by household size, in plain Dutch and English.",
  })
  shortage: Shortage | null;
  @Field(() => Int, { nullable: true, description: 'When DONE.' }) households: number | null;
  @Field(() => Int, { nullable: true }) persons: number | null;
  @Field(() => Int, { nullable: true, description: 'Places over the half-year (R11).' }) capacity: number | null;
  @Field(() => Float, { nullable: true, description: 'The hindsight plan\'s upper bound (LP or Lagrangian): no plan scores more.' }) upperBound: number | null;
  @Field(() => [SimulationPolicyResult], { description: 'hindsight first, then each online policy; empty until DONE.' }) policies: SimulationPolicyResult[];
}
