import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** Where the forecast of a period's remaining arrivals came from (stored with the prices it gave). */
export interface PlacePriceForecast {
  /** RESAMPLE: drawn from the households that arrived in the same weeks of earlier periods; COHORT: a cohort an admin named. */
  method: 'RESAMPLE' | 'COHORT';
  /** In words: the periods and weeks resampled from, or the cohort's selector. */
  source: string;
  seed: number;
  /** Forecast households drawn (with repeats). */
  size: number;
  /** Distinct households the draw was made from. */
  poolSize: number;
  /** The remaining window of the period the forecast covers, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

/** One municipality's price of a place, as stored. */
export interface StoredPlacePrice {
  code: string;
  /** Shadow price per person (R11 capacity dual); null = no room was left when computed. */
  price: number | null;
  capacityLeft: number;
  /** Persons and households of the priced cohort the plan put here, and of those households how many hold a hard tie (R12). */
  plannedPersons: number;
  plannedHouseholds: number;
  tieHolders: number;
}

/**
 * The prices of places of one half-year (R11): every municipality's shadow price per person, the
 * dual of its capacity in the cohort problem over the households waiting now and a forecast of the
 * rest of the period's arrivals. A new version per computation (a job), never changed after;
 * dynamic suggestions use the newest version of their period and name it.
 */
@Entity({ name: 'place_price_set' })
@Unique('uq_place_price_set_period_version', ['period', 'version'])
@Index('idx_place_price_set_period_computed', ['period', 'computedAt'])
export class PlacePriceSetEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_place_price_set' })
  id: string;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** 1, 2, … within the period. */
  @Column({ type: 'int' })
  version: number;

  @CreateDateColumn({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;

  /** The day the remaining window starts (the forecast covers from it to the period's end). */
  @Column({ name: 'on_date', type: 'date' })
  onDate: string;

  /** What asked for it: MANUAL (an admin), SCHEDULE (daily), DECISIONS (after N link decisions). */
  @Column({ type: 'varchar', length: 12 })
  trigger: string;

  /** The job that computed it. */
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  @Column({ name: 'policy_version', type: 'varchar', length: 80 })
  policyVersion: string;

  @Column({ type: 'jsonb' })
  forecast: PlacePriceForecast;

  /** Households waiting for a link when computed (in the problem beside the forecast). */
  @Column({ name: 'waiting_households', type: 'int' })
  waitingHouseholds: number;

  /** Link decisions in force for the period when computed (the after-N-decisions schedule counts from it). */
  @Column({ name: 'decisions_at', type: 'int' })
  decisionsAt: number;

  /** Per municipality, by code. */
  @Column({ type: 'jsonb' })
  prices: StoredPlacePrice[];

  /** The plan's objective and bound, and remarks in words. */
  @Column({ type: 'jsonb' })
  summary: { objective: number; upperBound: number; placed: number; households: number; persons: number; capacity: number; notes: string[]; runtimeMs: number };
}
