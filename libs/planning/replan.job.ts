import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#libs/audit';
import { JobHandler, JobName, todayInLondon } from '#libs/platform';
import { PlansService, REPLAN_LABEL } from './plans.service.js';

/**
 * The daily re-plan (docs/PLANNING.md, The daily re-plan): a new plan only when what the planner reads changed
 * since the latest plan (its inputs' fingerprint), with the councils that moved recorded against it. Running it
 * twice, or on two workers at once, stores at most one plan: the second finds the same inputs, or the lock taken.
 */
@Injectable()
export class ReplanJob {
  private readonly logger = new Logger(ReplanJob.name);

  constructor(private readonly plans: PlansService) {}

  @JobHandler(JobName.Replan)
  async run(_data?: unknown, _job?: unknown, today = todayInLondon()): Promise<string> {
    try {
      const { plan, moves } = await this.plans.run(SYSTEM_ACTOR, {
        asOf: today,
        label: REPLAN_LABEL,
        onlyIfChanged: true,
      });
      const said = plan
        ? `plan ${plan.id} stored: ${moves.length} council(s) moved`
        : 'inputs unchanged since the latest plan: no new plan';
      this.logger.log(`re-plan: ${said}`);
      return said;
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      this.logger.log('re-plan: another plan run holds the lock; nothing to do');
      return 'another plan run is in progress: skipped';
    }
  }
}
