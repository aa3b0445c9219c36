export * from './cargamos.module.js';
export * from './cargamos.provider.js';
export * from './cargamos.client.js';
export * from './cargamos.mapper.js';
export * from './cargamos.schemas.js';
export * from './cargamos.status-map.js';
export * from './cargamos.webhooks.js';
export * from './cargamos.definition.js';
