import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { mailConfig, nudgesConfig } from '../config/config.js';
import { operationsConfig } from '../config/operations.js';
import { RetentionJob } from '../operations/retention.job.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { OutboxRelay } from './outbox-relay.js';

/** The worker's side of the queues: relays the outbox to BullMQ, discovers the job handlers and runs them. */
@Module({
  imports: [
    DiscoveryModule,
    ConfigModule.forFeature(mailConfig),
    ConfigModule.forFeature(nudgesConfig),
    ConfigModule.forFeature(operationsConfig),
  ],
  providers: [JobHandlerRegistry, OutboxRelay, RetentionJob],
  exports: [OutboxRelay],
})
export class WorkerQueueModule {}
