import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { DocumentType } from '@waybill/canonical';
import {
  ProviderError,
  type ChangePage,
  type Checkpoint,
  type Connection,
  type DispatchCommand,
  type DispatchResult,
  type DocumentContent,
  type FreightProvider,
  type MappedRecord,
  type ProviderCapabilities,
  type ProviderCommands,
  type ProviderRecord,
  type ProviderWebhooks,
  type RecordKind,
  type ReviewDecision,
  type UploadFile,
} from '@waybill/provider-kit';
import { SPOTGO_MAX_PAGE_SIZE, SpotgoClient, type SpotgoClientOptions } from './spotgo.client.js';
import {
  SPOTGO,
  orderExternalId,
  parseDocumentExternalId,
  readDispatchOptions,
  toDocumentPatch,
  toOrderRecords,
  toOrderSubmit,
  toShipmentPatch,
  utc,
} from './spotgo.mapper.js';
import { SpotgoOrderView, SpotgoOwnedDocument, spotgoBadPayload, validateSpotgo } from './spotgo.schemas.js';
import { isReviewable, mapSpotgoOrderStatus, toSpotgoDocumentType } from './spotgo.status-map.js';
import { parseSpotgoWebhook, verifySpotgoWebhook } from './spotgo.webhooks.js';

export const SPOTGO_CHECKPOINT_FORMAT = 'spotgo.orders-query.v1';

/**
 * Where the poll stands (README "Polling"; stored as JSON by the sync lib, opaque to it).
 * - `updatedFrom`: the query's `updatedAt.from` for the whole scan (null: everything, the first scan).
 * - `token`: the continuation token of the scan in progress (null: the next page starts a scan).
 * - `maxSeen`: the largest `updatedAt` this scan has read (null before any row).
 */
export type SpotgoCheckpoint = {
  format: typeof SPOTGO_CHECKPOINT_FORMAT;
  updatedFrom: string | null;
  token: string | null;
  maxSeen: string | null;
};

/** README "Polling": the overlap guarding a late commit. */
export const DEFAULT_OVERLAP_SECONDS = 120;

/** README "Review": the broker's free-text reason is sent as `rejectionReason` when it names one of these. */
const REJECTION_REASONS = ['Unreadable', 'WrongDocumentType', 'Incomplete', 'WrongOrder', 'Other'] as const;

@Injectable()
export class SpotgoProvider implements FreightProvider {
  readonly code = 'spotgo' as const;
  readonly capabilities: ProviderCapabilities = { poll: true, webhooks: true, dispatch: true, documents: true };

  /** Passed to every client (timeouts, retries, sleep); replaceable in specs. */
  clientOptions: SpotgoClientOptions = {};

  readonly webhooks: ProviderWebhooks = {
    verify: (req, conn) => verifySpotgoWebhook(req, conn.webhookSecrets),
    parse: (req) => parseSpotgoWebhook(req),
  };

  readonly documentContent = {
    /** FLOWS: SpotGo serves every document's content. */
    available: (_conn: Connection): boolean => true,
    open: async (conn: Connection, externalId: string): Promise<DocumentContent> => {
      const { orderId, documentId } = parseDocumentExternalId(externalId);
      return this.client(conn).openDocumentContent(orderId, documentId);
    },
  };

  readonly commands: ProviderCommands = {
    dispatch: (conn, cmd, key) => this.dispatch(conn, cmd, key),
    cancel: (conn, externalId) => this.cancel(conn, externalId),
    review: {
      canReview: (rawStatus, decision) => isReviewable(rawStatus) && (decision === 'ACCEPTED' || decision === 'REJECTED'),
      submit: (conn, doc, decision, reason) => this.review(conn, doc, decision, reason),
    },
    upload: (conn, ownerExternalId, file, type) => this.upload(conn, ownerExternalId, file, type),
  };

  /**
   * README "Polling": `POST /api/v1/orders/query` ordered by `updatedAt` then `orderId`, `updatedAt.from` fixed for a
   * whole scan, continued by token; when the token comes back null the next scan starts at the largest `updatedAt`
   * seen minus the overlap. Each page: every order record followed by its document records.
   */
  async fetchChanges(conn: Connection, checkpoint: Checkpoint | null): Promise<ChangePage> {
    const state = checkpoint === null ? firstScan() : readCheckpoint(checkpoint);
    const page = await this.client(conn).queryOrders({
      ...(state.updatedFrom === null ? {} : { updatedAt: { from: state.updatedFrom } }),
      pageSize: pageSizeSetting(conn),
      continuationToken: state.token,
    });
    const records: ProviderRecord[] = [];
    let maxSeen = state.maxSeen;
    for (const row of page.items) {
      const rowRecords = orderRecords(row);
      records.push(...rowRecords);
      const at = rowRecords[0].providerUpdatedAt;
      if (at !== null && (maxSeen === null || at > maxSeen)) maxSeen = at;
    }
    if (page.continuationToken !== null) {
      return { records, next: { format: SPOTGO_CHECKPOINT_FORMAT, updatedFrom: state.updatedFrom, token: page.continuationToken, maxSeen }, done: false };
    }
    const updatedFrom =
      maxSeen === null
        ? state.updatedFrom
        : DateTime.fromISO(maxSeen, { zone: 'utc' }).minus({ seconds: overlapSetting(conn) }).toISO()!;
    return { records, next: { format: SPOTGO_CHECKPOINT_FORMAT, updatedFrom, token: null, maxSeen: null }, done: true };
  }

  /** Validates at the edge, then maps (pure). Throws ProviderError('bad_payload') naming the field. */
  map(record: ProviderRecord, _conn: Connection): MappedRecord {
    if (record.kind === 'shipment') {
      const order = validateSpotgo(SpotgoOrderView, record.raw, 'order');
      const mapped: MappedRecord = {
        kind: 'shipment',
        externalId: orderExternalId(order.orderId),
        providerUpdatedAt: utc(order.updatedAt, 'updatedAt'),
        patch: toShipmentPatch(order),
      };
      const unknown = mapSpotgoOrderStatus(order.status).unknown;
      if (unknown !== undefined) mapped.unknownStatus = unknown;
      return mapped;
    }
    if (record.kind === 'document') {
      const doc = validateSpotgo(SpotgoOwnedDocument, record.raw, 'document');
      return {
        kind: 'document',
        externalId: `${orderExternalId(doc.orderId)}/${doc.documentId.trim().toLowerCase()}`,
        providerUpdatedAt: utc(doc.statusChangedAt ?? doc.uploadedAt, 'statusChangedAt'),
        patch: toDocumentPatch(doc),
      };
    }
    throw spotgoBadPayload('record', [{ field: 'kind', message: `SpotGo has no ${record.kind} records` }]);
  }

  /** README "Webhooks": a notice is hydrated with `GET /api/v1/orders/{orderId}`: the order, then its documents. */
  async hydrate(conn: Connection, ref: { kind: RecordKind; externalId: string }): Promise<ProviderRecord[]> {
    if (ref.kind === 'shipment') return this.readOrder(conn, ref.externalId);
    if (ref.kind === 'document') return this.readOrder(conn, parseDocumentExternalId(ref.externalId).orderId);
    throw new ProviderError('invalid_request', `SpotGo has no ${ref.kind} records to hydrate`, { provider: SPOTGO });
  }

  /**
   * UPSERT: create or update by order number: that IS the idempotency (a retried dispatch updates the same order,
   * so the hub's key is not sent). A carrier change once documents exist comes back `409 CarrierChangeWithDocuments`,
   * an `invalid_request` whose details name `carrier.vatCode`.
   */
  private async dispatch(conn: Connection, cmd: DispatchCommand, _idempotencyKey: string): Promise<DispatchResult> {
    const body = toOrderSubmit(cmd.shipment, readDispatchOptions(cmd.options));
    const { view, raw } = await this.client(conn).upsertOrder(body);
    const order = (raw as { order: unknown }).order;
    return {
      externalId: orderExternalId(view.order.orderId),
      records: toOrderRecords(view.order, order),
      shareUrl: view.order.share?.shareUrl ?? null,
      details: { created: view.created, updated: view.updated, linkChanged: view.linkChanged },
    };
  }

  /** FLOWS: `DELETE /api/v1/orders/{orderId}`. Already gone (404) counts as done: a resumed cancel must not fail. */
  private async cancel(conn: Connection, externalId: string): Promise<void> {
    try {
      await this.client(conn).deleteOrder(externalId);
    } catch (e) {
      if (!(e instanceof ProviderError) || e.kind !== 'not_found') throw e;
    }
  }

  /**
   * FLOWS workflow B: the decision, then the whole order read again (the order's status moves with its documents).
   * A `reason` naming a DocumentRejectionReason is sent as one; any other text goes as `comment` (with `Other`).
   */
  private async review(
    conn: Connection,
    doc: { externalId: string; ownerExternalId: string },
    decision: ReviewDecision,
    reason: string | null,
  ): Promise<ProviderRecord[]> {
    const { orderId, documentId } = parseDocumentExternalId(doc.externalId, doc.ownerExternalId);
    const body: { status: 'Accepted' | 'Rejected'; rejectionReason?: string; comment?: string } = {
      status: decision === 'ACCEPTED' ? 'Accepted' : 'Rejected',
    };
    const text = reason?.trim() ?? '';
    if (decision === 'REJECTED') {
      const named = REJECTION_REASONS.find((r) => r.toLowerCase() === text.toLowerCase());
      body.rejectionReason = named ?? 'Other';
      if (named === undefined && text !== '') body.comment = text.slice(0, 2_000);
    } else if (text !== '') {
      body.comment = text.slice(0, 2_000);
    }
    const client = this.client(conn);
    await client.changeDocumentStatus(orderId, documentId, body);
    return this.readOrder(conn, orderId, client);
  }

  /** FLOWS "Document Upload", then the order read again (its records include the new document). */
  private async upload(conn: Connection, ownerExternalId: string, file: UploadFile, type: DocumentType): Promise<ProviderRecord[]> {
    const documentType = toSpotgoDocumentType(type);
    if (documentType === null) {
      throw new ProviderError('invalid_request', `SpotGo has no ${type} document type`, {
        provider: SPOTGO,
        details: [{ field: 'type', providerField: 'documentType', code: 'UnknownDocumentType', message: `SpotGo has no ${type} document type` }],
      });
    }
    const client = this.client(conn);
    await client.uploadDocument(ownerExternalId, file, documentType);
    return this.readOrder(conn, ownerExternalId, client);
  }

  private async readOrder(conn: Connection, orderId: string, client = this.client(conn)): Promise<ProviderRecord[]> {
    const { view, raw } = await client.getOrder(orderId);
    return toOrderRecords(view, raw);
  }

  /** Stateless: credentials come with each connection, so a client is built per call (cheap: no sockets held). */
  private client(conn: Connection): SpotgoClient {
    return new SpotgoClient(conn, this.clientOptions);
  }
}

/** A query row as records; a row that cannot be read goes on as a shipment record `map` refuses (dead letter, raw kept). */
function orderRecords(row: unknown): ProviderRecord[] {
  try {
    return toOrderRecords(validateSpotgo(SpotgoOrderView, row, 'order'), row);
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    const id = row !== null && typeof row === 'object' ? (row as { orderId?: unknown }).orderId : undefined;
    return [{ kind: 'shipment', externalId: typeof id === 'string' ? orderExternalId(id) : '', providerUpdatedAt: null, raw: row }];
  }
}

function firstScan(): SpotgoCheckpoint {
  return { format: SPOTGO_CHECKPOINT_FORMAT, updatedFrom: null, token: null, maxSeen: null };
}

function readCheckpoint(checkpoint: Checkpoint): SpotgoCheckpoint {
  const c = checkpoint as Partial<SpotgoCheckpoint>;
  const instantOrNull = (v: unknown) => v === null || (typeof v === 'string' && DateTime.fromISO(v, { zone: 'utc' }).isValid);
  const ok =
    c.format === SPOTGO_CHECKPOINT_FORMAT &&
    instantOrNull(c.updatedFrom) &&
    instantOrNull(c.maxSeen) &&
    (c.token === null || (typeof c.token === 'string' && c.token !== ''));
  if (!ok) {
    // Not something this provider wrote: starting over is the only safe answer (the engine resets to null once).
    throw new ProviderError('cursor_invalid', `stored SpotGo checkpoint is not a ${SPOTGO_CHECKPOINT_FORMAT} checkpoint`, {
      provider: SPOTGO,
      details: [{ field: 'checkpoint', message: 'unreadable' }],
    });
  }
  return c as SpotgoCheckpoint;
}

/** `pageSize`: 1–100 (README "Query"), default 100. */
export function pageSizeSetting(conn: Connection): number {
  return intSetting(conn, 'pageSize', 1, SPOTGO_MAX_PAGE_SIZE, SPOTGO_MAX_PAGE_SIZE);
}

/** `overlapSeconds`: 0–3600, default 120 (README "Polling"). */
export function overlapSetting(conn: Connection): number {
  return intSetting(conn, 'overlapSeconds', 0, 3_600, DEFAULT_OVERLAP_SECONDS);
}

function intSetting(conn: Connection, name: string, min: number, max: number, fallback: number): number {
  const value = conn.settings[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ProviderError('invalid_request', `SpotGo connection setting ${name} must be an integer from ${min} to ${max}`, {
      provider: SPOTGO,
      details: [{ field: `settings.${name}`, message: `an integer from ${min} to ${max}` }],
    });
  }
  return value;
}
