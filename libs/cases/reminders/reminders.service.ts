import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import {
  appConfig,
  enqueue,
  JobName,
  londonTime,
  PreparedQuery,
  remindersConfig,
  todayInLondon,
  WORKING_CALENDAR,
} from '#libs/platform';
import type { CaseContext } from '../workflow/case-context.js';
import { restore, stateName, type StoredSnapshot } from '../workflow/snapshots.js';
import {
  outstandingReminders,
  planReminders,
  type PlannedReminder,
  type RecipientRole,
  type ReminderKind,
} from './reminder-plan.js';

export interface ReminderView {
  kind: ReminderKind;
  dueOn: string;
  to: RecipientRole[];
  status: 'scheduled' | 'sent' | 'cancelled';
  sentAt: string | null;
  note: string | null;
}

interface ReminderRow {
  id: string;
  kind: ReminderKind;
  due_on: string;
  recipients: RecipientRole[];
  status: ReminderView['status'];
  sent_at: Date | null;
  note: string | null;
}

/** A reminder still outstanding on an open case, with the case it is about. */
export interface OutstandingReminder {
  kind: ReminderKind;
  dueOn: string;
  status: 'scheduled' | 'sent';
  caseId: string;
  caseType: string;
  councilName: string;
}

/** Whose cases: those a manager manages, or those of the councils in a region. */
export interface ReminderScope {
  managerId?: string;
  region?: string;
}

/**
 * SQL: the day of the transaction in London, which an event's reminders plan from: its writes return it, so the
 * send job plans from the same day as the timeline stores.
 */
export const TRANSACTION_DAY_SQL = `to_char(now() AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`;

const REMINDER_COLUMNS = `id, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, recipients, status, sent_at, note`;
/** Every accepted event reads these, locked: prepared. */
const SCHEDULED_FOR_UPDATE = new PreparedQuery<ReminderRow>(
  'reminders-scheduled-for-update',
  `SELECT ${REMINDER_COLUMNS} FROM reminders WHERE case_id = $1 AND status = 'scheduled' FOR UPDATE`,
);

/** The job id of a reminder's delayed send job: the case, the kind and the due date (and a revision). */
export function reminderJobId(caseId: string, kind: ReminderKind, dueOn: string, revision: number): string {
  return `reminder_${caseId}_${kind}_${dueOn}${revision > 0 ? `_r${revision}` : ''}`;
}

/**
 * Keeps a case's stored reminders equal to its plan (`planReminders`): called in the transaction of every
 * accepted event, it cancels reminders the case has moved past and schedules new ones as delayed jobs due at
 * 08:00 London time on their due date. A reminder cancelled and planned again (a pause, then a resume) is
 * revived with a new job.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(remindersConfig.KEY) private readonly config: ConfigType<typeof remindersConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  plan(state: string, context: CaseContext, lastEventOn: string, today = todayInLondon()): PlannedReminder[] {
    return planReminders({ state, context, lastEventOn, today }, this.config, WORKING_CALENDAR);
  }

  /**
   * Brings the case's scheduled reminders in line with its plan. `today` is the day of the event's transaction
   * (TRANSACTION_DAY_SQL, returned by its write).
   */
  async sync(
    manager: EntityManager,
    caseId: string,
    state: string,
    context: CaseContext,
    today: string,
  ): Promise<void> {
    const planned = this.plan(state, context, today, today);
    const scheduled = await SCHEDULED_FOR_UPDATE.run(manager, [caseId]);
    const same = (a: { kind: string; dueOn: string }, b: ReminderRow) => a.kind === b.kind && a.dueOn === b.due_on;
    const moot = scheduled.filter((row) => !planned.some((p) => same(p, row))).map((row) => row.id);
    if (moot.length > 0) {
      await manager.query(
        `UPDATE reminders SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`,
        [moot],
      );
    }
    for (const reminder of planned.filter((p) => !scheduled.some((row) => same(p, row)))) {
      const [row] = await manager.query<Array<{ id: string; revision: number }>>(
        `INSERT INTO reminders (case_id, kind, due_on, recipients) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, kind, due_on) DO UPDATE
           SET status = 'scheduled', cancelled_at = NULL, recipients = EXCLUDED.recipients, updated_at = now(),
               revision = reminders.revision + 1
           WHERE reminders.status = 'cancelled'
         RETURNING id, revision`,
        [caseId, reminder.kind, reminder.dueOn, reminder.recipients],
      );
      if (!row) continue; // already sent
      await enqueue(
        manager,
        { name: JobName.SendReminder, data: { reminderId: row.id } },
        {
          jobId: reminderJobId(caseId, reminder.kind, reminder.dueOn, row.revision),
          runAt: londonTime(reminder.dueOn, '08:00'),
        },
      );
    }
  }

  async list(caseId: string): Promise<ReminderView[]> {
    const rows = await this.dataSource.query<ReminderRow[]>(
      `SELECT ${REMINDER_COLUMNS} FROM reminders WHERE case_id = $1 ORDER BY due_on, kind`,
      [caseId],
    );
    return rows.map((row) => ({
      kind: row.kind,
      dueOn: row.due_on,
      to: row.recipients,
      status: row.status,
      sentAt: row.sent_at?.toISOString() ?? null,
      note: row.note,
    }));
  }

  /**
   * The reminders due on or before `until` that are still outstanding on the open cases in `scope`, soonest
   * first: scheduled or already sent, as long as the case's plan still has them (`outstandingReminders`, the
   * send job's test without its 30-day cut-off), so a position statement that has arrived is no longer chased.
   * One query; the plans are worked out from the snapshots it reads.
   */
  async outstanding(scope: ReminderScope, until: string): Promise<OutstandingReminder[]> {
    const rows = await this.dataSource.query<
      Array<{
        kind: ReminderKind;
        due_on: string;
        status: OutstandingReminder['status'];
        case_id: string;
        type: string;
        council_name: string;
        snapshot: StoredSnapshot;
        machine_version: number;
        last_event_on: string;
      }>
    >(
      `SELECT r.kind, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.status, c.id AS case_id, c.type,
              co.name AS council_name, c.snapshot, c.machine_version,
              (SELECT to_char(max(e.at) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') FROM case_events e
                WHERE e.case_id = c.id) AS last_event_on
         FROM reminders r
         JOIN cases c ON c.id = r.case_id
         JOIN councils co ON co.gss_code = c.council_gss_code
        WHERE r.status IN ('scheduled', 'sent') AND r.due_on <= $1::date
          AND c.stage NOT IN ('closed', 'cancelled') AND NOT c.on_hold
          AND ($2::uuid IS NULL OR c.manager_id = $2::uuid) AND ($3::text IS NULL OR co.region = $3::text)
        ORDER BY r.due_on, co.name, c.id, r.kind`,
      [until, scope.managerId ?? null, scope.region ?? null],
    );
    const plans = new Map<string, PlannedReminder[]>();
    const planOf = (row: (typeof rows)[number]) => {
      if (!plans.has(row.case_id)) {
        const snapshot = restore(row.snapshot, row.machine_version);
        const input = { state: stateName(snapshot.value), context: snapshot.context, lastEventOn: row.last_event_on };
        plans.set(row.case_id, outstandingReminders(input, this.config, WORKING_CALENDAR));
      }
      return plans.get(row.case_id)!;
    };
    return rows
      .filter((row) => planOf(row).some((p) => p.kind === row.kind && p.dueOn === row.due_on))
      .map((row) => ({
        kind: row.kind,
        dueOn: row.due_on,
        status: row.status,
        caseId: row.case_id,
        caseType: row.type,
        councilName: row.council_name,
      }));
  }

  /** Reminders a day or more overdue and still scheduled: their delayed job was lost (Redis lost it). */
  async requeueOverdue(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM reminders WHERE status = 'scheduled' AND due_on < $1::date
          ORDER BY due_on LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [todayInLondon()],
      );
      for (const { id } of rows) {
        await enqueue(manager, { name: JobName.SendReminder, data: { reminderId: id } });
      }
      return rows.length;
    });
  }

  caseUrl(caseId: string): string {
    return `${this.app.publicUrl}/cases/${caseId}`;
  }
}
