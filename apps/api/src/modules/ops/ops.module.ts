import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { OperationOutcomePlugin } from '../../common/logging/operation-outcome.plugin';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { HealthService } from './health.service';
import { MetricsService } from './metrics.service';

/**
 * What an operator watches: health (liveness, readiness), Prometheus metrics, and the GraphQL
 * plugin that notes each request's operation and outcome for the request log and the metrics.
 * The HTTP side is installed by createApp (ops-endpoints.ts); the job queue's depth is read
 * from its table when scraped.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), SuggestionsModule],
  providers: [HealthService, MetricsService, OperationOutcomePlugin],
  exports: [HealthService, MetricsService],
})
export class OpsModule {}
