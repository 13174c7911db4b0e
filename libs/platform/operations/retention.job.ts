import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { operationsConfig } from '../config/operations.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName } from '../queue/jobs.js';

export interface RetentionResult {
  outbox: number;
  sessions: number;
  throttle: number;
  emailBodies: number;
}

/**
 * The daily retention job (docs/OPERATIONS.md, Retention). Each period comes from the environment. Deleting what is
 * already gone deletes nothing, so running it twice, or on two workers at once, is harmless.
 */
@Injectable()
export class RetentionJob {
  private readonly logger = new Logger(RetentionJob.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(operationsConfig.KEY) private readonly config: ConfigType<typeof operationsConfig>,
  ) {}

  @JobHandler(JobName.Retention)
  async run(): Promise<RetentionResult> {
    const { outboxDays, sessionDays, throttleDays, emailBodyDays } = this.config.retention;
    const count = async (sql: string, days: number) => {
      const [{ n }] = (await this.dataSource.query(
        `WITH changed AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM changed`,
        [days],
      )) as Array<{ n: number }>;
      return n;
    };
    const result: RetentionResult = {
      // Relayed rows only: a row still waiting is work not yet handed to the queue, however old.
      outbox: await count(
        `DELETE FROM outbox WHERE relayed_at IS NOT NULL AND relayed_at < now() - make_interval(days => $1)`,
        outboxDays,
      ),
      // Ended: signed out (revoked) or expired, that long ago.
      sessions: await count(
        `DELETE FROM sessions WHERE least(coalesce(revoked_at, expires_at), expires_at) < now() - make_interval(days => $1)`,
        sessionDays,
      ),
      // Sign-in throttle windows (libs/auth/login-throttle.service.ts) long over. Kept to one statement on purpose.
      throttle: await count(
        `DELETE FROM login_throttle WHERE window_started_at < now() - make_interval(days => $1)`,
        throttleDays,
      ),
      // The content of emails that are done with (never one still to be sent); the row stays: recipients, template,
      // subject, status, times and idempotency key.
      emailBodies: await count(
        `UPDATE emails SET html = '', text_body = '', body_removed_at = now()
          WHERE body_removed_at IS NULL AND status IN ('sent', 'failed', 'bounced')
            AND created_at < now() - make_interval(days => $1)`,
        emailBodyDays,
      ),
    };
    this.logger.log(
      `retention: removed ${result.outbox} outbox row(s), ${result.sessions} session(s), ${result.throttle} throttle row(s) and the content of ${result.emailBodies} email(s)`,
    );
    return result;
  }
}
