export * from './council.entity.js';
export * from './council-succession.entity.js';
export * from './council-neighbour.entity.js';
export * from './councils.module.js';
export * from './councils.service.js';
export * from './dto/list-councils.query.js';
export * from './register/register-files.js';
export * from './register/register-loader.js';
