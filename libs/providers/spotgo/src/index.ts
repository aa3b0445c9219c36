export * from './spotgo.module.js';
export * from './spotgo.provider.js';
export * from './spotgo.client.js';
export * from './spotgo.mapper.js';
export * from './spotgo.schemas.js';
export * from './spotgo.status-map.js';
export * from './spotgo.webhooks.js';
export * from './spotgo.definition.js';
