import { Injectable } from '@nestjs/common';
import { ianaZone } from '@waybill/canonical';
import {
  ProviderError,
  type ChangePage,
  type Checkpoint,
  type Connection,
  type DocumentContent,
  type FreightProvider,
  type MappedRecord,
  type ProviderCapabilities,
  type ProviderRecord,
  type ProviderWebhooks,
  type RecordKind,
} from '@waybill/provider-kit';
import { CARRIERPACKET_MAX_LIMIT, CarrierpacketClient, type CarrierpacketClientOptions } from './carrierpacket.client.js';
import {
  CARRIERPACKET_DEFAULT_TIMEZONE,
  brokerTimeToUtc,
  toAbsentSubmissionRecord,
  toCarrierPatch,
  toDocumentPatch,
  toDocumentRecord,
  toSubmissionRecord,
} from './carrierpacket.mapper.js';
import {
  CarrierpacketAbsentSubmission,
  CarrierpacketDocument,
  CarrierpacketSubmission,
  carrierpacketBadPayload,
  validateCarrierpacket,
} from './carrierpacket.schemas.js';
import { mapCarrierpacketStatus } from './carrierpacket.status-map.js';
import { parseCarrierpacketWebhook, verifyCarrierpacketSignature } from './carrierpacket.webhooks.js';

export const CARRIERPACKET_CHECKPOINT_FORMAT = 'carrierpacket.full-scan.v1';

/** `submissions` pages, then `documents` pages, then (a complete scan only) the absence checks. */
export const SCAN_PHASES = ['submissions', 'documents', 'absence'] as const;
export type ScanPhase = (typeof SCAN_PHASES)[number];

/**
 * Where a full scan stands (README "Full scan"; stored as JSON by the sync lib, opaque to it).
 * - `scan.page`: the next page of the phase's list; `scan.startedAt`: when the scan read its first page (null before).
 * - `scan.toCheck`: in the `absence` phase, the submission ids still to confirm with `GET /submissions/{id}`.
 * - `seen`: ids emitted by this scan, so an id that a shifted offset page shows twice is emitted once.
 * - `known.submissions`: the ids the previous COMPLETE scan listed (null until one completed).
 */
export type CarrierpacketCheckpoint = {
  format: typeof CARRIERPACKET_CHECKPOINT_FORMAT;
  scan: { phase: ScanPhase; page: number; startedAt: string | null; toCheck?: number[] };
  seen: { submissions: number[]; documents: number[] };
  known: { submissions: number[] | null };
};

/** REST "Response shape": the maximum `limit`, so a scan takes the fewest requests. */
const DEFAULT_PAGE_SIZE = CARRIERPACKET_MAX_LIMIT;
/** Absence checks are one GET each; a page does at most this many so it stays short (the rest go on the next page). */
export const ABSENCE_CHECKS_PER_PAGE = 25;

@Injectable()
export class CarrierpacketProvider implements FreightProvider {
  readonly code = 'carrierpacket' as const;
  readonly capabilities: ProviderCapabilities = { poll: true, webhooks: true, dispatch: false, documents: true };

  /** The clock that stamps `scan.startedAt`; replaceable in specs. */
  now: () => Date = () => new Date();
  /** Passed to every client (timeouts, retries, sleep); replaceable in specs. */
  clientOptions: CarrierpacketClientOptions = {};

  readonly webhooks: ProviderWebhooks = {
    verify: (req, conn) => verifyCarrierpacketSignature(req, conn.webhookSecrets),
    parse: (req) => parseCarrierpacketWebhook(req),
  };

  readonly documentContent = {
    /** REST "What's coming": announced, not shipped; used only when the connection turns it on (README). */
    available: (conn: Connection): boolean => conn.settings.fileStreaming === true,
    open: async (conn: Connection, externalId: string): Promise<DocumentContent> =>
      this.client(conn).openDocumentFile(externalId),
  };

  /**
   * One page of a FULL SCAN (REST has no `updated_after`): every submission page, then every document page, then,
   * once both lists reached `has_more: false`, a GET for each submission the previous complete scan listed and this
   * one did not (404: removed; 200: it moved between pages). Every row read is emitted: the store recognises
   * unchanged ones by content hash. `done` only when the scan is over; the next checkpoint starts a new scan.
   */
  async fetchChanges(conn: Connection, checkpoint: Checkpoint | null): Promise<ChangePage> {
    const state = checkpoint === null ? newScan(null) : readCheckpoint(checkpoint);
    const limit = pageSizeSetting(conn);
    const zone = timezoneSetting(conn);
    const client = this.client(conn);
    const next: CarrierpacketCheckpoint = structuredClone(state);
    next.scan.startedAt ??= this.now().toISOString();

    if (state.scan.phase === 'submissions') {
      const page = await client.listSubmissions({ page: state.scan.page, limit });
      const records = emitOnce(page.data, next.seen.submissions, (row) => submissionRecord(row, zone));
      next.scan = page.pagination.has_more
        ? { ...next.scan, page: state.scan.page + 1 }
        : { phase: 'documents', page: 1, startedAt: next.scan.startedAt };
      return { records, next, done: false };
    }

    if (state.scan.phase === 'documents') {
      const page = await client.listDocuments({ page: state.scan.page, limit });
      const records = emitOnce(page.data, next.seen.documents, (row) => documentRecord(row, zone));
      if (page.pagination.has_more) {
        next.scan = { ...next.scan, page: state.scan.page + 1 };
        return { records, next, done: false };
      }
      // Both lists reached the end: the scan is complete, and only now can a missing submission mean anything.
      const seen = new Set(next.seen.submissions);
      const toCheck = (state.known.submissions ?? []).filter((id) => !seen.has(id));
      return this.checkAbsent(client, next, toCheck, zone, records);
    }

    return this.checkAbsent(client, next, state.scan.toCheck ?? [], zone, []);
  }

  /** Validates at the edge, then maps (pure). Throws ProviderError('bad_payload') naming the field. */
  map(record: ProviderRecord, conn: Connection): MappedRecord {
    const zone = timezoneSetting(conn);
    if (record.kind === 'carrier') {
      if (isAbsentMarker(record.raw)) {
        const absent = validateCarrierpacket(CarrierpacketAbsentSubmission, record.raw, 'absent submission');
        return { kind: 'carrier', externalId: String(absent.id), providerUpdatedAt: null, patch: { removed: true } };
      }
      const s = validateCarrierpacket(CarrierpacketSubmission, record.raw, 'submission');
      const mapped: MappedRecord = {
        kind: 'carrier',
        externalId: String(s.id),
        providerUpdatedAt: brokerTimeToUtc(s.updated, zone, 'updated'),
        patch: toCarrierPatch(s, zone),
      };
      const unknown = mapCarrierpacketStatus(s.status).unknown;
      if (unknown !== undefined) mapped.unknownStatus = unknown;
      return mapped;
    }
    if (record.kind === 'document') {
      const d = validateCarrierpacket(CarrierpacketDocument, record.raw, 'document');
      return {
        kind: 'document',
        externalId: String(d.id),
        providerUpdatedAt: brokerTimeToUtc(d.created, zone, 'created'),
        patch: toDocumentPatch(d, zone),
      };
    }
    throw carrierpacketBadPayload('record', [{ field: 'kind', message: `CarrierPacket has no ${record.kind} records` }]);
  }

  /**
   * README "Webhooks": a delivery's submission carries no documents, so a carrier is hydrated with
   * `GET /submissions/{id}` and `GET /submissions/{id}/documents`; a document with `GET /documents/{id}`.
   */
  async hydrate(conn: Connection, ref: { kind: RecordKind; externalId: string }): Promise<ProviderRecord[]> {
    const zone = timezoneSetting(conn);
    const client = this.client(conn);
    if (ref.kind === 'document') return [documentRecord(await client.getDocument(ref.externalId), zone)];
    if (ref.kind !== 'carrier') {
      throw new ProviderError('invalid_request', `CarrierPacket has no ${ref.kind} records to hydrate`, { provider: this.code });
    }
    const [submission, documents] = await Promise.all([
      client.getSubmission(ref.externalId),
      client.listSubmissionDocuments(ref.externalId),
    ]);
    const carrier = toSubmissionRecord(validateCarrierpacket(CarrierpacketSubmission, submission, 'submission', 'data'), submission, zone);
    return [carrier, ...documents.map((row) => documentRecord(withOwner(row, ref.externalId), zone))];
  }

  /**
   * README "Absence": confirms up to ABSENCE_CHECKS_PER_PAGE missing submissions; a 404 emits `{ removed: true }`,
   * a 200 the submission itself (it moved between offset pages during the scan). Any other error fails the page, so
   * the same ids are checked again on the retry.
   */
  private async checkAbsent(
    client: CarrierpacketClient,
    next: CarrierpacketCheckpoint,
    toCheck: number[],
    zone: string,
    records: ProviderRecord[],
  ): Promise<ChangePage> {
    const batch = toCheck.slice(0, ABSENCE_CHECKS_PER_PAGE);
    const rest = toCheck.slice(ABSENCE_CHECKS_PER_PAGE);
    const out = [...records];
    for (const id of batch) {
      try {
        const row = await client.getSubmission(id);
        out.push(submissionRecord(row, zone));
        next.seen.submissions.push(id);
      } catch (e) {
        if (!(e instanceof ProviderError) || e.kind !== 'not_found') throw e;
        out.push(toAbsentSubmissionRecord(id));
      }
    }
    if (rest.length > 0) {
      next.scan = { phase: 'absence', page: 1, startedAt: next.scan.startedAt, toCheck: rest };
      return { records: out, next, done: false };
    }
    return { records: out, next: newScan([...next.seen.submissions].sort((a, b) => a - b)), done: true };
  }

  /** Stateless: credentials come with each connection, so a client is built per call (cheap: no sockets held). */
  private client(conn: Connection): CarrierpacketClient {
    return new CarrierpacketClient(conn, this.clientOptions);
  }
}

function newScan(known: number[] | null): CarrierpacketCheckpoint {
  return {
    format: CARRIERPACKET_CHECKPOINT_FORMAT,
    scan: { phase: 'submissions', page: 1, startedAt: null },
    seen: { submissions: [], documents: [] },
    known: { submissions: known },
  };
}

/**
 * The rows whose `id` this scan has not emitted yet, as records; `seen` is extended in place. A row without a
 * readable id cannot be deduplicated and is emitted (map refuses it by field, the raw is kept).
 */
function emitOnce(rows: unknown[], seen: number[], toRecord: (row: unknown) => ProviderRecord): ProviderRecord[] {
  const already = new Set(seen);
  const out: ProviderRecord[] = [];
  for (const row of rows) {
    const id = idOf(row);
    if (id !== null) {
      if (already.has(id)) continue;
      already.add(id);
      seen.push(id);
    }
    out.push(toRecord(row));
  }
  return out;
}

function submissionRecord(row: unknown, zone: string): ProviderRecord {
  try {
    return toSubmissionRecord(validateCarrierpacket(CarrierpacketSubmission, row, 'submission'), row, zone);
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    // One bad row must not stop the scan: it goes on as a record that `map` refuses (dead letter, raw kept).
    return unreadableRecord('carrier', row);
  }
}

function documentRecord(row: unknown, zone: string): ProviderRecord {
  try {
    return toDocumentRecord(validateCarrierpacket(CarrierpacketDocument, row, 'document'), row, zone);
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    return unreadableRecord('document', row);
  }
}

function unreadableRecord(kind: 'carrier' | 'document', row: unknown): ProviderRecord {
  const id = idOf(row);
  return { kind, externalId: id === null ? '' : String(id), providerUpdatedAt: null, raw: row };
}

/**
 * The docs' sample of `/submissions/{id}/documents` has no `submission_id` (REST); the owner is then the submission
 * the URL named, added to the raw row (README "Documents").
 */
function withOwner(row: unknown, submissionId: string): unknown {
  if (row === null || typeof row !== 'object' || Array.isArray(row) || 'submission_id' in row) return row;
  const id = Number(submissionId);
  return Number.isInteger(id) ? { ...row, submission_id: id } : row;
}

function idOf(row: unknown): number | null {
  const id = row !== null && typeof row === 'object' ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}

function isAbsentMarker(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && (raw as { _absent?: unknown })._absent !== undefined;
}

function readCheckpoint(checkpoint: Checkpoint): CarrierpacketCheckpoint {
  const c = checkpoint as Partial<CarrierpacketCheckpoint>;
  const ids = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n > 0);
  const scan = c.scan;
  const ok =
    c.format === CARRIERPACKET_CHECKPOINT_FORMAT &&
    isObject(scan) &&
    SCAN_PHASES.includes(scan.phase) &&
    Number.isInteger(scan.page) &&
    scan.page >= 1 &&
    (scan.startedAt === null || typeof scan.startedAt === 'string') &&
    (scan.phase === 'absence' ? ids(scan.toCheck) : scan.toCheck === undefined) &&
    isObject(c.seen) &&
    ids(c.seen.submissions) &&
    ids(c.seen.documents) &&
    isObject(c.known) &&
    (c.known.submissions === null || ids(c.known.submissions));
  if (!ok) {
    // Not something this provider wrote: starting over is the only safe answer (the engine resets to null once).
    throw new ProviderError('cursor_invalid', `stored CarrierPacket checkpoint is not a ${CARRIERPACKET_CHECKPOINT_FORMAT} checkpoint`, {
      provider: 'carrierpacket',
      details: [{ field: 'checkpoint', message: 'unreadable' }],
    });
  }
  return c as CarrierpacketCheckpoint;
}

function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `pageSize`: 1–200 (REST "Response shape"), default 200. */
export function pageSizeSetting(conn: Connection): number {
  const value = conn.settings.pageSize;
  if (value === undefined || value === null) return DEFAULT_PAGE_SIZE;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > CARRIERPACKET_MAX_LIMIT) {
    throw invalidSetting('pageSize', `must be an integer from 1 to ${CARRIERPACKET_MAX_LIMIT}`);
  }
  return value;
}

/** `timezone`: the broker's IANA zone (README), default UTC. */
export function timezoneSetting(conn: Connection): string {
  const value = conn.settings.timezone;
  if (value === undefined || value === null || value === '') return CARRIERPACKET_DEFAULT_TIMEZONE;
  if (typeof value !== 'string' || !ianaZone(value)) throw invalidSetting('timezone', 'must be an IANA time zone');
  return value;
}

function invalidSetting(name: string, message: string): ProviderError {
  return new ProviderError('invalid_request', `CarrierPacket connection setting ${name} ${message}`, {
    provider: 'carrierpacket',
    details: [{ field: `settings.${name}`, message }],
  });
}
