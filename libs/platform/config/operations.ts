import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, MinLength } from 'class-validator';
import { namespace } from './environment.js';

const days = (min: number, max: number) => ({ message: `must be a whole number of days between ${min} and ${max}` });

/** Logs, metrics and retention (issue #21; docs/OPERATIONS.md). Every process reads these. */
export class OperationsEnvironment {
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'must be fatal, error, warn, info, debug, trace or silent',
  })
  LOG_LEVEL = 'info';

  /** The Bearer token that opens GET /metrics; unset, the route answers 404. */
  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @Type(() => Number)
  @Min(1, days(1, 3650))
  @Max(3650, days(1, 3650))
  @IsInt(days(1, 3650))
  RETENTION_OUTBOX_DAYS = 30;

  @Type(() => Number)
  @Min(1, days(1, 3650))
  @Max(3650, days(1, 3650))
  @IsInt(days(1, 3650))
  RETENTION_SESSION_DAYS = 30;

  @Type(() => Number)
  @Min(1, days(1, 365))
  @Max(365, days(1, 365))
  @IsInt(days(1, 365))
  RETENTION_THROTTLE_DAYS = 1;

  @Type(() => Number)
  @Min(7, days(7, 3650))
  @Max(3650, days(7, 3650))
  @IsInt(days(7, 3650))
  RETENTION_EMAIL_BODY_DAYS = 180;

  /** /health/details reports the queues as down when the oldest waiting job is older than this. */
  @Type(() => Number)
  @Min(10, { message: 'must be between 10 and 86400 seconds' })
  @Max(86400, { message: 'must be between 10 and 86400 seconds' })
  @IsInt({ message: 'must be a whole number of seconds' })
  HEALTH_QUEUE_LAG_SECONDS = 300;

  /** On SIGTERM the API answers 503 on /health/ready for this long before it stops taking requests. */
  @Type(() => Number)
  @Min(0, { message: 'must be between 0 and 120 seconds' })
  @Max(120, { message: 'must be between 0 and 120 seconds' })
  @IsInt({ message: 'must be a whole number of seconds' })
  SHUTDOWN_DRAIN_SECONDS = 0;

  /** /health/details reports the disk as down when the file system holding this path is fuller than 90%. */
  @IsOptional()
  @MinLength(1)
  HEALTH_DISK_PATH = '/';
}

export const operationsConfig = registerAs('operations', () => {
  const env = namespace(OperationsEnvironment);
  return {
    logLevel: env.LOG_LEVEL,
    metricsToken: env.METRICS_TOKEN ?? null,
    retention: {
      outboxDays: env.RETENTION_OUTBOX_DAYS,
      sessionDays: env.RETENTION_SESSION_DAYS,
      throttleDays: env.RETENTION_THROTTLE_DAYS,
      emailBodyDays: env.RETENTION_EMAIL_BODY_DAYS,
    },
    queueLagSeconds: env.HEALTH_QUEUE_LAG_SECONDS,
    shutdownDrainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
    diskPath: env.HEALTH_DISK_PATH,
  };
});
