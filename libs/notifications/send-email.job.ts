import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  JobHandler,
  JobName,
  MailTransport,
  PreparedQuery,
  senderDomain,
  SmtpError,
  type Address,
  type JobPayloads,
} from '#libs/platform';

interface ClaimedEmail {
  id: string;
  to_addresses: Address[];
  cc_addresses: Address[];
  reply_to: Address | null;
  list_unsubscribe: string | null;
  subject: string;
  html: string;
  text_body: string;
  attempts: number;
}

/** How long a claim holds: a sender silent for longer is taken to have died, and the email is sent again. */
export const CLAIM_MINUTES = 10;

/** Every email runs these two (a nudge run sends thousands): prepared, so PostgreSQL plans them once a connection. */
const CLAIM = new PreparedQuery<ClaimedEmail>(
  'email-claim',
  `UPDATE emails SET status = 'sending', claimed_at = now(), claim_job_id = $3, claim_stalls = $4,
                    attempts = attempts + 1, updated_at = now()
    WHERE id = $1
      AND (status = 'queued'
           OR (status = 'sending' AND (claimed_at < now() - make_interval(mins => $2)
                                       OR (claim_job_id = $3 AND claim_stalls < $4))))
   RETURNING id, to_addresses, cc_addresses, reply_to, list_unsubscribe, subject, html, text_body, attempts`,
);
const MARK_SENT = new PreparedQuery(
  'email-mark-sent',
  `UPDATE emails SET status = 'sent', sent_at = now(), message_id = $2, updated_at = now() WHERE id = $1`,
);

/**
 * Sends one email at most once: it claims the row (queued, or a claim gone stale), sends, and marks it sent the
 * moment SMTP accepts it, so a retry of the job finds nothing to do. A refusal for good (5xx) is a bounce; other
 * failures go back to queued and BullMQ retries with backoff, until the last attempt marks the email failed.
 * `last_error` keeps the latest failure even after a later attempt succeeds.
 *
 * The claim names the job and how often it had stalled. BullMQ runs a job again after a stall only once the
 * earlier run's lock has expired (its worker died), so that new run takes over the dead run's claim at once
 * instead of leaving the email to the stale-claim sweep 10 minutes later.
 */
@Injectable()
export class SendEmailJob {
  private readonly logger = new Logger(SendEmailJob.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
  ) {}

  private async markSent(id: string, messageId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await MARK_SENT.run(this.dataSource, [id, messageId]);
        return;
      } catch (error) {
        // Well inside the claim's 10 minutes, so no other sender takes it meanwhile.
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt * 1000, 15_000)));
      }
    }
  }

  @JobHandler(JobName.SendEmail)
  async run({ emailId }: JobPayloads[JobName.SendEmail], job?: Job): Promise<string> {
    const [email] = await CLAIM.run(this.dataSource, [
      emailId,
      CLAIM_MINUTES,
      job?.id ?? null,
      job?.stalledCounter ?? 0,
    ]);
    if (!email) return 'nothing to send';
    let messageId: string;
    try {
      ({ messageId } = await this.transport.send({
        to: email.to_addresses,
        cc: email.cc_addresses,
        replyTo: email.reply_to,
        listUnsubscribe: email.list_unsubscribe,
        subject: email.subject,
        html: email.html,
        text: email.text_body,
        // The sending domain: a Message-ID of a domain that is not the sender's is a spam signal.
        messageId: `<${email.id}@${senderDomain(this.transport.config.from)}>`,
      }));
    } catch (error) {
      const permanent = error instanceof SmtpError && error.permanent;
      const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const status = permanent ? 'bounced' : lastAttempt ? 'failed' : 'queued';
      await this.dataSource.query(
        `UPDATE emails SET status = $2, last_error = $3, claimed_at = NULL, updated_at = now() WHERE id = $1`,
        [email.id, status, (error as Error).message.slice(0, 1000)],
      );
      this.logger.warn(`email ${email.id} attempt ${email.attempts}: ${status}`);
      if (permanent) return 'bounced';
      throw error;
    }
    // SMTP has the message: from here on it must never be sent again, so keep trying to record that.
    await this.markSent(email.id, messageId);
    return 'sent';
  }
}
