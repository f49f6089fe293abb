import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { safeErrorMessage } from '../../common/logging/safe-error';
import { DATABASE_TARGET } from '../../config/config.module';
import { DatabaseTarget } from '../../database/database-target';
import { MatchingService } from '../matching/matching.service';

/** How long the database may take to answer `SELECT 1` before readiness says it is down. */
export const DATABASE_PING_TIMEOUT_MS = 2000;

/** An answer of a health endpoint: the HTTP status and Terminus's body (`status`, `info`, `error`, `details`). */
export interface HealthAnswer {
  status: 200 | 503;
  body: unknown;
}

/**
 * Liveness and readiness (@nestjs/terminus). Live: the process answers. Ready: the database
 * answers `SELECT 1` within DATABASE_PING_TIMEOUT_MS and the matching index is built; and not
 * while the app is shutting down. A check that fails answers 503 with each failing part's
 * reason (`error.database.reason`, `error.matchingIndex.reason`).
 *
 * One ping at a time: probes arriving while a ping is still out wait for that one, so a slow
 * database (the embedded one serves one statement at a time) never collects a pile of pings
 * holding the pool's connections.
 */
@Injectable()
export class HealthService {
  private ping?: Promise<unknown>;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
    private readonly matching: MatchingService,
  ) {}

  live(): Promise<HealthAnswer> {
    return this.answer([]);
  }

  ready(): Promise<HealthAnswer> {
    return this.answer([() => this.database(), () => this.matchingIndex()]);
  }

  private async answer(checks: (() => Promise<HealthIndicatorResult> | HealthIndicatorResult)[]): Promise<HealthAnswer> {
    try {
      return { status: 200, body: await this.health.check(checks) };
    } catch (err) {
      if (err instanceof ServiceUnavailableException) return { status: 503, body: err.getResponse() };
      throw err;
    }
  }

  private async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    const started = performance.now();
    this.ping ??= this.dataSource.query('SELECT 1').finally(() => (this.ping = undefined));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.ping,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer to SELECT 1 within ${DATABASE_PING_TIMEOUT_MS} ms`)), DATABASE_PING_TIMEOUT_MS);
        }),
      ]);
      return check.up({ kind: this.target.kind, ms: Math.round(performance.now() - started) });
    } catch (err) {
      return check.down({ kind: this.target.kind, reason: safeErrorMessage(err) });
    } finally {
      clearTimeout(timer);
    }
  }

  private matchingIndex(): HealthIndicatorResult {
    const check = this.indicators.check('matchingIndex');
    const s = this.matching.status();
    if (s.state === 'built') return check.up({ vacancies: s.vacancies, candidates: s.candidates });
    return check.down({ reason: s.state === 'failed' ? `the build failed: ${s.reason}` : 'the matching index is being built' });
  }
}
