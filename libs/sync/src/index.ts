export * from './sync.constants.js';
export * from './checkpoint.repository.js';
export * from './sync-run.service.js';
export * from './sync.service.js';
export * from './sync.module.js';
