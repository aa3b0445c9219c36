export * from './shipment.js';
export * from './carrier.js';
export * from './errors.js';
export * from './time.js';
export * from './status-rank.js';
export * from './merge.js';
