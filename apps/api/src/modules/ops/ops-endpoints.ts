import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'http';
import { noteOf, outcomeOf } from '../../common/logging/request-note';
import { HealthAnswer, HealthService } from './health.service';
import { MetricsService } from './metrics.service';

type Handler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** Sends a health answer as JSON, never cached. */
export function sendHealth(res: ServerResponse, answer: HealthAnswer): void {
  res.statusCode = answer.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(answer.body));
}

/**
 * `GET /health/live`, `GET /health/ready` and `GET /metrics`, as plain Express routes ahead of
 * everything else: no API key (probes and scrapers carry none; the answers hold no personal
 * data, only states, counts, sizes and operation names), not counted by the rate limiter
 * (it guards /graphql only), and not behind Nest's guard or GraphQL. They are served on the
 * API's own HOST and PORT; see the README (Operations) for keeping them off a public address.
 */
export function installOpsEndpoints(app: NestExpressApplication): void {
  const health = app.get(HealthService);
  const metrics = app.get(MetricsService);
  const route = (path: string, handle: (res: ServerResponse) => Promise<void>): Handler => {
    return (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      noteOf(req).operation = path;
      handle(res).catch(next);
    };
  };
  const express = app.getHttpAdapter().getInstance() as { get(path: string, h: Handler): void };
  express.get('/health/live', route('health.live', async (res) => sendHealth(res, await health.live())));
  express.get('/health/ready', route('health.ready', async (res) => sendHealth(res, await health.ready())));
  express.get(
    '/metrics',
    route('metrics', async (res) => {
      const { contentType, body } = await metrics.exposition();
      res.setHeader('content-type', contentType);
      res.setHeader('cache-control', 'no-store');
      res.end(body);
    }),
  );
}

/**
 * Counts every request to /graphql in the metrics when its answer is done: its operation
 * (the schema field, `none` when refused before GraphQL) and outcome, as noted by the
 * GraphQL plugin, the rate limiter or the HTTP error handler.
 */
export function requestMetrics(metrics: MetricsService): Handler {
  return (req, res, next) => {
    const started = performance.now();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      metrics.observeRequest(noteOf(req).operation ?? 'none', outcomeOf(req, res), (performance.now() - started) / 1000);
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
