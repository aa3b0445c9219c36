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
export { createSpotgoSandbox, type SpotgoSandbox } from './spotgo/spotgo-sandbox.js';
export {
  DEFAULT_SPOTGO_KEY,
  type SpotgoAdvanceResult,
  type SpotgoKey,
  type SpotgoNotificationBody,
  type SpotgoSandboxOptions,
} from './spotgo/spotgo-state.js';
export type {
  SpotgoDocumentStatus,
  SpotgoDocumentType,
  SpotgoDocumentView,
  SpotgoOrderStatus,
  SpotgoOrderView,
  SpotgoUpsertView,
  SpotgoWebhookAuthType,
  SpotgoWebhookEventType,
  SpotgoWorkflow,
} from './spotgo/spotgo.types.js';
export type { SpotgoChange, SpotgoChangeKind, SpotgoRandomChangeKind } from './spotgo/clock-events.js';
export type { SpotgoFaults } from './spotgo/faults.js';
export type { SpotgoDelivery } from './spotgo/webhook-dispatcher.js';
export { SPOTGO_WEBHOOK_AUTH_HEADER } from './spotgo/webhook-auth.js';
export { SPOTGO_API_KEY_HEADER } from './spotgo/request-guard.js';
export { createCargamosSandbox, type CargamosSandbox } from './cargamos/cargamos-sandbox.js';
export {
  DEFAULT_CARGAMOS_START,
  type CargamosAdvanceResult,
  type CargamosSandboxOptions,
} from './cargamos/cargamos-state.js';
export { DEFAULT_CARGAMOS_ACCOUNT, DEFAULT_TOKEN_TTL_SECONDS as DEFAULT_CARGAMOS_TOKEN_TTL_SECONDS, type CargamosAccount } from './cargamos/token-store.js';
export {
  CARGAMOS_FINAL_STATES,
  CARGAMOS_STATES,
  type CargamosAnomalies,
  type CargamosChange,
  type CargamosHistoryEntry,
  type CargamosShipmentTruth,
  type CargamosState,
  type CargamosTracking,
  type CargamosWebhookPayload,
} from './cargamos/cargamos.types.js';
export { CARGAMOS_TRANSITIONS } from './cargamos/shipment-lifecycle.js';
export { CARGAMOS_NOT_COVERED_POSTAL_CODES, defaultCoverageTable as defaultCargamosCoverageTable, type CargamosCoverageTable } from './cargamos/coverage.js';
export type { CargamosFaults } from './cargamos/faults.js';
export type { CargamosDelivery } from './cargamos/webhook-dispatcher.js';
export type { CargamosErrorCode, CargamosErrorItem } from './cargamos/api-errors.js';
export { spotgoSandbox } from './spotgo/spotgo.sandbox-definition.js';
