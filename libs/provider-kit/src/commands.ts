import type { DocumentType, Shipment } from '@waybill/canonical';
import type { Connection, ProviderRecord } from './freight-provider.js';

// Commands through the hub (ARCHITECTURE.md, "Commands and the rest of the API"): what a provider that accepts writes
// implements. The hub records a dispatch before it calls `dispatch` and completes it after, so a crash in between is
// recovered by calling `dispatch` again with the SAME idempotency key: the provider's own idempotency (SpotGo's upsert
// by order number, TrailFlow's Idempotency-Key, Cargamos' shipperTrackingId) must make that second call harmless.

/** Send (or re-send, after a change) a canonical shipment to a provider. */
export interface DispatchCommand {
  /** The canonical shipment as the hub holds it now (TMS-owned fields included). */
  shipment: Shipment;
  /** The provider's id of this shipment when it was dispatched there before (an update), else null. */
  externalId: string | null;
  /** Provider-specific options from the request (`POST /v1/shipments/{id}/dispatch` `options`), validated by the adapter. */
  options: Record<string, unknown>;
}

export interface DispatchResult {
  /** The provider's id of the shipment (SpotGo orderId, TrailFlow load id, Cargamos shipmentId). */
  externalId: string;
  /** The provider's answer as records to merge into the shipment (`via: command`), e.g. the order with its share link. */
  records: ProviderRecord[];
  shareUrl?: string | null;
  trackingId?: string | null;
  /** Provider flags worth showing the TMS (SpotGo's `created`, `updated`, `linkChanged`). */
  details?: Record<string, unknown>;
}

/**
 * One field-level refusal by a provider, as `422 provider_rejected` shows it: `field` is the canonical path
 * (`stops[1].address.postalCode`) where the adapter can map it, `providerField` and `code` are the provider's own.
 * Adapters throw `ProviderError('invalid_request', message, { details: ProviderFieldError[] })`.
 */
export interface ProviderFieldError {
  field: string | null;
  providerField: string | null;
  code: string | null;
  message: string;
}

/** A file to upload, streamed (never held whole). */
export interface UploadFile {
  stream: NodeJS.ReadableStream;
  fileName: string;
  contentType: string;
  sizeBytes: number | null;
}

export type ReviewDecision = 'ACCEPTED' | 'REJECTED';

export interface ProviderCommands {
  dispatch(conn: Connection, cmd: DispatchCommand, idempotencyKey: string): Promise<DispatchResult>;
  /**
   * Withdraw a dispatch (SpotGo: delete the order). Absent: the provider does not allow it, and the hub answers
   * `422 provider_rejected` saying so.
   */
  cancel?(conn: Connection, externalId: string, reason: string | null): Promise<void>;
  /**
   * Pass a document review to the provider. `canReview` says, from the stored document, whether the provider would
   * accept it (the hub answers `409 invalid_state` before any call when it would not).
   */
  review?: {
    canReview(rawStatus: string | null, decision: ReviewDecision): boolean;
    submit(conn: Connection, doc: { externalId: string; ownerExternalId: string }, decision: ReviewDecision, reason: string | null): Promise<ProviderRecord[]>;
  };
  /** Upload a document to the provider's copy of a shipment; answers the records to merge (the new document). */
  upload?(conn: Connection, ownerExternalId: string, file: UploadFile, type: DocumentType): Promise<ProviderRecord[]>;
}
