import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Role } from '../../common/auth/role';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Environment } from '../../config/environment';
import { BACKGROUND_SQL } from '../../database/typeorm-logger';
import { AuditService } from '../audit/audit.service';
import { periodOf } from '../housing/housing-task';
import { JobQueue } from '../jobs/job-queue';
import { JobRunner } from '../jobs/job-runner';
import { jobState } from '../jobs/job.entity';
import { today } from '../matching/matching.service';
import { ReferenceIndex } from '../reference/reference-index.service';
import { forecastWindows } from './forecast-window';
import { ForecastMethod, PlacePriceJob, PlacePriceSet, RecomputePlacePricesInput } from './models/place-prices.models';
import { PlacePriceSetEntity } from './place-price-set.entity';
import { priceVersionLabel } from './place-prices.store';
import type { PlacePricesJobInput, PlacePricesJobResult } from './place-prices.task';

/** How often this process looks whether the schedule calls for new prices. */
const CHECK_MS = 60_000;
/** After a failed computation the schedule waits this long before asking again (a failure would repeat every minute). */
const RETRY_AFTER_MINUTES = 30;

/**
 * The prices of places (R11): computed by a job (place-prices.task.ts, in a worker thread), never
 * on a request's path; asked for by an admin (recomputePlacePrices) or by the schedule: daily
 * (PLACE_PRICES_EVERY_HOURS) and after every N link decisions of the current period
 * (PLACE_PRICES_AFTER_DECISIONS). Each computation is stored as a new version with the forecast
 * it came from; dynamic suggestions use the newest.
 */
@Injectable()
export class PlacePricesService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PlacePrices');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    private readonly audit: AuditService,
    private readonly env: Environment,
    private readonly reference: ReferenceIndex,
  ) {}

  onModuleInit(): void {
    this.runner.register('place-prices', {
      keepResult: false,
      persist: async (job, result, tx) => {
        const stored = await this.persist(job.id, result as unknown as PlacePricesJobResult, tx);
        await this.audit.record(
          null,
          { action: 'place-prices.computed', subjectType: 'place_price_set', subjectRefs: [stored.id], details: { period: stored.period, version: stored.version, trigger: stored.trigger, forecast: stored.forecast, jobId: job.id } },
          tx,
        );
      },
    });
  }

  onApplicationBootstrap(): void {
    // Only a process that runs jobs keeps the schedule (one that only queues leaves it to those that run them).
    if (!this.env.JOBS_ENABLED || (this.env.PLACE_PRICES_EVERY_HOURS === 0 && this.env.PLACE_PRICES_AFTER_DECISIONS === 0)) return;
    this.timer = setInterval(() => void this.checkSchedule().catch((err) => this.logger.warn(`the price schedule check failed: ${(err as Error).message}`)), CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** recomputePlacePrices: queues a computation (checked first: a bad period or forecast is refused now, not in the job). */
  async recompute(principal: Principal, input: RecomputePlacePricesInput): Promise<PlacePriceJob> {
    const onDate = input.onDate ?? today();
    if (!forecastWindows(input.period, onDate, 1)) throw BadUserInputError.of('input.period', 'notOver', `${input.period} ended before ${onDate}: there is no rest of the period to price`);
    const f = input.forecast;
    const cohort = f && (f.householdIds || f.arrivedFrom || f.arrivedTo) ? { householdIds: f.householdIds, arrivedFrom: f.arrivedFrom, arrivedTo: f.arrivedTo } : undefined;
    if (f?.method === ForecastMethod.COHORT && !cohort) throw BadUserInputError.of('input.forecast', 'cohort', 'a COHORT forecast names its households (householdIds) or an arrival range (arrivedFrom, arrivedTo)');
    if (f?.method !== ForecastMethod.COHORT && cohort) throw BadUserInputError.of('input.forecast.method', 'cohort', 'householdIds, arrivedFrom and arrivedTo name a COHORT forecast; set method: COHORT');
    const job: PlacePricesJobInput = {
      period: input.period,
      onDate,
      trigger: 'MANUAL',
      forecast: { method: f?.method ?? ForecastMethod.RESAMPLE, seed: f?.seed ?? 1, size: f?.size ?? null, historyPeriods: f?.historyPeriods ?? this.env.PLACE_PRICES_HISTORY_PERIODS, ...(cohort ? { cohort } : {}) },
    };
    const id = await this.ds.transaction(async (tx) => {
      const jobId = await this.queue.enqueue({ kind: 'place-prices', input: job as unknown as Record<string, unknown>, createdBy: principal.keyId }, tx);
      await this.audit.record(principal, { action: 'place-prices.queued', subjectType: 'job', subjectRefs: [jobId], details: { period: job.period, onDate, trigger: job.trigger, forecast: job.forecast } }, tx);
      return jobId;
    });
    this.runner.kick();
    if (input.wait) await this.runner.waitFor(id);
    return (await this.job(principal, id))!;
  }

  async job(principal: Principal, id: string): Promise<PlacePriceJob | null> {
    const job = await this.queue.get(id);
    if (!job || job.kind !== 'place-prices' || (principal.role !== Role.ADMIN && job.createdBy !== principal.keyId)) return null;
    const input = job.input as unknown as PlacePricesJobInput;
    const set = job.status === 'DONE' ? await this.ds.manager.findOne(PlacePriceSetEntity, { where: { jobId: id } }) : null;
    return {
      id: job.id,
      ...jobState(job),
      period: input.period,
      trigger: input.trigger,
      priceSet: set ? await this.toModel(set) : null,
    };
  }

  /** The newest prices of a period (default: the current one), or a given version; null when none were computed. */
  async current(period: string | undefined, version?: number): Promise<PlacePriceSet | null> {
    const p = period ?? periodOf(new Date());
    const set = await this.ds.manager.findOne(PlacePriceSetEntity, { where: { period: p, ...(version ? { version } : {}) }, order: { version: 'DESC' } });
    return set ? this.toModel(set) : null;
  }

  /**
   * The schedule, for the current period: new prices when the newest are older than
   * PLACE_PRICES_EVERY_HOURS (or there are none), or when PLACE_PRICES_AFTER_DECISIONS link
   * decisions were taken since. Nothing when the period has no national total (R11: no limit, no
   * price), when a computation is already queued or running, or shortly after one failed. Answers
   * the job queued, if any. Several processes may look at once: an advisory lock lets one queue.
   */
  async checkSchedule(now: Date = new Date()): Promise<string | null> {
    const period = periodOf(now);
    const everyHours = this.env.PLACE_PRICES_EVERY_HOURS;
    const afterDecisions = this.env.PLACE_PRICES_AFTER_DECISIONS;
    return this.ds.transaction(async (tx) => {
      await tx.query(`${BACKGROUND_SQL} SELECT pg_advisory_xact_lock(hashtext('place-prices:' || $1))`, [period]);
      const [state]: { total: number | null; computed_at: Date | null; decisions_at: number | null; decisions: number; busy: boolean; failed: boolean }[] = await tx.query(
        `${BACKGROUND_SQL} SELECT (SELECT total FROM housing_national_total WHERE period = $1) AS total,
                s.computed_at, s.decisions_at,
                (SELECT count(*)::int FROM link_decision WHERE period = $1) AS decisions,
                EXISTS (SELECT 1 FROM job WHERE kind = 'place-prices' AND status IN ('QUEUED', 'RUNNING') AND input->>'period' = $1) AS busy,
                EXISTS (SELECT 1 FROM job WHERE kind = 'place-prices' AND status = 'FAILED' AND input->>'period' = $1 AND finished_at > $2::timestamptz - make_interval(mins => $3)) AS failed
           FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT computed_at, decisions_at FROM place_price_set WHERE period = $1 ORDER BY version DESC LIMIT 1) s ON true`,
        [period, now.toISOString(), RETRY_AFTER_MINUTES],
      );
      if (state.total === null || state.busy || state.failed) return null;
      let trigger: PlacePricesJobInput['trigger'] | null = null;
      if (everyHours > 0 && (state.computed_at === null || now.getTime() - new Date(state.computed_at).getTime() >= everyHours * 3_600_000)) trigger = 'SCHEDULE';
      else if (afterDecisions > 0 && state.decisions_at !== null && state.decisions - state.decisions_at >= afterDecisions) trigger = 'DECISIONS';
      if (!trigger) return null;
      const input: PlacePricesJobInput = {
        period,
        onDate: now.toISOString().slice(0, 10),
        trigger,
        forecast: { method: 'RESAMPLE', seed: 1, size: null, historyPeriods: this.env.PLACE_PRICES_HISTORY_PERIODS },
      };
      const id = await this.queue.enqueue({ kind: 'place-prices', input: input as unknown as Record<string, unknown>, createdBy: null }, tx);
      await this.audit.record(null, { action: 'place-prices.queued', subjectType: 'job', subjectRefs: [id], details: { period, onDate: input.onDate, trigger, forecast: input.forecast } }, tx);
      this.logger.log(`queued place prices for ${period} (${trigger === 'SCHEDULE' ? 'daily schedule' : `${state.decisions - (state.decisions_at ?? 0)} link decisions since the last prices`})`);
      return id;
    }).then((id) => {
      if (id) this.runner.kick();
      return id;
    });
  }

  /** Stores a finished computation as the period's next version (in the transaction that marks its job DONE). */
  private async persist(jobId: string, r: PlacePricesJobResult, tx: EntityManager): Promise<PlacePriceSetEntity> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('place-price-version:' || $1))`, [r.period]);
    const [{ next }] = await tx.query('SELECT coalesce(max(version), 0) + 1 AS next FROM place_price_set WHERE period = $1', [r.period]);
    const entity = tx.create(PlacePriceSetEntity, {
      id: randomUUID(),
      period: r.period,
      version: Number(next),
      onDate: r.onDate,
      trigger: r.trigger,
      jobId,
      policyVersion: r.policyVersion,
      forecast: r.forecast,
      waitingHouseholds: r.waitingHouseholds,
      decisionsAt: r.decisionsAt,
      prices: r.prices,
      summary: r.summary,
    });
    return tx.save(entity);
  }

  private async toModel(e: PlacePriceSetEntity): Promise<PlacePriceSet> {
    const [{ n }] = await this.ds.query('SELECT count(*)::int AS n FROM link_decision WHERE period = $1', [e.period]);
    const ref = await this.reference.snapshot();
    return {
      id: e.id,
      period: e.period,
      version: e.version,
      priceVersion: priceVersionLabel(e.period, e.version),
      computedAt: e.computedAt,
      onDate: e.onDate,
      trigger: e.trigger,
      policyVersion: e.policyVersion,
      forecast: { ...e.forecast, method: e.forecast.method as ForecastMethod },
      waitingHouseholds: e.waitingHouseholds,
      decisionsSince: Math.max(0, n - e.decisionsAt),
      objective: e.summary.objective,
      upperBound: e.summary.upperBound,
      notes: e.summary.notes,
      prices: e.prices.map((p) => ({
        municipalityCode: p.code,
        municipalityName: ref.municipalities.get(p.code)?.name ?? p.code,
        pricePerPerson: p.price,
        capacityLeft: p.capacityLeft,
        plannedPersons: p.plannedPersons,
        plannedHouseholds: p.plannedHouseholds,
        tieHolders: p.tieHolders,
      })),
    };
  }
}
