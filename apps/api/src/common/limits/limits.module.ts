import { Module } from '@nestjs/common';
import { QueryLimitsPlugin } from './query-limits.plugin';

/** Query depth and complexity limits (the HTTP limits are installed in main.ts's createApp). */
@Module({ providers: [QueryLimitsPlugin] })
export class LimitsModule {}
