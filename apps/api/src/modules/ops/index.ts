export { OpsModule } from './ops.module';
export { HealthService, type HealthAnswer } from './health.service';
export { MetricsService, JOB_KINDS } from './metrics.service';
export { installOpsEndpoints, requestMetrics, sendHealth } from './ops-endpoints';
export { StartupServer } from './startup-server';
