export * from './csv.js';
export * from './dto/report.query.js';
export * from './programme.js';
export * from './reporting.module.js';
export * from './reports.service.js';
export * from './take-up-check.job.js';
