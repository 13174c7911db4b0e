export * from './min-cost-flow.js';
export * from './planner.js';
export * from './quarters.js';
