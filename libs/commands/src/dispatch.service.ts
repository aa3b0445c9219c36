import { Injectable, Logger } from '@nestjs/common';
import type { Shipment } from '@waybill/canonical';
import { ConnectionRegistry, isProviderError, ProviderRegistry, type Connection, type DispatchResult, type FreightProvider } from '@waybill/provider-kit';
import { MergeService, ShipmentQueryRepository } from '@waybill/store';
import { CommandError, commandErrorFromProvider } from './command-error.js';
import { dispatchIdempotencyKey } from './dispatch-key.js';
import { commandMergeItems } from './provider-records.js';
import { DispatchRepository, type DispatchRecord } from '@waybill/store';

/** The dispatch as the API shows it. */
export interface DispatchView {
  provider: string;
  connection: string;
  externalId: string | null;
  status: DispatchRecord['status'];
  shareUrl?: string | null;
  trackingId?: string | null;
  error?: { code: string | null; message: string };
}

export interface DispatchRequest {
  provider: string;
  connection?: string;
  options?: Record<string, unknown>;
}

/**
 * Why a send happens, which decides what a failure leaves behind:
 * - `request`: the TMS asked (POST …/dispatch). A failure is answered to it; nothing is retried behind its back.
 * - `update`: a PATCH re-sends a dispatched copy. A provider outage leaves it `pending` for the sweeper.
 * - `sweep`: the sweeper resumes a dispatch a crash left `pending`; an outage leaves it `pending` for the next sweep.
 */
type SendMode = 'request' | 'update' | 'sweep';

/** After this many attempts the sweeper gives a pending dispatch up (`failed`, last error kept). */
const MAX_SWEEP_ATTEMPTS = 10;

/**
 * Dispatch, re-dispatch and cancel (STYLE.md, Stripe-style: atomic phases with a recovery point after each):
 * 1. the dispatch is recorded `pending` (committed) before anything is sent;
 * 2. the provider is called under a key derived from (shipment, provider, connection);
 * 3. the provider's answer records are merged (`via: command`) and the dispatch completed in ONE transaction.
 * A crash between 1 and 3 leaves `pending`; `sweep` repeats 2 and 3 with the same key, so the provider's idempotency
 * makes the repeat a replay. Nothing is `completed` unless the provider accepted it.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly connections: ConnectionRegistry,
    private readonly shipments: ShipmentQueryRepository,
    private readonly merge: MergeService,
    private readonly dispatches: DispatchRepository,
  ) {}

  async dispatch(shipmentId: string, req: DispatchRequest): Promise<{ shipment: Shipment; dispatch: DispatchView }> {
    const shipment = await this.getShipment(shipmentId);
    const provider = this.providers.find(req.provider);
    if (!provider) {
      throw CommandError.validation('provider', `unknown provider; one of ${this.providers.list().map((p) => p.code).join(', ')}`);
    }
    if (!provider.commands || !provider.capabilities.dispatch) {
      throw CommandError.unsupported(provider.code, 'dispatch_not_supported', 'this provider does not accept dispatches through Waybill');
    }
    const conn = req.connection ? this.connections.find(provider.code, req.connection) : this.connections.defaultFor(provider.code);
    if (!conn) {
      throw CommandError.validation('connection', req.connection
        ? `no connection ${req.connection} for ${provider.code}`
        : `${provider.code} has several connections (or none): name one`);
    }
    const row = await this.dispatches.recordPending(shipment.id, provider.code, conn.id, dispatchIdempotencyKey(shipment.id, provider.code, conn.id), req.options ?? {});
    const done = await this.send(row, shipment, provider, conn, 'request');
    return { shipment: await this.getShipment(shipment.id), dispatch: view(done) };
  }

  /**
   * After a PATCH: every copy dispatched (or being dispatched) is sent again with its stored externalId, synchronously,
   * so the PATCH answer says where each copy stands. A copy the provider refuses keeps `completed` (the provider still
   * holds the previous version) with the error; one that cannot be reached is left `pending` for the sweeper.
   */
  async redispatch(shipmentId: string): Promise<DispatchView[]> {
    const out: DispatchView[] = [];
    for (const row of await this.dispatches.listForShipment(shipmentId)) {
      if (row.status !== 'completed' && row.status !== 'pending') continue;
      const provider = this.providers.find(row.provider);
      const conn = this.connections.find(row.provider, row.connectionId);
      if (!provider?.commands || !conn) {
        out.push(view(row));
        continue;
      }
      const reopened = (await this.dispatches.reopen(row.id)) ?? row;
      try {
        out.push(view(await this.send(reopened, await this.getShipment(shipmentId), provider, conn, 'update')));
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        out.push(view((await this.dispatches.get(row.id)) ?? row));
      }
    }
    return out;
  }

  /** `POST /v1/shipments/{id}/cancel`: withdraws a completed dispatch where the provider allows it. */
  async cancel(shipmentId: string, req: { provider?: string; reason?: string | null }): Promise<{ shipment: Shipment; dispatch: DispatchView }> {
    const shipment = await this.getShipment(shipmentId);
    const live = (await this.dispatches.listForShipment(shipment.id)).filter((d) => d.status === 'completed' && (!req.provider || d.provider === req.provider));
    if (live.length === 0) {
      throw CommandError.invalidState(req.provider ? `the shipment has no completed dispatch to ${req.provider}` : 'the shipment has no completed dispatch');
    }
    if (live.length > 1) throw CommandError.validation('provider', `the shipment is dispatched to ${live.map((d) => d.provider).join(', ')}: name one`);
    const row = live[0]!;
    const provider = this.providers.find(row.provider);
    if (!provider?.commands?.cancel) {
      throw CommandError.unsupported(row.provider, 'cancel_not_supported', 'this provider does not allow withdrawing a dispatch; cancel it at the provider');
    }
    const conn = this.connections.find(row.provider, row.connectionId);
    if (!conn) throw CommandError.invalidState(`connection ${row.connectionId} of ${row.provider} is no longer configured`);
    try {
      await provider.commands.cancel(conn, row.externalId!, req.reason ?? null);
    } catch (e) {
      throw commandErrorFromProvider(e, provider.code) ?? e;
    }
    const cancelled = (await this.dispatches.markCancelled(row.id)) ?? row;
    return { shipment: await this.getShipment(shipment.id), dispatch: view(cancelled) };
  }

  async list(shipmentId: string): Promise<DispatchView[]> {
    return (await this.dispatches.listForShipment(shipmentId)).map(view);
  }

  /**
   * Resumes dispatches a crash left `pending` for longer than `olderThanMs` (one minute by default: longer than any
   * live send). Each is claimed by one sweeper only, then sent again under its stored key.
   */
  async sweep(olderThanMs = 60_000, limit = 50): Promise<{ resumed: number; completed: number }> {
    let resumed = 0;
    let completed = 0;
    for (const stale of await this.dispatches.listStalePending(olderThanMs, limit)) {
      const row = await this.dispatches.claimStale(stale.id, olderThanMs);
      if (!row) continue;
      resumed++;
      const provider = this.providers.find(row.provider);
      const conn = this.connections.find(row.provider, row.connectionId);
      const shipment = await this.shipments.get(row.shipmentId);
      if (!provider?.commands || !conn || !shipment) {
        await this.dispatches.fail(row.id, row.externalId ? 'completed' : 'failed', 'provider, connection or shipment no longer exists', 'unresumable');
        continue;
      }
      try {
        await this.send(row, shipment, provider, conn, 'sweep');
        completed++;
      } catch (e) {
        this.logger.warn(`dispatch ${row.id} to ${row.provider}/${row.connectionId} not resumed: ${(e as Error).message}`);
      }
    }
    return { resumed, completed };
  }

  private async send(row: DispatchRecord, shipment: Shipment, provider: FreightProvider, conn: Connection, mode: SendMode): Promise<DispatchRecord> {
    let result: DispatchResult;
    try {
      result = await provider.commands!.dispatch(conn, { shipment, externalId: row.externalId, options: row.options }, row.idempotencyKey);
    } catch (e) {
      const failure = commandErrorFromProvider(e, provider.code);
      // Not a provider answer (a bug, a timeout we could not classify): the row stays `pending` and the sweeper
      // resumes it under the same key.
      if (!failure) throw e;
      await this.dispatches.fail(row.id, failedStatus(row, mode, failure), failure.message, isProviderError(e) ? (e.code ?? e.kind) : null);
      throw failure;
    }
    // The provider accepted. From here a failure (mapping, database) leaves the row `pending`: the sweeper's repeat is
    // answered from the provider's idempotency and completes it.
    await this.merge.merge(commandMergeItems(provider, conn, result.records), async (tx, outcomes) => {
      const other = outcomes.find((o) => o.kind === 'shipment' && o.entityId && o.entityId !== shipment.id);
      if (other) this.logger.warn(`dispatch answer of ${provider.code} merged into shipment ${other.entityId}, not ${shipment.id}`);
      await this.dispatches.complete(tx, row.id, { externalId: result.externalId, shareUrl: result.shareUrl ?? null, trackingId: result.trackingId ?? null });
    });
    return (await this.dispatches.get(row.id))!;
  }

  private async getShipment(id: string): Promise<Shipment> {
    const shipment = await this.shipments.get(id);
    if (!shipment) throw CommandError.notFound('shipment');
    return shipment;
  }
}

/** What a provider failure leaves on the dispatch row (see SendMode). */
function failedStatus(row: DispatchRecord, mode: SendMode, failure: CommandError): DispatchRecord['status'] {
  const outage = failure.status >= 500;
  if (outage && mode !== 'request' && !(mode === 'sweep' && row.attempts + 1 >= MAX_SWEEP_ATTEMPTS)) return 'pending';
  // The provider holds a copy from an earlier dispatch: that copy is still there, so the dispatch stays completed.
  return row.externalId && row.completedAt ? 'completed' : 'failed';
}

export function view(row: DispatchRecord): DispatchView {
  const v: DispatchView = { provider: row.provider, connection: row.connectionId, externalId: row.externalId, status: row.status };
  if (row.shareUrl) v.shareUrl = row.shareUrl;
  if (row.trackingId) v.trackingId = row.trackingId;
  if (row.lastError) v.error = { code: row.lastErrorCode, message: row.lastError! };
  return v;
}
