import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '#libs/audit';
import { EmailService } from '#libs/notifications';
import { appConfig, Busy, JobHandler, JobName, todayInLondon } from '#libs/platform';
import { PlansService, REPLAN_LABEL, type PlanMove } from './plans.service.js';
import { quarterIndex } from './quarters.js';

/** A move worth telling the council's principal adviser: more than one quarter, or into or out of the plan. */
export function isBigMove(move: PlanMove): boolean {
  if (move.from === null) return false;
  if (move.to === null) return true;
  return Math.abs(quarterIndex(move.to) - quarterIndex(move.from)) > 1;
}

/**
 * The daily re-plan (docs/PLANNING.md, The daily re-plan): a new plan only when what the planner reads changed
 * since the latest plan (its inputs' fingerprint), with the councils that moved recorded against it, and each
 * principal adviser told in one email of their councils that moved by more than a quarter (in the run's
 * transaction, keyed by plan and adviser). Running it twice, or on two workers at once, stores at most one plan:
 * the second finds the same inputs, or the lock taken.
 */
@Injectable()
export class ReplanJob {
  private readonly logger = new Logger(ReplanJob.name);

  constructor(
    private readonly plans: PlansService,
    private readonly emails: EmailService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  @JobHandler(JobName.Replan)
  async run(_data?: unknown, _job?: unknown, today = todayInLondon()): Promise<string> {
    let digests = 0;
    try {
      const { plan, moves } = await this.plans.run(SYSTEM_ACTOR, {
        asOf: today,
        label: REPLAN_LABEL,
        onlyIfChanged: true,
        afterStore: async (manager, planId, moved) => {
          digests = await this.digest(manager, planId, moved.filter(isBigMove));
        },
      });
      const said = plan
        ? `plan ${plan.id} stored: ${moves.length} council(s) moved, ${digests} digest(s) queued`
        : 'inputs unchanged since the latest plan: no new plan';
      this.logger.log(`re-plan: ${said}`);
      return said;
    } catch (error) {
      if (!(error instanceof Busy)) throw error;
      this.logger.log('re-plan: another plan run holds the lock; nothing to do');
      return 'another plan run is in progress: skipped';
    }
  }

  private async digest(manager: EntityManager, planId: string, moves: PlanMove[]): Promise<number> {
    if (moves.length === 0) return 0;
    const rows = await manager.query<
      Array<{ gss_code: string; council: string; adviser_id: string; adviser: string; email: string }>
    >(
      `SELECT c.gss_code, c.name AS council, u.id AS adviser_id, u.name AS adviser, u.email
         FROM councils c JOIN users u ON u.id = c.principal_adviser_id AND u.active
        WHERE c.gss_code = ANY($1) ORDER BY u.id, c.name`,
      [moves.map((m) => m.gssCode)],
    );
    const byAdviser = new Map<string, typeof rows>();
    for (const row of rows) byAdviser.set(row.adviser_id, [...(byAdviser.get(row.adviser_id) ?? []), row]);
    let queued = 0;
    for (const [adviserId, theirs] of byAdviser) {
      const id = await this.emails.queue(manager, {
        idempotencyKey: `plan-moves-${planId}-${adviserId}`,
        template: 'plan-moves-digest',
        to: [{ name: theirs[0].adviser, address: theirs[0].email }],
        content: {
          subject: `The five-year plan moved ${theirs.length} of your council(s) by more than a quarter`,
          heading: 'Councils whose planned peer challenge moved',
          paragraphs: ['The daily re-plan moved these councils’ planned quarter by more than one quarter:'],
          facts: theirs.map((r) => {
            const move = moves.find((m) => m.gssCode === r.gss_code)!;
            return { label: r.council, value: `${move.from} → ${move.to ?? 'not placeable in the horizon'}` };
          }),
          link: { text: 'See the plan', url: `${this.app.publicUrl}/plans` },
        },
      });
      if (id) queued++;
    }
    return queued;
  }
}
