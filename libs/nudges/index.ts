export * from './nudge-rules.js';
export * from './nudge.job.js';
export * from './nudges.module.js';
export * from './nudges.service.js';
