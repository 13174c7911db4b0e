export * from './email.service.js';
export * from './notifications.module.js';
export * from './send-email.job.js';
export * from './templates/render.js';
