export { createTrailflowSandbox, type TrailflowSandbox } from './trailflow/trailflow-sandbox.js';
export {
  DEFAULT_SANDBOX_KEY,
  type SandboxKey,
  type TrailflowSandboxOptions,
} from './trailflow/trailflow-state.js';
export { NO_FAULTS, type TrailflowFaults } from './trailflow/faults.js';
export type { DeliveryLogEntry } from './trailflow/webhook-dispatcher.js';
export { signDelivery } from './trailflow/webhook-signing.js';
export { decodeCursor, encodeCursor, type PageCursor } from './trailflow/cursor.js';
export {
  EVENT_TYPES,
  LOAD_STATUSES,
  SANDBOX_ALL_SCOPES,
  type TrailflowBareLoad,
  type TrailflowCarrier,
  type TrailflowCustomer,
  type TrailflowEventType,
  type TrailflowLoadTruth,
  type TrailflowLocation,
  type TrailflowStop,
  type TrailflowTracking,
  type TrailflowVehicle,
} from './trailflow/trailflow.types.js';
export { trailflowSandbox } from './trailflow/trailflow.sandbox-definition.js';
