import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName, todayInLondon } from '#libs/platform';
import { CaseWorkflowService } from '../case-workflow.service.js';

/**
 * Daily (docs/DOMAIN.md, "Reorganisations ahead"): on and after a vesting day, the open cases of the councils it
 * replaced move to their successor. Safe to run twice: a moved case is no longer its predecessor's.
 */
@Injectable()
export class FollowSuccessionsJob {
  private readonly logger = new Logger(FollowSuccessionsJob.name);

  constructor(private readonly workflow: CaseWorkflowService) {}

  @JobHandler(JobName.FollowSuccessions)
  async run(_data?: unknown, _job?: unknown, today = todayInLondon()): Promise<string> {
    const moved = await this.workflow.followSuccessions(today);
    const said = `${moved} case(s) moved to their council's successor`;
    this.logger.log(`follow successions: ${said}`);
    return said;
  }
}
