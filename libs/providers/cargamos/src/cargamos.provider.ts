import { Injectable } from '@nestjs/common';
import type { Shipment, ShipmentPatch } from '@waybill/canonical';
import {
  ProviderError,
  type ChangePage,
  type Checkpoint,
  type Connection,
  type DispatchCommand,
  type DispatchResult,
  type FreightProvider,
  type MappedRecord,
  type ProviderCapabilities,
  type ProviderCommands,
  type ProviderRecord,
  type ProviderWebhooks,
  type RecordKind,
} from '@waybill/provider-kit';
import { CARGAMOS_MAX_TRACKING_IDS, CargamosClient, type CargamosClientOptions } from './cargamos.client.js';
import {
  canonicalFieldOf,
  integrationPatch,
  readDispatchOptions,
  toDeliveryOrder,
  trackingPatch,
  trackingRecord,
  webhookPatch,
  type CargamosDeliveryOrder,
} from './cargamos.mapper.js';
import {
  CARGAMOS,
  CargamosIntegrationView,
  CargamosTrackingView,
  CargamosWebhookPayload,
  cargamosBadPayload,
  validateCargamos,
  type CargamosTrackingView as TrackingView,
} from './cargamos.schemas.js';
import { isFinalCargamosState, mapCargamosState } from './cargamos.status-map.js';
import { parseCargamosWebhook, verifyCargamosWebhook } from './cargamos.webhooks.js';

export const CARGAMOS_CHECKPOINT_FORMAT = 'cargamos.tracking-poll.v1';

/**
 * Where the tracking poll stands (README "Tracking poll"; opaque JSON to the sync lib).
 * - `active`: the trackingIds of the scan in progress (fixed for the scan), non-final as far as the adapter knows;
 * - `offset`: the next batch of `active` to read (0: the next call starts a scan);
 * - `drop`: ids of this scan found final, or unknown to the shipper (left out of the next scan);
 * - `finals`: ids of `settings.trackingIds` known final, so they are not read again.
 */
export type CargamosCheckpoint = {
  format: typeof CARGAMOS_CHECKPOINT_FORMAT;
  active: string[];
  offset: number;
  drop: string[];
  finals: string[];
};

@Injectable()
export class CargamosProvider implements FreightProvider {
  readonly code = 'cargamos' as const;
  readonly capabilities: ProviderCapabilities = { poll: true, webhooks: true, dispatch: true, documents: false };

  /** Passed to every client (timeouts, retries, sleep, clock); replaceable in specs. */
  clientOptions: CargamosClientOptions = {};

  readonly webhooks: ProviderWebhooks = {
    verify: (req, conn) => verifyCargamosWebhook(req, conn.webhookSecrets),
    parse: (req) => parseCargamosWebhook(req),
  };

  /** Dispatch only: Cargamos documents no cancellation (the hub answers `422 provider_rejected`). */
  readonly commands: ProviderCommands = {
    dispatch: (conn, cmd, key) => this.dispatch(conn, cmd, key),
  };

  /**
   * README "Tracking poll": Cargamos has no list endpoint, so the poll reads the trackingIds it is given, 50 per page,
   * through `GET /v1/shipment-tracking?trackingIds=`. The ids come from the checkpoint and from
   * `conn.settings.trackingIds` (the adapter cannot see the hub's dispatches: see the README's limitation). A scan ends
   * (`done`) after its last batch; final and unknown ids are left out of the next scan.
   */
  async fetchChanges(conn: Connection, checkpoint: Checkpoint | null): Promise<ChangePage> {
    const state = checkpoint === null ? emptyCheckpoint() : readCheckpoint(checkpoint);
    const configured = trackingIdsSetting(conn);
    if (state.offset === 0) {
      const finals = new Set(state.finals);
      state.active = unique([...state.active, ...configured]).filter((id) => !finals.has(id));
      state.drop = [];
    }
    const batch = state.active.slice(state.offset, state.offset + CARGAMOS_MAX_TRACKING_IDS);
    const records: ProviderRecord[] = [];
    const drop = new Set(state.drop);
    const finals = new Set(state.finals.filter((id) => configured.includes(id)));
    if (batch.length > 0) {
      const rows = await this.client(conn).trackingMany(batch);
      const seen = new Set<string>();
      for (const row of rows) {
        const record = rowRecord(row);
        records.push(record);
        seen.add(record.externalId);
        const stateName = (row as { state?: unknown }).state;
        if (typeof stateName === 'string' && isFinalCargamosState(stateName)) {
          drop.add(record.externalId);
          if (configured.includes(record.externalId)) finals.add(record.externalId);
        }
      }
      // Absent from the answer: unknown to this shipper (README "Shipment tracking"); not asked again.
      for (const id of batch) if (!seen.has(id)) drop.add(id);
    }
    const offset = state.offset + batch.length;
    if (offset < state.active.length) {
      return { records, next: { format: CARGAMOS_CHECKPOINT_FORMAT, active: state.active, offset, drop: [...drop], finals: [...finals] }, done: false };
    }
    return {
      records,
      next: { format: CARGAMOS_CHECKPOINT_FORMAT, active: state.active.filter((id) => !drop.has(id)), offset: 0, drop: [], finals: [...finals] },
      done: true,
    };
  }

  /** Validates at the edge, then maps (pure): a tracking view, a webhook payload, or the integration answer. */
  map(record: ProviderRecord, _conn: Connection): MappedRecord {
    if (record.kind !== 'shipment') throw cargamosBadPayload('record', [{ field: 'kind', message: `Cargamos has no ${record.kind} records` }]);
    const raw = record.raw;
    const shape = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    if ('label_id' in shape) {
      const payload = validateCargamos(CargamosWebhookPayload, raw, 'webhook');
      return shipmentMapped(payload.label_id.trim(), null, webhookPatch(payload), payload.state);
    }
    if ('history' in shape || 'updatedAt' in shape) {
      const view = validateCargamos(CargamosTrackingView, raw, 'tracking');
      return shipmentMapped(view.trackingId, trackingRecord(view, raw).providerUpdatedAt, trackingPatch(view), view.state);
    }
    const view = validateCargamos(CargamosIntegrationView, raw, 'integration answer');
    return shipmentMapped(view.trackingId, null, integrationPatch(view), 'CREATED');
  }

  /** README "Shipment tracking": `GET /v1/shipment-tracking/{trackingId}` (a webhook's `label_id`). */
  async hydrate(conn: Connection, ref: { kind: RecordKind; externalId: string }): Promise<ProviderRecord[]> {
    if (ref.kind !== 'shipment') throw new ProviderError('invalid_request', `Cargamos has no ${ref.kind} records to hydrate`, { provider: CARGAMOS });
    const { view, raw } = await this.client(conn).tracking(ref.externalId);
    return [trackingRecord(view, raw)];
  }

  /**
   * README "Dispatch": one delivery order, `shipperTrackingId` = the shipment's reference (so trackingId = reference).
   * The answer's trackingId is the dispatch's externalId (what webhooks and the poll name). `409 ALREADY_EXISTS` on a
   * shipment this hub already dispatched (see `ownsExisting`) answers the existing shipment, read by its trackingId;
   * any other refusal is `invalid_request` with canonical fields.
   */
  private async dispatch(conn: Connection, cmd: DispatchCommand, idempotencyKey: string): Promise<DispatchResult> {
    const { body, context } = toDeliveryOrder(cmd.shipment, readDispatchOptions(cmd.options), idempotencyKey);
    const client = this.client(conn);
    try {
      const { view, raw } = await client.integrate(body, (field) => canonicalFieldOf(field, context));
      return {
        externalId: view.trackingId,
        trackingId: view.trackingId,
        records: [{ kind: 'shipment', externalId: view.trackingId, providerUpdatedAt: null, raw }],
        details: { shipmentId: view.shipmentId, created: true },
      };
    } catch (e) {
      if (!(e instanceof ProviderError) || e.code !== 'ALREADY_EXISTS') throw e;
      let existing: { view: TrackingView; raw: unknown };
      try {
        existing = await client.tracking(body.shipperTrackingId);
      } catch (lookup) {
        if (lookup instanceof ProviderError && lookup.kind === 'not_found') throw e;
        throw lookup;
      }
      if (!ownsExisting(existing.view, cmd, conn, body)) throw e;
      return {
        externalId: existing.view.trackingId,
        trackingId: existing.view.trackingId,
        records: [trackingRecord(existing.view, existing.raw)],
        details: { shipmentId: existing.view.shipmentId, created: false, alreadyExisted: true },
      };
    }
  }

  /** Stateless: credentials come with each connection; the token cache is module-level (cargamos.client.ts). */
  private client(conn: Connection): CargamosClient {
    return new CargamosClient(conn, this.clientOptions);
  }
}

/**
 * Whether the shipment Cargamos already holds under this shipperTrackingId is this hub's dispatch of `cmd.shipment`:
 * the hub recorded it (the dispatch's externalId, or the shipment's Cargamos tracking reference or source on this
 * connection), or, for a dispatch whose answer was lost (no externalId recorded yet), Cargamos holds the same
 * promise date this order asks for (the order is rebuilt from the same shipment). Anything else is a real duplicate.
 */
export function ownsExisting(existing: TrackingView, cmd: DispatchCommand, conn: Connection, body: CargamosDeliveryOrder): boolean {
  const id = existing.trackingId;
  if (cmd.externalId !== null) return cmd.externalId === id;
  if (knownToShipment(cmd.shipment, conn, id)) return true;
  return body.expectedDeliveryDate !== undefined && existing.expectedDeliveryDate === body.expectedDeliveryDate;
}

function knownToShipment(shipment: Shipment, conn: Connection, trackingId: string): boolean {
  const here = (s: { provider: string; connection: string }) => s.provider === CARGAMOS && s.connection === conn.id;
  return (
    shipment.references.some((r) => here(r) && r.kind === 'tracking' && r.value === trackingId) ||
    shipment.sources.some((s) => here(s) && s.externalId === trackingId)
  );
}

function shipmentMapped(externalId: string, providerUpdatedAt: string | null, patch: ShipmentPatch, rawState: string): MappedRecord {
  const mapped: MappedRecord = { kind: 'shipment', externalId, providerUpdatedAt, patch };
  const unknown = mapCargamosState(rawState).unknown;
  if (unknown !== undefined) mapped.unknownStatus = unknown;
  return mapped;
}

/** A tracking row as a record; a row that cannot be read goes on as a record `map` refuses (dead letter, raw kept). */
function rowRecord(row: unknown): ProviderRecord {
  try {
    return trackingRecord(validateCargamos(CargamosTrackingView, row, 'tracking'), row);
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    const id = row !== null && typeof row === 'object' ? (row as { trackingId?: unknown }).trackingId : undefined;
    return { kind: 'shipment', externalId: typeof id === 'string' ? id : '', providerUpdatedAt: null, raw: row };
  }
}

function emptyCheckpoint(): CargamosCheckpoint {
  return { format: CARGAMOS_CHECKPOINT_FORMAT, active: [], offset: 0, drop: [], finals: [] };
}

function readCheckpoint(checkpoint: Checkpoint): CargamosCheckpoint {
  const c = checkpoint as Partial<CargamosCheckpoint>;
  const ids = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');
  const ok =
    c.format === CARGAMOS_CHECKPOINT_FORMAT &&
    ids(c.active) &&
    ids(c.drop) &&
    ids(c.finals) &&
    typeof c.offset === 'number' &&
    Number.isInteger(c.offset) &&
    c.offset >= 0 &&
    c.offset <= (c.active as string[]).length;
  if (!ok) {
    throw new ProviderError('cursor_invalid', `stored Cargamos checkpoint is not a ${CARGAMOS_CHECKPOINT_FORMAT} checkpoint`, {
      provider: CARGAMOS,
      details: [{ field: 'checkpoint', message: 'unreadable' }],
    });
  }
  return { format: CARGAMOS_CHECKPOINT_FORMAT, active: [...c.active!], offset: c.offset!, drop: [...c.drop!], finals: [...c.finals!] };
}

/** `settings.trackingIds`: a list or a comma-separated string of trackingIds to poll (README "Tracking poll"). */
export function trackingIdsSetting(conn: Connection): string[] {
  const value = conn.settings.trackingIds;
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
  if (list === null) {
    throw new ProviderError('invalid_request', 'Cargamos connection setting trackingIds must be a list of trackingIds', {
      provider: CARGAMOS,
      details: [{ field: 'settings.trackingIds', message: 'a list of strings, or one comma-separated string' }],
    });
  }
  return unique(list.map((s) => s.trim()).filter((s) => s !== ''));
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
