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
export { createCarrierpacketSandbox, type CarrierpacketSandbox } from './carrierpacket/carrierpacket-sandbox.js';
export {
  DEFAULT_CARRIERPACKET_KEY,
  type CarrierpacketAdvanceResult,
  type CarrierpacketKey,
  type CarrierpacketSandboxOptions,
} from './carrierpacket/carrierpacket-state.js';
export type {
  CarrierpacketDocument,
  CarrierpacketEvent,
  CarrierpacketPacket,
  CarrierpacketSubmission,
} from './carrierpacket/carrierpacket.types.js';
export type { CarrierpacketChange, CarrierpacketChangeKind } from './carrierpacket/clock-events.js';
export type { CarrierpacketFaults } from './carrierpacket/faults.js';
export type { CarrierpacketDelivery } from './carrierpacket/webhook-dispatcher.js';
export { CARRIERPACKET_SIGNATURE_HEADER, signCarrierpacketBody } from './carrierpacket/webhook-signing.js';
export { carrierpacketSandbox } from './carrierpacket/carrierpacket.sandbox-definition.js';
