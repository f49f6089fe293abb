import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createApp, CreateAppOptions } from '../../apps/api/src/main';
import type { DatabaseTarget } from '../../apps/api/src/database/database-target';
import { loadEnvironment } from '../../apps/api/src/config/environment';
import { Role } from '../../apps/api/src/common/auth/role';
import { ApiKeyService } from '../../apps/api/src/modules/auth/api-key.service';
import { testDatabaseKind, testDatabaseUrl } from './test-database';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

/** A running API on this worker's test database, reached over HTTP like a real client. */
export interface TestApp {
  app: NestExpressApplication;
  url: string;
  dataSource: DataSource;
  /** POSTs a GraphQL operation; `key` goes in the Authorization header. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, key?: string): Promise<GqlResponse<T>>;
  /** Creates an API key of a role directly in the database (the admin mutation is tested elsewhere). */
  key(role: Role, tenant?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The API on this worker's test database, or on `options.target`; `options.logger` receives
 * its log lines (default: stdout at LOG_LEVEL error).
 */
export async function startTestApp(overrides: Record<string, string> = {}, options: CreateAppOptions & { target?: DatabaseTarget } = {}): Promise<TestApp> {
  const dbUrl = options.target?.url ?? testDatabaseUrl();
  // The price schedule is off unless a test turns it on: it would queue jobs beside every other file's work.
  const env = loadEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'error', PORT: '0', DATABASE_URL: dbUrl, PLACE_PRICES_EVERY_HOURS: '0', PLACE_PRICES_AFTER_DECISIONS: '0', ...overrides });
  // A DATABASE_URL override names the database the app talks to (the browser tests' own one).
  const target = options.target ?? { url: env.DATABASE_URL ?? dbUrl, kind: testDatabaseKind(), poolMax: 4, stop: async () => {} };
  const app = await createApp(env, target, { logger: options.logger });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return {
    app,
    url,
    dataSource,
    async gql(query, variables, key) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse;
      return { ...body, status: res.status } as never;
    },
    async key(role, tenant) {
      const { key } = await app.get(ApiKeyService).create({ role, tenant: tenant ?? null, label: `test ${role}` });
      return key;
    },
    close: () => app.close(),
  };
}
