import { Injectable, Logger } from '@nestjs/common';
import {
  type Connection,
  ConnectionRegistry,
  type FreightProvider,
  isProviderError,
  ProviderRegistry,
  type ProviderRecord,
  RECORD_KINDS,
  type RecordKind,
} from '@waybill/provider-kit';
import {
  InboxRepository,
  type InboxRow,
  type MergeItem,
  POLL_EXTERNAL_ID_HEADER,
  POLL_KIND_HEADER,
  POLL_UPDATED_AT_HEADER,
  ShipmentMergeService,
} from '@waybill/store';
import { deadLettersTotal, mergedRecordsTotal, unknownStatusTotal } from '@waybill/telemetry';

export type ProcessOutcome = 'done' | 'dead' | 'skipped';

/** Processing attempts (queue retries and sweeps together) before a failing message becomes a dead letter. */
const MAX_ATTEMPTS = 10;

/**
 * Turns one stored delivery into canonical changes through the same merge path as sync. A payload that cannot be
 * mapped becomes a dead letter (raw kept); a transient failure (the hydration call) is thrown so the queue retries.
 */
@Injectable()
export class InboxProcessorService {
  private readonly logger = new Logger(InboxProcessorService.name);

  constructor(
    private readonly inbox: InboxRepository,
    private readonly merge: ShipmentMergeService,
    private readonly providers: ProviderRegistry,
    private readonly connections: ConnectionRegistry,
  ) {}

  async process(inboxId: string): Promise<ProcessOutcome> {
    const row = await this.inbox.claim(inboxId);
    if (!row) return 'skipped';
    const provider = this.providers.find(row.provider);
    const conn = this.connections.find(row.provider, row.connectionId);
    if (!provider || !conn) {
      await this.inbox.markDead(row.id, 'unknown_connection', `no connection ${row.provider}/${row.connectionId} in this deployment`);
      return 'dead';
    }
    try {
      const items = await this.toItems(provider, conn, row);
      const outcomes = await this.merge.merge(items, (tx) => this.inbox.markDone(tx, row.id));
      for (const o of outcomes) {
        mergedRecordsTotal.inc({ provider: provider.code, via: row.via, result: o.result });
        if (o.unknownStatus) unknownStatusTotal.inc({ provider: provider.code, status: o.unknownStatus });
      }
      return 'done';
    } catch (e) {
      if (isProviderError(e) && !e.retryable) {
        await this.inbox.markDead(row.id, e.kind, e.message);
        deadLettersTotal.inc({ provider: provider.code, via: row.via });
        this.logger.warn(`inbox ${row.id} (${row.provider} ${row.eventType ?? ''}) is a dead letter: ${e.kind}: ${e.message}`);
        return 'dead';
      }
      const code = isProviderError(e) ? e.kind : 'internal_error';
      if (row.attempts >= MAX_ATTEMPTS) {
        // Poison or a provider down for too long: stop retrying, keep it visible and replayable as a dead letter.
        await this.inbox.markDead(row.id, `exhausted_${code}`, `${MAX_ATTEMPTS} attempts: ${(e as Error).message}`);
        deadLettersTotal.inc({ provider: provider.code, via: row.via });
        return 'dead';
      }
      await this.inbox.release(row.id, code, (e as Error).message);
      throw e;
    }
  }

  private async toItems(provider: FreightProvider, conn: Connection, row: InboxRow): Promise<MergeItem[]> {
    const records: { record: ProviderRecord; rawBody: string }[] = [];
    if (row.via === 'poll') {
      // A polled record kept as a dead letter: its body is the record itself.
      records.push({ record: pollRecord(row), rawBody: row.body });
    } else {
      // The delivery as it arrived (verified then); the kept headers carry what parse reads (delivery id, event).
      const events = provider.webhooks!.parse({
        method: 'POST',
        path: `/webhooks/${row.provider}/${row.connectionId}`,
        query: {},
        headers: row.headers,
        rawBody: Buffer.from(row.body, 'utf8'),
        receivedAt: new Date(row.receivedAt),
      });
      for (const event of events) {
        // A test delivery is stored and answered, never applied (the receiver stores it `ignored`; this covers replays).
        if (event.synthetic) continue;
        // Thin events are completed from the provider; the hydrated record then carries its own updatedAt.
        if (event.record.partial && provider.hydrate) {
          for (const record of await provider.hydrate(conn, event.record)) records.push({ record, rawBody: JSON.stringify(record.raw) });
        } else {
          records.push({ record: event.record, rawBody: row.body });
        }
      }
    }
    return records.map(({ record, rawBody }) => ({
      provider: provider.code,
      connectionId: conn.id,
      via: row.via === 'poll' ? 'poll' : 'webhook',
      rawBody,
      mapped: provider.map(record, conn),
    }));
  }
}

/** A polled record kept as a dead letter: the sync stored its identity in the headers column (see SyncRunService). */
function pollRecord(row: InboxRow): ProviderRecord {
  const kind = row.headers[POLL_KIND_HEADER];
  return {
    // Rows kept before records had kinds were all shipments.
    kind: (RECORD_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RecordKind) : 'shipment',
    externalId: row.headers[POLL_EXTERNAL_ID_HEADER] ?? '',
    providerUpdatedAt: row.headers[POLL_UPDATED_AT_HEADER] || null,
    raw: JSON.parse(row.body) as unknown,
  };
}
