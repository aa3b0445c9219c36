import type { CarrierPatch, DocumentPatch, ProviderCode, ShipmentPatch } from '@waybill/canonical';
import type { ProviderCommands } from './commands.js';

/** One configured account at a provider. Credentials travel with it; providers keep no state of their own. */
export interface Connection {
  /** Stable id, e.g. `trailflow-default`; the `{connection}` of `/webhooks/{provider}/{connection}`. */
  id: string;
  provider: ProviderCode;
  baseUrl: string;
  credentials: Record<string, string | undefined>;
  /**
   * Every secret a delivery may be signed (or authenticated) with: a provider may sign with several endpoints'
   * secrets, and secrets rotate. Verification passes when any one matches. Empty: webhooks are refused.
   */
  webhookSecrets: string[];
  /** Provider-specific settings (page size, time zone, overlap, poll interval…). */
  settings: Record<string, unknown>;
}

/** Opaque to everything but its provider; stored as JSON and handed back on the next call. */
export type Checkpoint = Record<string, unknown>;

/** What a provider record describes. Documents belong to a shipment or a carrier through the provider's ids. */
export const RECORD_KINDS = ['shipment', 'carrier', 'document'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A provider object as received, before mapping. `raw` is kept whole in the raw payload store. */
export interface ProviderRecord {
  kind: RecordKind;
  externalId: string;
  /** The provider's own last-modified instant (UTC ISO), used to refuse stale updates. */
  providerUpdatedAt: string | null;
  raw: unknown;
  /** True when the payload is known to be partial (a thin webhook) and `hydrate` can fetch the whole object. */
  partial?: boolean;
}

export interface ChangePage {
  records: ProviderRecord[];
  /** The checkpoint to commit together with this page's records. */
  next: Checkpoint;
  done: boolean;
}

interface MappedBase {
  externalId: string;
  providerUpdatedAt: string | null;
  /** Set when a provider status is not in its status map; the metric `waybill_unknown_status_total` counts it. */
  unknownStatus?: string;
}
export interface MappedShipment extends MappedBase {
  kind: 'shipment';
  patch: ShipmentPatch;
}
export interface MappedCarrier extends MappedBase {
  kind: 'carrier';
  patch: CarrierPatch;
}
export interface MappedDocument extends MappedBase {
  kind: 'document';
  patch: DocumentPatch;
}
/** `map()`'s answer: one member per record kind. The store has one merge path per kind behind one entry point. */
export type MappedRecord = MappedShipment | MappedCarrier | MappedDocument;

export interface RawWebhook {
  method: string;
  /** The path as received (no query string), e.g. `/webhooks/cargamos/cargamos-default`. */
  path: string;
  /** Query parameters; a provider that does not sign its webhooks may authenticate a per-connection URL token. */
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes exactly as received: signatures are computed over these, never over re-serialised JSON. */
  rawBody: Buffer;
  receivedAt: Date;
}

/**
 * Who a delivery is, for deduplication. `signed: true` when the id is covered by the provider's signature (inside
 * the signed body, or a signed header); then the inbox deduplicates on it. When it is not signed (a plain header),
 * anyone holding one captured delivery could mint new ids, so the inbox deduplicates on the hash of the signed body
 * instead (a provider's retry re-signs the same body), and keeps the header value only to report a conflict.
 */
export interface DeliveryIdentity {
  deliveryId: string;
  signed: boolean;
}

export interface InboundEvent {
  delivery: DeliveryIdentity;
  eventType: string;
  record: ProviderRecord;
  /** A test delivery (e.g. CarrierPacket's `_synthetic`): stored and answered, never applied. */
  synthetic?: boolean;
}

export interface ProviderCapabilities {
  poll: boolean;
  webhooks: boolean;
  dispatch: boolean;
  documents: boolean;
}

export interface ProviderWebhooks {
  /**
   * Throws `WebhookVerificationError` (401) when the signature, token or timestamp is missing or wrong, checked
   * timing-safe against each of `conn.webhookSecrets`; then `WebhookRequestError` (400) when a header the protocol
   * requires but does not sign (delivery id, event) is missing. Nothing is stored in either case.
   */
  verify(req: RawWebhook, conn: Connection): void;
  /** Pure: no I/O. Throws ProviderError('bad_payload') when the body cannot be read. */
  parse(req: RawWebhook): InboundEvent[];
}

export interface FreightProvider {
  readonly code: ProviderCode;
  readonly capabilities: ProviderCapabilities;
  /** One page of changes since the checkpoint (null: first run, or a reset after `cursor_invalid`). */
  fetchChanges(conn: Connection, checkpoint: Checkpoint | null): Promise<ChangePage>;
  /** Pure: validates the record at the edge and maps it. Throws ProviderError('bad_payload') when it cannot. */
  map(record: ProviderRecord, conn: Connection): MappedRecord;
  webhooks?: ProviderWebhooks;
  /**
   * Fetch the whole object(s) for a thin webhook: the record itself, and any records it owns that the payload does
   * not carry (a CarrierPacket submission's documents).
   */
  hydrate?(conn: Connection, ref: { kind: RecordKind; externalId: string }): Promise<ProviderRecord[]>;
  /** Writes: dispatch, cancel, document review and upload (capabilities.dispatch / .documents say which exist). */
  commands?: ProviderCommands;
  /** Whether a document's bytes can be fetched on this connection (a capability a setting may turn on). */
  documentContent?: {
    available(conn: Connection): boolean;
    open(conn: Connection, externalId: string): Promise<DocumentContent>;
  };
}

/** A document's bytes as a stream, never held whole in memory. */
export interface DocumentContent {
  stream: NodeJS.ReadableStream;
  contentType: string | null;
  fileName: string | null;
  sizeBytes: number | null;
}

export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: 'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'missing_secret' | 'bad_token',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** A webhook request that is authentic but lacks a header the protocol requires: `400`, nothing stored. */
export class WebhookRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRequestError';
  }
}
