import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { JobStatusEnum } from '../../placement/models/placement.models';
import { JOB_PHASE_DESCRIPTION } from '../../jobs/job.entity';

export enum ForecastMethod {
  RESAMPLE = 'RESAMPLE',
  COHORT = 'COHORT',
}
registerEnumType(ForecastMethod, {
  name: 'ForecastMethod',
  description: 'How the rest of a period\'s arrivals are forecast: RESAMPLE draws from the households that arrived in the same weeks of earlier periods; COHORT from a cohort the admin names.',
});

@InputType({ description: 'The forecast of the rest of the period\'s arrivals that the prices rest on.' })
export class PlaceForecastInput {
  @Field(() => ForecastMethod, { defaultValue: ForecastMethod.RESAMPLE })
  @IsEnum(ForecastMethod)
  method: ForecastMethod = ForecastMethod.RESAMPLE;

  @Field(() => Int, { nullable: true, description: 'Seed of the draw (default 1): the same seed over the same history gives the same forecast.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seed?: number;

  @Field(() => Int, { nullable: true, description: 'Households to draw (with repeats). Default: as many as arrived in the same weeks of an earlier period, on average (RESAMPLE), or the cohort\'s size (COHORT).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  size?: number;

  @Field(() => Int, { nullable: true, description: 'RESAMPLE: how many earlier periods to draw from (default PLACE_PRICES_HISTORY_PERIODS).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  historyPeriods?: number;

  @Field(() => [ID], { nullable: true, description: 'COHORT: the households (status holders\' only, R2; others are left out).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ArrayUnique({ message: 'householdIds must not repeat a household' })
  @Matches(/^[0-9a-f-]{36}$/i, { each: true, message: 'each household id must be a uuid' })
  householdIds?: string[];

  @Field({ nullable: true, description: 'COHORT: households that arrived on or after this day.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  arrivedFrom?: string;

  @Field({ nullable: true, description: 'COHORT: households that arrived on or before this day.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  arrivedTo?: string;
}

@InputType()
export class RecomputePlacePricesInput {
  @Field({ description: 'Half-year of the housing tasks, e.g. 2026-H2.' })
  @Matches(/^\d{4}-H[12]$/, { message: 'period must be a half-year like 2026-H2' })
  period: string;

  @Field(() => PlaceForecastInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlaceForecastInput)
  forecast?: PlaceForecastInput;

  @Field({ nullable: true, description: 'The day the rest of the period starts (default today).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  onDate?: string;

  @Field({ defaultValue: false, description: 'Wait for the job to end before answering (scripts, small data).' })
  @IsBoolean()
  wait: boolean = false;
}

@ObjectType({ description: 'Where the forecast of the rest of the period came from.' })
export class PlaceForecast {
  @Field(() => ForecastMethod) method: ForecastMethod;
  @Field({ description: 'In words: the periods and weeks drawn from, or the cohort.' }) source: string;
  @Field(() => Int) seed: number;
  @Field(() => Int, { description: 'Forecast households drawn (with repeats).' }) size: number;
  @Field(() => Int, { description: 'Distinct households the draw was made from.' }) poolSize: number;
  @Field({ description: 'The rest of the period the forecast covers: first day.' }) from: string;
  @Field({ description: 'Last day (the period\'s).' }) to: string;
}

@ObjectType({ description: 'One municipality\'s price of a place (R11).' })
export class MunicipalityPlacePrice {
  @Field() municipalityCode: string;
  @Field() municipalityName: string;
  @Field(() => Float, { nullable: true, description: 'Shadow price per person: what a place here is expected to be worth to the households still to come this period, in link-score points. 0 where room is not all wanted; null where no room was left.' })
  pricePerPerson: number | null;
  @Field(() => Int, { description: 'R11: persons the municipality could still house when computed.' }) capacityLeft: number;
  @Field(() => Int, { description: 'Persons of the waiting and forecast households the priced plan put here.' }) plannedPersons: number;
  @Field(() => Int) plannedHouseholds: number;
  @Field(() => Int, { description: 'Of those households, how many hold a hard tie (R12).' }) tieHolders: number;
}

@ObjectType({ description: 'The prices of places of a half-year: one computation, with its version and the forecast it rests on.' })
export class PlacePriceSet {
  @Field(() => ID) id: string;
  @Field() period: string;
  @Field(() => Int, { description: '1, 2, … within the period.' }) version: number;
  @Field({ description: 'What answers name: period and version, e.g. 2026-H2#3.' }) priceVersion: string;
  @Field() computedAt: Date;
  @Field({ description: 'The day the rest of the period started for this computation.' }) onDate: string;
  @Field({ description: 'MANUAL, SCHEDULE (daily) or DECISIONS (after N link decisions).' }) trigger: string;
  @Field() policyVersion: string;
  @Field(() => PlaceForecast) forecast: PlaceForecast;
  @Field(() => Int, { description: 'Households waiting for a link when computed.' }) waitingHouseholds: number;
  @Field(() => Int, { description: 'Link decisions of the period taken since (the after-N-decisions schedule counts them).' }) decisionsSince: number;
  @Field(() => Float, { description: 'The priced plan\'s total link score.' }) objective: number;
  @Field(() => Float) upperBound: number;
  @Field(() => [String]) notes: string[];
  @Field(() => [MunicipalityPlacePrice], { description: 'Every municipality, by code.' }) prices: MunicipalityPlacePrice[];
}

@ObjectType({ description: 'A computation of place prices in the background (recomputePlacePrices or the schedule).' })
export class PlacePriceJob {
  @Field(() => ID) id: string;
  @Field(() => JobStatusEnum) status: string;
  @Field(() => Float, { description: '0 to 1.' }) progress: number;
  @Field(() => String, { nullable: true, description: JOB_PHASE_DESCRIPTION }) phase: string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed or was cancelled.' }) error: string | null;
  @Field() period: string;
  @Field() trigger: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => PlacePriceSet, { nullable: true, description: 'When DONE.' }) priceSet: PlacePriceSet | null;
}
