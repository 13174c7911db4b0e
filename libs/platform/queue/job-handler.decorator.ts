import { SetMetadata } from '@nestjs/common';
import type { JobName } from './jobs.js';

export const JOB_HANDLER = 'lga:job-handler';

/** Marks a provider method as the one handler of a job. The worker checks at boot that every job has exactly one. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);
