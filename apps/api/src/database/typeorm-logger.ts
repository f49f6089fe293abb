import { Logger as NestLogger } from '@nestjs/common';
import { Logger, QueryRunner } from 'typeorm';
import { safeErrorMessage } from '../common/logging/safe-error';

const short = (sql: string) => (sql.length > 300 ? `${sql.slice(0, 300)}…` : sql).replace(/\s+/g, ' ');

/**
 * Statements sent through TypeORM in this process; tests read it to prove batching (no N+1).
 * Background statements tagged BACKGROUND_SQL (the change-feed poll) are not counted.
 */
export const statementCounter = { count: 0 };
export const BACKGROUND_SQL = '/* background */';

/**
 * TypeORM's messages through Nest's logger, without query parameters: they can hold
 * personal data, and a bulk insert's parameters run to megabytes.
 */
export class TypeOrmNestLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  /** `queries`: also log every statement (LOG_LEVEL=verbose). */
  constructor(private readonly queries = false) {}

  logQuery(query: string): void {
    if (!query.startsWith(BACKGROUND_SQL)) statementCounter.count++;
    if (this.queries) this.logger.verbose(short(query));
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger.error(`${safeErrorMessage(error)} in: ${short(query)}`);
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${short(query)}`);
  }
  logSchemaBuild(message: string): void {
    if (this.queries) this.logger.debug(message);
  }
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown, _queryRunner?: QueryRunner): void {
    if (level === 'warn') this.logger.warn(String(message));
    else if (this.queries) this.logger.debug(String(message));
  }
}
