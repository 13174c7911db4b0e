import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { councilExistsSql, takeUpJoin, takeUpSql } from '#libs/councils';
import { EmailService } from '#libs/notifications';
import { appConfig, DatabaseLock, JobHandler, JobName, todayInLondon } from '#libs/platform';

interface Change {
  id: string;
  gss_code: string;
  name: string;
  region: string;
  from_status: string;
  to_status: string;
  changed_on: string;
}

/**
 * The five-year take-up check, daily: it records each council's status changes with their day (so a council's
 * history shows when it fell due), and sends each principal adviser one digest of the councils in their region
 * that became due or overdue. Runs hold an advisory lock and mark each change digested in the same transaction
 * as its email, so a change is reported once however often the job runs.
 */
@Injectable()
export class TakeUpCheckJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly emails: EmailService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  @JobHandler(JobName.TakeUpCheck)
  async run(_data?: unknown, _job?: unknown, today = todayInLondon()): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.TakeUpCheck]);
      const changed = await this.record(manager, today);
      const digests = await this.digest(manager);
      return `${changed} change(s) recorded, ${digests} digest(s) queued`;
    });
  }

  /** Compares today's statuses with the last check's; a council seen for the first time only sets a baseline. */
  private async record(manager: EntityManager, today: string): Promise<number> {
    const [{ count }] = await manager.query<Array<{ count: number }>>(
      `${takeUpSql('$1')},
       current AS (
         SELECT c.gss_code, t.status FROM councils c ${takeUpJoin('$1')}
          WHERE ${councilExistsSql('$1')}
       ),
       changes AS (
         INSERT INTO take_up_changes (gss_code, from_status, to_status, changed_on)
         SELECT cur.gss_code, s.status, cur.status, $1::date
           FROM current cur JOIN council_take_up s ON s.gss_code = cur.gss_code
          WHERE s.status <> cur.status
         ON CONFLICT (gss_code, changed_on, to_status) DO NOTHING
         RETURNING 1
       ),
       stored AS (
         INSERT INTO council_take_up (gss_code, status, checked_on)
         SELECT gss_code, status, $1::date FROM current
         ON CONFLICT (gss_code) DO UPDATE SET status = EXCLUDED.status, checked_on = EXCLUDED.checked_on
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM changes)::int AS count, (SELECT count(*) FROM stored) AS stored`,
      [today],
    );
    return count;
  }

  private async digest(manager: EntityManager): Promise<number> {
    const changes = await manager.query<Change[]>(
      `SELECT ch.id, ch.gss_code, c.name, c.region, ch.from_status, ch.to_status,
              to_char(ch.changed_on, 'YYYY-MM-DD') AS changed_on
         FROM take_up_changes ch JOIN councils c ON c.gss_code = ch.gss_code
        WHERE ch.digested_at IS NULL AND ch.to_status IN ('due', 'overdue')
        ORDER BY c.region, c.name FOR UPDATE OF ch`,
    );
    if (changes.length === 0) return 0;
    const advisers = await manager.query<Array<{ id: string; name: string; email: string; region: string }>>(
      `SELECT id, name, email, region FROM users
        WHERE active AND 'principal_adviser' = ANY(roles) AND region = ANY($1)`,
      [[...new Set(changes.map((c) => c.region))]],
    );
    let queued = 0;
    for (const adviser of advisers) {
      const theirs = changes.filter((c) => c.region === adviser.region);
      const last = theirs.reduce((max, c) => (Number(c.id) > max ? Number(c.id) : max), 0);
      const id = await this.emails.queue(manager, {
        idempotencyKey: `take-up-digest-${adviser.id}-${last}`,
        template: 'take-up-digest',
        to: [{ name: adviser.name, address: adviser.email }],
        content: {
          subject: `Take-up in ${adviser.region}: ${theirs.length} council(s) now due or overdue`,
          heading: `Councils in ${adviser.region} now due or overdue a peer challenge`,
          paragraphs: [
            'These councils have reached the fifth year since their last corporate or finance peer challenge ' +
              '(due), or passed the fifth anniversary (overdue):',
          ],
          facts: theirs.map((c) => ({ label: c.name, value: `${c.to_status} since ${c.changed_on}` })),
          link: {
            text: 'See take-up in your region',
            url: `${this.app.publicUrl}/api/v1/reports/take-up?region=${encodeURIComponent(adviser.region)}`,
          },
        },
      });
      if (id) queued++;
    }
    await manager.query(`UPDATE take_up_changes SET digested_at = now() WHERE id = ANY($1::bigint[])`, [
      changes.map((c) => c.id),
    ]);
    return queued;
  }
}
