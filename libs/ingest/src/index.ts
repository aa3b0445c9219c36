export * from './ingest.constants.js';
export * from './webhook-receiver.service.js';
export * from './inbox-processor.service.js';
export * from './inbox-replay.service.js';
export * from './ingest.module.js';
