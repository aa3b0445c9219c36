import type { ProviderCode, ShipmentPatch } from '@waybill/canonical';

/** One configured account at a provider. Credentials travel with it; providers keep no state of their own. */
export interface Connection {
  /** Stable id, e.g. `trailflow-default`; the `{connection}` of `/webhooks/{provider}/{connection}`. */
  id: string;
  provider: ProviderCode;
  baseUrl: string;
  credentials: Record<string, string | undefined>;
  webhookSecret?: string;
  /** Provider-specific settings (page size, statuses filter, overlap…). */
  settings: Record<string, unknown>;
}

/** Opaque to everything but its provider; stored as JSON and handed back on the next call. */
export type Checkpoint = Record<string, unknown>;

/** A provider object as received, before mapping. `raw` is kept whole in the raw payload store. */
export interface ProviderRecord {
  entity: 'shipment';
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

export interface MappedShipment {
  externalId: string;
  providerUpdatedAt: string | null;
  patch: ShipmentPatch;
  /** Set when the provider's status is not in its status map; the metric `waybill_unknown_status_total` counts it. */
  unknownStatus?: string;
}

export interface RawWebhook {
  headers: Record<string, string | string[] | undefined>;
  /** The bytes exactly as received: signatures are computed over these, never over re-serialised JSON. */
  rawBody: Buffer;
  receivedAt: Date;
}

export interface InboundEvent {
  /** The provider's delivery id; deliveries are deduplicated on (provider, connection, deliveryId). */
  deliveryId: string;
  eventType: string;
  record: ProviderRecord;
}

export interface ProviderCapabilities {
  poll: boolean;
  webhooks: boolean;
  dispatch: boolean;
  documents: boolean;
}

export interface ProviderWebhooks {
  /** Throws a ProviderError-free `WebhookVerificationError` when the signature or timestamp is wrong. */
  verify(req: RawWebhook, conn: Connection): void;
  /** Pure: no I/O. Throws ProviderError('bad_payload') when the body cannot be read. */
  parse(req: RawWebhook): InboundEvent[];
}

export interface FreightProvider {
  readonly code: ProviderCode;
  readonly capabilities: ProviderCapabilities;
  /** One page of changes since the checkpoint (null: first run). */
  fetchChanges(conn: Connection, checkpoint: Checkpoint | null): Promise<ChangePage>;
  /** Pure: validates the record at the edge and maps it. Throws ProviderError('bad_payload') when it cannot. */
  map(record: ProviderRecord, conn: Connection): MappedShipment;
  webhooks?: ProviderWebhooks;
  /** Fetch the whole object for a thin webhook. */
  hydrate?(conn: Connection, externalId: string): Promise<ProviderRecord>;
}

export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: 'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'missing_secret',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}
