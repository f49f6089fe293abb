import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { JobRunner } from './job-runner';

/** The job queue and this process's runner, for every module that queues heavy work. */
@Global()
@Module({ providers: [JobQueue, JobRunner], exports: [JobQueue, JobRunner] })
export class JobsModule {}
