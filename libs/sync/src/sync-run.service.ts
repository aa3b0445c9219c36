import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type ChangePage,
  type Checkpoint,
  type Connection,
  type FreightProvider,
  isProviderError,
  ProviderError,
  type ProviderRecord,
} from '@waybill/provider-kit';
import {
  contentHash,
  InboxRepository,
  type MergeItem,
  POLL_EXTERNAL_ID_HEADER,
  POLL_KIND_HEADER,
  POLL_UPDATED_AT_HEADER,
  ShipmentMergeService,
} from '@waybill/store';
import {
  deadLettersTotal,
  mergedRecordsTotal,
  syncLeaseRenewalsTotal,
  syncPagesTotal,
  syncResyncsTotal,
  syncRunsTotal,
  unknownStatusTotal,
} from '@waybill/telemetry';
import { CheckpointRepository, LeaseLostError } from './checkpoint.repository.js';
import { DEFAULT_LEASE_TTL_MS, SYNC_OPTIONS, type SyncOptions } from './sync.constants.js';

export type RunOutcome = { status: 'done'; pages: number; seen: number; changed: number; failed: number } | { status: 'busy' };

/** Owner id of this process's leases: readable in `GET /v1/sync` when a run is stuck. */
const WORKER_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * The page loop of one connection. Each page is ONE merge transaction that also commits the checkpoint, so a run
 * killed at any point resumes from the last committed page, losing and repeating nothing (the merge recognises a
 * record it already has).
 */
@Injectable()
export class SyncRunService {
  private readonly logger = new Logger(SyncRunService.name);
  private readonly leaseTtlMs: number;

  constructor(
    @Inject(SYNC_OPTIONS) options: SyncOptions,
    private readonly checkpoints: CheckpointRepository,
    private readonly merge: ShipmentMergeService,
    private readonly inbox: InboxRepository,
  ) {
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  }

  async run(provider: FreightProvider, conn: Connection, opts: { maxPages?: number } = {}): Promise<RunOutcome> {
    const owner = `${WORKER_ID}:${randomUUID().slice(0, 8)}`;
    if (!(await this.checkpoints.acquireLease(conn.id, owner, this.leaseTtlMs))) return { status: 'busy' };
    const intervalSeconds = Number(conn.settings.pollIntervalSeconds ?? 60);
    const totals = { pages: 0, seen: 0, changed: 0, failed: 0 };
    try {
      const started = await this.checkpoints.startRun(conn.id, owner);
      if (!started) throw new LeaseLostError(conn.id);
      // Opaque: only the provider reads what it wrote (ARCHITECTURE.md, "The provider contract, generalized").
      let checkpoint: Checkpoint | null = started.checkpoint;
      let resynced = false;
      for (;;) {
        let page: ChangePage;
        try {
          page = await this.withLeaseHeartbeat(provider, conn, owner, () => provider.fetchChanges(conn, checkpoint));
        } catch (e) {
          if (isProviderError(e) && e.kind === 'cursor_invalid' && checkpoint !== null && !resynced) {
            // The provider refused what it once wrote: start over from nothing, once. A second refusal in the same
            // run fails it (a provider that refuses even a fresh start must not make us loop).
            this.logger.warn(`${conn.id}: checkpoint refused by ${provider.code} (${e.message}); full resync`);
            await this.checkpoints.resetCheckpoint(conn.id, owner);
            syncResyncsTotal.inc({ provider: provider.code });
            checkpoint = null;
            resynced = true;
            continue;
          }
          throw e;
        }
        const stats = await this.commitPage(provider, conn, owner, page);
        totals.pages++;
        totals.seen += stats.seen;
        totals.changed += stats.changed;
        totals.failed += stats.failed;
        checkpoint = page.next;
        if (page.done || (opts.maxPages && totals.pages >= opts.maxPages)) break;
      }
      await this.checkpoints.finishRun(conn.id, owner, true, null, intervalSeconds);
      syncRunsTotal.inc({ provider: provider.code, outcome: 'ok' });
      return { status: 'done', ...totals };
    } catch (e) {
      const message = describe(e);
      this.logger.warn(`${conn.id}: sync run failed after ${totals.pages} committed page(s): ${message}`);
      syncRunsTotal.inc({ provider: provider.code, outcome: e instanceof LeaseLostError ? 'lease_lost' : 'error' });
      if (!(e instanceof LeaseLostError)) {
        // Committed pages stand; the next run resumes from the last checkpoint. Retry sooner than the interval.
        // A worker that lost its lease writes nothing more: the state belongs to its successor.
        await this.checkpoints.finishRun(conn.id, owner, false, message, Math.min(intervalSeconds, 30)).catch(() => undefined);
      }
      throw e;
    } finally {
      await this.checkpoints.releaseLease(conn.id, owner);
    }
  }

  /**
   * Renews the lease every third of its TTL while `work` (a page fetch, which may sit in long retries) runs. When a
   * renewal finds the lease taken, the page is still fetched but cannot commit: `saveInTransaction` checks the holder.
   */
  private async withLeaseHeartbeat<T>(provider: FreightProvider, conn: Connection, owner: string, work: () => Promise<T>): Promise<T> {
    let lost = false;
    const timer = setInterval(() => {
      this.checkpoints.renewLease(conn.id, owner, this.leaseTtlMs).then(
        (ok) => {
          syncLeaseRenewalsTotal.inc({ provider: provider.code, outcome: ok ? 'ok' : 'lost' });
          if (!ok && !lost) {
            lost = true;
            this.logger.warn(`${conn.id}: sync lease taken over by another worker while a page was being fetched`);
          }
        },
        (err: Error) => this.logger.warn(`${conn.id}: lease renewal failed: ${err.message}`),
      );
    }, Math.max(200, Math.floor(this.leaseTtlMs / 3)));
    timer.unref();
    try {
      const result = await work();
      if (lost) throw new LeaseLostError(conn.id);
      return result;
    } finally {
      clearInterval(timer);
    }
  }

  private async commitPage(provider: FreightProvider, conn: Connection, owner: string, page: ChangePage) {
    const items: MergeItem[] = [];
    const dead: { record: ProviderRecord; error: ProviderError }[] = [];
    for (const record of page.records) {
      try {
        items.push({ provider: provider.code, connectionId: conn.id, via: 'poll', rawBody: JSON.stringify(record.raw), mapped: provider.map(record, conn) });
      } catch (e) {
        if (!isProviderError(e) || e.kind !== 'bad_payload') throw e;
        dead.push({ record, error: e });
      }
    }
    let changed = 0;
    const outcomes = await this.merge.merge(items, async (tx, results) => {
      changed = results.filter((o) => o.result === 'created' || o.result === 'updated').length;
      if (dead.length) {
        // A record that cannot be mapped is kept whole as a dead letter, in the page's transaction, and the run goes on.
        await this.inbox.insert(
          dead.map(({ record, error }) => {
            const body = JSON.stringify(record.raw);
            return {
              provider: provider.code,
              connectionId: conn.id,
              deliveryId: `poll:${record.externalId}:${contentHash(body).slice(0, 16)}`,
              eventType: null,
              via: 'poll' as const,
              headers: {
                [POLL_EXTERNAL_ID_HEADER]: record.externalId,
                [POLL_UPDATED_AT_HEADER]: record.providerUpdatedAt ?? '',
                [POLL_KIND_HEADER]: record.kind,
              },
              body,
              status: 'dead' as const,
              error: { code: error.kind, message: describe(error) },
            };
          }),
          tx,
        );
      }
      await this.checkpoints.saveInTransaction(tx, conn.id, owner, page.next, { seen: page.records.length, changed, failed: dead.length }, this.leaseTtlMs);
    });
    for (const o of outcomes) {
      mergedRecordsTotal.inc({ provider: provider.code, via: 'poll', result: o.result });
      if (o.unknownStatus) unknownStatusTotal.inc({ provider: provider.code, status: o.unknownStatus });
    }
    if (dead.length) deadLettersTotal.inc({ provider: provider.code, via: 'poll' }, dead.length);
    syncPagesTotal.inc({ provider: provider.code });
    return { seen: page.records.length, changed, failed: dead.length };
  }
}

function describe(e: unknown): string {
  if (e instanceof ProviderError) {
    const details = e.details === undefined ? '' : ` ${JSON.stringify(e.details).slice(0, 500)}`;
    return `${e.kind}${e.status ? ` (HTTP ${e.status}${e.code ? ` ${e.code}` : ''})` : ''}: ${e.message}${details}`;
  }
  return e instanceof Error ? e.message : String(e);
}
