import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cluster from 'cluster';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import { runApiWorkers } from './cluster/api-workers';
import { installHttpLimits } from './common/limits/http-limits';
import { requestLogging } from './common/logging/request-logging';
import { createRootLogger, nestLoggerOf } from './common/logging/root-logger';
import { createValidationPipe } from './common/validation/validation-pipe';
import { Environment, EnvironmentError, loadEnvironment } from './config/environment';
import { DatabaseTarget, openDatabaseTarget, redactUrl } from './database/database-target';
import { JobRunner } from './modules/jobs/job-runner';
import { MatchingService } from './modules/matching/matching.service';
import { installOpsEndpoints, MetricsService, requestMetrics, StartupServer } from './modules/ops';
import { installWebApp } from './web/web-app';

export interface CreateAppOptions {
  /** The pino logger to write to (default: a new one on stdout, see createRootLogger). */
  logger?: PinoLogger;
}

/** Creates the Nest application on an open database target (used by main and by tests). */
export async function createApp(env: Environment, target: DatabaseTarget, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const root = options.logger ?? createRootLogger(env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, target, root), {
    logger: nestLoggerOf(root),
    bodyParser: false,
    abortOnError: false,
  });
  // Express hashes every response body for an ETag; GraphQL answers come from POSTs, which
  // are never answered 304, so that is a SHA-1 of ~20 KB per suggestion list for nothing.
  app.set('etag', false);
  // First, so that every request gets its id and its log line and is counted, also one refused by a limit.
  app.use(requestLogging(root));
  app.use('/graphql', requestMetrics(app.get(MetricsService)));
  installOpsEndpoints(app); // /health/live, /health/ready, /metrics: no key, not rate-limited
  installHttpLimits(app, env); // rate limit, body size limit, GraphQL-shaped 413/400/429
  installWebApp(app, { introspection: env.introspection }); // the web app at /, GraphiQL at /graphiql
  // Idle keep-alive connections stay open 65 s (Node's default is 5 s). A platform's client
  // pool (or a proxy) that reuses a connection at the moment the server times it out gets a
  // reset instead of an answer; clients and proxies time out idle connections well before
  // 65 s, so they close first. headersTimeout must exceed keepAliveTimeout.
  const http = app.getHttpServer() as import('http').Server;
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  app.useGlobalPipes(createValidationPipe());
  return app;
}

async function main(): Promise<void> {
  let env: Environment;
  try {
    env = loadEnvironment();
  } catch (err) {
    console.error(err instanceof EnvironmentError ? err.message : err);
    process.exit(1);
  }
  const root = createRootLogger(env);
  Logger.overrideLogger(nestLoggerOf(root));
  if (env.API_WORKERS > 1 && cluster.isPrimary) {
    runApiWorkers(env);
    return;
  }
  const logger = new Logger('Kansrijk');
  const started = performance.now();
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  // The port answers probes from the start (503 until ready). Not in a worker of API_WORKERS:
  // the port is shared there, and a starting worker must not take requests from the others.
  let startup: StartupServer | null = null;
  if (!cluster.isWorker) {
    try {
      startup = await StartupServer.listen({ port: env.PORT, host: env.HOST });
    } catch (err) {
      logger.error(`cannot listen on ${env.HOST}:${env.PORT}: ${(err as Error).message}`);
      process.exit(1);
    }
    logger.log(`starting; http://${host}:${startup.port}/health/ready answers 503 until the API is ready`);
    startup.setPhase('opening the database');
  }
  let target: DatabaseTarget | undefined;
  let app: NestExpressApplication;
  try {
    target = await openDatabaseTarget(env);
    logger.log(
      target.kind === 'embedded'
        ? `database: embedded PostgreSQL (PGlite) in ${env.DATA_DIR}, served at ${target.url}`
        : `database: PostgreSQL server at ${redactUrl(target.url)}`,
    );
    startup?.setPhase('connecting to the database');
    app = await createApp(env, target, { logger: root });
    const matching = app.get(MatchingService);
    startup?.setPhase(() => (matching.status().state === 'idle' ? 'applying migrations and loading reference data' : 'building the matching index'));
    await app.init();
    await startup?.close();
    await app.listen(startup?.port ?? env.PORT, env.HOST);
  } catch (err) {
    logger.error(err instanceof Error ? err.stack : err);
    await target?.stop();
    process.exit(1);
  }
  const port = (app.getHttpServer().address() as { port: number }).port;
  logger.log(`GraphQL API at http://${host}:${port}/graphql, web app at http://${host}:${port}/ (ready in ${Math.round(performance.now() - started)} ms)`);
  // A worker of API_WORKERS > 1: serving, with its change feed running (see cluster/feed-sync.ts).
  if (cluster.isWorker) process.send?.({ kansrijk: 'ready' });
  // Now that requests are answered: the first job worker reads the open vacancies (JOB_WORKER_WARM).
  void app.get(JobRunner).warm();

  // Close in order: stop taking requests, close the pool, then close PGlite, so the data
  // directory is consistent on disk when the process ends.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: closing the HTTP server, the database pool and the database`);
    try {
      await app.close();
      await target.stop();
      logger.log('closed cleanly');
      process.exit(0);
    } catch (err) {
      logger.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

if (require.main === module) void main();
