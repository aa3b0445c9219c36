export * from './shipment.js';
export * from './carrier.js';
