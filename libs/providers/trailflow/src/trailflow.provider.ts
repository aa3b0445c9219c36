import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { epochMsToIso } from '@waybill/canonical';
import {
  ProviderError,
  type ChangePage,
  type Checkpoint,
  type Connection,
  type FreightProvider,
  type MappedShipment,
  isProviderError,
  type DispatchCommand,
  type DispatchResult,
  type ProviderCapabilities,
  type ProviderCommands,
  type ProviderRecord,
  type RecordKind,
  type ProviderWebhooks,
} from '@waybill/provider-kit';
import { TrailflowClient, TRAILFLOW_INCLUDES } from './trailflow.client.js';
import { toRecord, toShipmentPatch, toTrailflowFieldErrors, toTrailflowLoadWrite } from './trailflow.mapper.js';
import { TrailflowLoad, validateTrailflow } from './trailflow.schemas.js';
import { mapTrailflowStatus } from './trailflow.status-map.js';
import { parseTrailflowWebhook, verifyTrailflowSignature } from './trailflow.webhooks.js';

/**
 * Where an incremental sync stands (stored as JSON by the sync lib, opaque to it).
 * - `watermark`: the `updatedAfter` (epoch ms, inclusive) every page of the current run is asked with; null on the
 *   first run (everything).
 * - `cursor`: TrailFlow's `nextCursor` within the run; null between runs.
 * - `runMaxUpdatedAt`: the largest `updatedAt` seen so far in the run, which becomes the next watermark.
 */
export type TrailflowCheckpoint = {
  watermark: number | null;
  cursor: string | null;
  runMaxUpdatedAt?: number | null;
};

/** FACTS §4: `limit` is 1–100; 100 means fewer requests against the per-minute rate limit (FACTS §5). */
const DEFAULT_PAGE_SIZE = 100;
/**
 * The next run starts this far before the newest `updatedAt` seen: a load written on TrailFlow's side with a slightly
 * older timestamp after our page was read is still picked up. Re-read loads are recognised as unchanged by the store.
 */
const DEFAULT_OVERLAP_MS = 60_000;

@Injectable()
export class TrailflowProvider implements FreightProvider {
  readonly code = 'trailflow' as const;
  readonly capabilities: ProviderCapabilities = { poll: true, webhooks: true, dispatch: true, documents: false };

  /**
   * Writes (README "Writes"): dispatch only. TrailFlow documents no delete or cancel of a load, so `cancel` is absent
   * (the hub answers `422 provider_rejected`), and no document review or upload.
   */
  readonly commands: ProviderCommands = {
    dispatch: (conn, cmd, idempotencyKey) => this.dispatch(conn, cmd, idempotencyKey),
  };

  readonly webhooks: ProviderWebhooks = {
    // The moment the bytes arrived: equal to "now" at the controller, and still right if the inbox verifies later.
    verify: (req, conn) => verifyTrailflowSignature(req, conn.webhookSecrets, req.receivedAt),
    parse: (req) => parseTrailflowWebhook(req),
  };

  /**
   * One page of `GET /v1/loads` (FACTS §4; README assumption 1: ascending updatedAt, cursor opaque). A run pages
   * with one fixed `updatedAfter` until `nextCursor` is null; only then does the watermark move. `updatedAfter` is
   * inclusive, so loads that share the last timestamp are read again next run rather than skipped; the store
   * recognises them as unchanged.
   */
  async fetchChanges(conn: Connection, checkpoint: Checkpoint | null): Promise<ChangePage> {
    const from = readCheckpoint(checkpoint);
    const page = await this.client(conn).listLoads({
      updatedAfter: from.watermark,
      cursor: from.cursor,
      include: TRAILFLOW_INCLUDES,
      limit: intSetting(conn, 'pageSize', DEFAULT_PAGE_SIZE, 1, 100),
    });

    let runMax = from.runMaxUpdatedAt ?? null;
    const records = page.data.map((item): ProviderRecord => {
      let load: TrailflowLoad;
      try {
        load = validateTrailflow(TrailflowLoad, item, 'load');
      } catch {
        // One bad load must not stop the sync: it goes on as a record that `map` refuses (dead letter, raw kept).
        return unreadableRecord(item);
      }
      runMax = runMax === null ? load.updatedAt : Math.max(runMax, load.updatedAt);
      return toRecord(load, item);
    });

    if (page.nextCursor !== null) {
      const next: TrailflowCheckpoint = { watermark: from.watermark, cursor: page.nextCursor, runMaxUpdatedAt: runMax };
      return { records, next, done: false };
    }
    const overlapMs = intSetting(conn, 'overlapMs', DEFAULT_OVERLAP_MS, 0, Number.MAX_SAFE_INTEGER);
    const next: TrailflowCheckpoint = { watermark: nextWatermark(from.watermark, runMax, overlapMs), cursor: null, runMaxUpdatedAt: null };
    return { records, next, done: true };
  }

  /** Validates at the edge, then maps (pure). Throws ProviderError('bad_payload') naming the field. */
  map(record: ProviderRecord, _conn: Connection): MappedShipment {
    const load = validateTrailflow(TrailflowLoad, record.raw, 'load');
    const mapped: MappedShipment = {
      kind: 'shipment',
      externalId: load.id,
      providerUpdatedAt: epochMsToIso(load.updatedAt),
      patch: toShipmentPatch(load),
    };
    const unknown = mapTrailflowStatus(load.status).unknown;
    if (unknown !== undefined) mapped.unknownStatus = unknown;
    return mapped;
  }

  /** README assumption 9: thin `load.created` webhooks are completed with `GET /v1/loads/{id}` (FACTS §3). */
  async hydrate(conn: Connection, ref: { kind: RecordKind; externalId: string }): Promise<ProviderRecord[]> {
    const answer = await this.client(conn).getLoad(ref.externalId);
    return [toRecord(validateTrailflow(TrailflowLoad, answer.data, 'load', 'data'), answer.data)];
  }

  /**
   * `POST /v1/loads/upsert` keyed by `externalId` = the Waybill shipment id (README assumption 10, "Writes"). The
   * Idempotency-Key is the hub's (fixed per shipment + provider + connection) plus a hash of the body: a retry of the
   * same write replays TrailFlow's first answer, while a later write with another body (after a PATCH) is a new
   * request instead of TrailFlow's `409 idempotency_conflict`. Either way the upsert names one load, never a second.
   */
  private async dispatch(conn: Connection, cmd: DispatchCommand, idempotencyKey: string): Promise<DispatchResult> {
    const body = toTrailflowLoadWrite(cmd.shipment);
    const key = `${idempotencyKey}-${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16)}`;
    let answer;
    try {
      answer = await this.client(conn).upsertLoad(body, key);
    } catch (e) {
      // A refusal of the body is kept whole and named by field (canonical path where known).
      if (isProviderError(e) && e.kind === 'invalid_request' && e.code === 'bad_request') {
        throw new ProviderError('invalid_request', e.message, {
          provider: 'trailflow',
          status: e.status,
          code: e.code,
          requestId: e.requestId,
          details: toTrailflowFieldErrors(e.details),
          cause: e,
        });
      }
      throw e;
    }
    const load = validateTrailflow(TrailflowLoad, answer.data, 'load', 'data');
    // TrailFlow documents no share link or tracking id for a load (FACTS §3): only the load id comes back.
    return { externalId: load.id, records: [toRecord(load, answer.data)], shareUrl: null, trackingId: null };
  }

  /** Stateless: credentials come with each connection, so a client is built per call (cheap: no sockets held). */
  private client(conn: Connection): TrailflowClient {
    return new TrailflowClient(conn);
  }
}

/**
 * The next run's `updatedAfter`: the newest `updatedAt` seen, less the configured overlap (a guard against
 * TrailFlow clock skew), and never earlier than this run's: a run that saw nothing, or nothing newer than the
 * overlap, keeps the watermark where it was instead of drifting back by `overlapMs` every run.
 */
export function nextWatermark(watermark: number | null, runMax: number | null, overlapMs: number): number | null {
  if (runMax === null) return watermark;
  const candidate = runMax - overlapMs;
  return watermark === null ? candidate : Math.max(watermark, candidate);
}

function readCheckpoint(checkpoint: Checkpoint | null): TrailflowCheckpoint {
  if (checkpoint === null) return { watermark: null, cursor: null, runMaxUpdatedAt: null };
  const { watermark = null, cursor = null, runMaxUpdatedAt = null } = checkpoint;
  const isMs = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));
  if (!isMs(watermark) || !isMs(runMaxUpdatedAt) || !(cursor === null || typeof cursor === 'string')) {
    // Not something this provider wrote: starting over is the only safe answer.
    throw new ProviderError('cursor_invalid', 'stored TrailFlow checkpoint is not { watermark, cursor, runMaxUpdatedAt }', {
      provider: 'trailflow',
      details: [{ field: 'checkpoint', message: 'unreadable' }],
    });
  }
  return { watermark, cursor, runMaxUpdatedAt };
}

/** A page item that failed validation, passed on so `map` can refuse it by field and the raw bytes are kept. */
function unreadableRecord(item: unknown): ProviderRecord {
  const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  return { kind: 'shipment', externalId: typeof id === 'string' ? id : '', providerUpdatedAt: null, raw: item };
}

function intSetting(conn: Connection, name: string, fallback: number, min: number, max: number): number {
  const value = conn.settings[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ProviderError('invalid_request', `TrailFlow connection setting ${name} must be an integer from ${min} to ${max}`, {
      provider: 'trailflow',
      details: [{ field: `settings.${name}`, message: `must be an integer from ${min} to ${max}` }],
    });
  }
  return value;
}
