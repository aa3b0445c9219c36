export * from './trailflow.module.js';
export * from './trailflow.provider.js';
export * from './trailflow.client.js';
export * from './trailflow.mapper.js';
export * from './trailflow.schemas.js';
export * from './trailflow.status-map.js';
export * from './trailflow.webhooks.js';
export * from './trailflow.definition.js';
