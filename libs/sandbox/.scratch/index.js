export { createTrailflowSandbox } from './trailflow/trailflow-sandbox.js';
export { DEFAULT_SANDBOX_KEY, } from './trailflow/trailflow-state.js';
export { NO_FAULTS } from './trailflow/faults.js';
export { signDelivery } from './trailflow/webhook-signing.js';
export { decodeCursor, encodeCursor } from './trailflow/cursor.js';
export { EVENT_TYPES, LOAD_STATUSES, SANDBOX_ALL_SCOPES, } from './trailflow/trailflow.types.js';
