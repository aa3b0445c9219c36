export * from './provider-error.js';
export * from './freight-provider.js';
export * from './http/provider-http-client.js';
export { parseRetryAfterMs } from './http/retry-after.js';
export type { QueryParams } from './http/request-url.js';
export { kindForHttpStatus, defaultProviderError } from './errors/http-error-mapping.js';
export * from './registry/provider-registry.js';
export * from './connections/connection-registry.js';
export * from './registry/provider-definition.js';
