import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { cleanAddress, EmailService } from '#libs/notifications';
import { CASE_TYPE_NAMES } from '#libs/peers';
import { JobHandler, JobName, todayInLondon, type Address, type JobPayloads } from '#libs/platform';
import { CasesService } from '../cases.service.js';
import { stateName } from '../workflow/snapshots.js';
import { reminderContent } from './reminder-content.js';
import type { RecipientRole, ReminderKind } from './reminder-plan.js';
import { RemindersService } from './reminders.service.js';

/**
 * Sends a reminder that has fallen due. It re-reads the case and plans again: a reminder the case has moved
 * past (a date moved, the step is done, the case paused or closed) is cancelled instead. The email's
 * idempotency key is the reminder, so running twice sends once.
 */
@Injectable()
export class SendReminderJob {
  private readonly logger = new Logger(SendReminderJob.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly reminders: RemindersService,
    private readonly emails: EmailService,
  ) {}

  @JobHandler(JobName.SendReminder)
  async run({ reminderId }: JobPayloads[JobName.SendReminder]): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [reminder] = await manager.query<
        Array<{ id: string; case_id: string; kind: ReminderKind; due_on: string; recipients: RecipientRole[] }>
      >(
        `SELECT id, case_id, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, recipients FROM reminders
          WHERE id = $1 AND status = 'scheduled' FOR UPDATE`,
        [reminderId],
      );
      if (!reminder) return 'already sent or cancelled';
      const today = todayInLondon();
      if (reminder.due_on > today) return 'not due yet';
      const { row, snapshot } = await this.cases.load(reminder.case_id, manager);
      const [last] = await manager.query<Array<{ on: string }>>(
        `SELECT to_char(max(at) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS on FROM case_events WHERE case_id = $1`,
        [row.id],
      );
      const state = stateName(snapshot.value);
      const stillDue = this.reminders
        .plan(state, snapshot.context, last.on, today)
        .some((p) => p.kind === reminder.kind && p.dueOn === reminder.due_on);
      if (!stillDue) {
        await this.finish(manager, reminder.id, 'cancelled', 'the case has moved past this reminder');
        return 'moot';
      }
      const recipients = await this.addresses(manager, row.council_gss_code, snapshot.context.manager?.id ?? null);
      const wanted = reminder.recipients.flatMap((role) => (recipients[role] ? [recipients[role]] : []));
      if (wanted.length === 0) {
        const note = `no email address for ${reminder.recipients.join(' or ').replace(/_/g, ' ')}`;
        await this.finish(manager, reminder.id, 'cancelled', note);
        this.logger.warn(`reminder ${reminder.id} not sent: ${note}`);
        return 'no recipient';
      }
      const context = snapshot.context;
      await this.emails.queue(manager, {
        idempotencyKey: `reminder-${reminder.id}`,
        template: `reminder.${reminder.kind}`,
        to: [wanted[0]],
        cc: wanted.slice(1),
        caseId: row.id,
        councilGssCode: row.council_gss_code,
        content: reminderContent(reminder.kind, {
          councilName: row.council_name,
          caseTypeLabel: CASE_TYPE_NAMES[row.type],
          managerName: context.manager?.name ?? null,
          dueOn: reminder.due_on,
          ...context.dates,
          caseUrl: this.reminders.caseUrl(row.id),
        }),
      });
      const missing = reminder.recipients.filter((role) => !recipients[role]);
      const note = missing.length ? `no email address for ${missing.join(', ').replace(/_/g, ' ')}` : null;
      await this.finish(manager, reminder.id, 'sent', note);
      return 'sent';
    });
  }

  private async finish(
    manager: EntityManager,
    id: string,
    status: 'sent' | 'cancelled',
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE reminders SET status = $2, note = $3, updated_at = now(),
              sent_at = CASE WHEN $2 = 'sent' THEN now() END,
              cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() END
        WHERE id = $1`,
      [id, status, note],
    );
  }

  /** The current address of each kind of recipient, when there is one. */
  private async addresses(
    manager: EntityManager,
    gssCode: string,
    managerId: string | null,
  ): Promise<Partial<Record<RecipientRole, Address>>> {
    const [council] = await manager.query<
      Array<{ ce_name: string | null; ce_email: string | null; pa_name: string | null; pa_email: string | null }>
    >(
      `SELECT c.chief_executive_name AS ce_name, c.chief_executive_email AS ce_email, u.name AS pa_name,
              u.email AS pa_email
         FROM councils c LEFT JOIN users u ON u.id = c.principal_adviser_id AND u.active
        WHERE c.gss_code = $1`,
      [gssCode],
    );
    const [user] = managerId
      ? await manager.query<Array<{ name: string; email: string }>>(
          'SELECT name, email FROM users WHERE id = $1 AND active',
          [managerId],
        )
      : [];
    // An address that cannot be sent to safely counts as no address (named in the reminder's note).
    const address = (name: string | null, email: string | null): Address | undefined =>
      (email && cleanAddress({ name: name ?? undefined, address: email })) || undefined;
    return {
      council_chief_executive: address(council?.ce_name ?? null, council?.ce_email ?? null),
      case_manager: user ? address(user.name, user.email) : undefined,
      principal_adviser: address(council?.pa_name ?? null, council?.pa_email ?? null),
    };
  }
}
