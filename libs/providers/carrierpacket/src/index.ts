export * from './carrierpacket.module.js';
export * from './carrierpacket.provider.js';
export * from './carrierpacket.client.js';
export * from './carrierpacket.mapper.js';
export * from './carrierpacket.schemas.js';
export * from './carrierpacket.status-map.js';
export * from './carrierpacket.webhooks.js';
export * from './carrierpacket.definition.js';
