export * from './job-queue.js';
export * from './queue-error.js';
export * from './queue.module.js';
export { InProcessJobQueue, type FailedJob, type InProcessJobQueueOptions } from './in-process-job-queue.js';
export { BullMqJobQueue, type BullMqJobQueueOptions } from './bullmq-job-queue.js';
export { bullConnections, type BullConnections } from './bullmq-connection.js';
