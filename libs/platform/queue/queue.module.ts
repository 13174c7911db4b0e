import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlerRegistry } from './job-handler.registry.js';

/** The worker's side of the queues: discovers the job handlers and runs them. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobHandlerRegistry],
})
export class WorkerQueueModule {}
