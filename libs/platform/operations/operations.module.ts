import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { operationsConfig } from '../config/operations.js';
import { MetricsService } from './metrics.service.js';
import { QueueProbe } from './queue-probe.js';

/** The API's view of the system for operators: the queues' state and the Prometheus metrics. */
@Global()
@Module({
  imports: [ConfigModule.forFeature(operationsConfig)],
  providers: [QueueProbe, MetricsService],
  exports: [QueueProbe, MetricsService],
})
export class OperationsModule {}
