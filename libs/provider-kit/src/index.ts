export * from './provider-error.js';
export * from './freight-provider.js';
