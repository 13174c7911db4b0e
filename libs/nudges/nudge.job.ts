import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName } from '#libs/platform';
import { NudgesService } from './nudges.service.js';

/** The scheduled nudge sweep (`NUDGE_SCHEDULE`): the same run as `POST /nudges/run`. */
@Injectable()
export class NudgeSweepJob {
  private readonly logger = new Logger(NudgeSweepJob.name);

  constructor(private readonly nudges: NudgesService) {}

  @JobHandler(JobName.NudgeSweep)
  async run(): Promise<string> {
    const { queued, quietPeriod } = await this.nudges.run();
    const result = quietPeriod ? `quiet period (${quietPeriod.why}): no nudges` : `${queued} nudge(s) queued`;
    this.logger.log(result);
    return result;
  }
}
