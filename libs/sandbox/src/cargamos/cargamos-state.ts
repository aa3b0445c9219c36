import { Prng, deriveSeed } from '../prng.js';
import { VirtualClock } from '../trailflow/clock.js';
import { CargamosApiError, errorItem } from './api-errors.js';
import type { CargamosChange, CargamosShipmentRecord, CargamosShipmentTruth, CargamosWebhookPayload } from './cargamos.types.js';
import { coverageLeadDays, validateCoverageTable, type CargamosCoverageTable } from './coverage.js';
import { FaultInjector, type CargamosFaults } from './faults.js';
import { generatedTrackingId, seededUuid } from './ids.js';
import { validateOrderSchema } from './order-validation.js';
import { serviceLevelFailure } from './service-level.js';
import { ShipmentStore, truthView } from './shipment-store.js';
import { DEFAULT_CARGAMOS_ACCOUNT, DEFAULT_TOKEN_TTL_SECONDS, TokenStore, type CargamosAccount } from './token-store.js';
import { WebhookDispatcher, type CargamosDelivery, type OutgoingDelivery } from './webhook-dispatcher.js';
import { SubscriptionStore } from './webhook-subscriptions.js';

export interface CargamosSandboxOptions {
  /** Same seed → same ids, same life cycles, same fault draws. Default 1. */
  seed?: number;
  /** Users (e-mail, password) and their shipper `key`. Default: [DEFAULT_CARGAMOS_ACCOUNT]. */
  accounts?: CargamosAccount[];
  /** Token lifetime on the sandbox clock, and the login answer's `expiresIn`. Default 3600 (FACTS §2). */
  tokenTtlSeconds?: number;
  /** Sandbox clock start, epoch ms. Default DEFAULT_CARGAMOS_START. */
  startTime?: number;
  /** Coverage by postal code; parts left out keep the default table's. */
  coverage?: Partial<CargamosCoverageTable>;
  /** Per-send timeout. Default 10,000 ms. */
  webhookTimeoutMs?: number;
  faults?: Partial<CargamosFaults>;
}

/** 2026-11-30T16:00:00Z: a Monday, 10:00 in Mexico City. */
export const DEFAULT_CARGAMOS_START = Date.UTC(2026, 10, 30, 16, 0, 0);
export const DEFAULT_CARGAMOS_WEBHOOK_TIMEOUT_MS = 10_000;

export interface CargamosAdvanceResult {
  /** The clock after the move (epoch ms). */
  now: number;
  /** Every state change, in the order it happened (due changes at their due time, forced ones at `now`). */
  changes: CargamosChange[];
  /** The webhook sends these changes caused, in sending order. */
  deliveries: CargamosDelivery[];
}

/** Everything the simulated Cargamos knows; routes read it at request time because `reset` replaces parts of it. */
export class CargamosState {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly coverage: CargamosCoverageTable;
  readonly faults: FaultInjector;
  readonly subscriptions = new SubscriptionStore();
  readonly defaultShipperKey: string;
  private readonly accounts: CargamosAccount[];
  private readonly ttlSeconds: number;
  private readonly webhookTimeoutMs: number;
  tokens!: TokenStore;
  store!: ShipmentStore;
  dispatcher!: WebhookDispatcher;
  private idRng!: Prng;
  private processRng!: Prng;
  private changeRng!: Prng;

  constructor(opts: CargamosSandboxOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.accounts = (opts.accounts ?? [DEFAULT_CARGAMOS_ACCOUNT]).map((a) => ({ ...a }));
    if (this.accounts.length === 0) throw new RangeError('accounts must hold at least one account');
    for (const a of this.accounts) {
      for (const f of ['username', 'password', 'key'] as const) {
        if (typeof a[f] !== 'string' || a[f] === '') throw new RangeError(`every account needs a non-empty ${f}`);
      }
      if (a.username.includes(':')) throw new RangeError('a username cannot contain ":" (HTTP Basic)');
    }
    this.defaultShipperKey = this.accounts[0].key;
    this.ttlSeconds = opts.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    if (!Number.isInteger(this.ttlSeconds) || this.ttlSeconds < 1) throw new RangeError('tokenTtlSeconds must be a positive integer');
    this.webhookTimeoutMs = opts.webhookTimeoutMs ?? DEFAULT_CARGAMOS_WEBHOOK_TIMEOUT_MS;
    if (!(this.webhookTimeoutMs > 0)) throw new RangeError('webhookTimeoutMs must be positive');
    const start = opts.startTime ?? DEFAULT_CARGAMOS_START;
    if (!Number.isFinite(start)) throw new RangeError('startTime must be epoch milliseconds');
    this.clock = new VirtualClock(start);
    this.coverage = validateCoverageTable(opts.coverage);
    this.faults = new FaultInjector(deriveSeed(this.seed, 'cargamos-request-faults'), deriveSeed(this.seed, 'cargamos-webhook-faults'), opts.faults ?? {});
    this.load();
  }

  /** A fresh `processId` for an error body (seeded). */
  processId(): string {
    return seededUuid(this.processRng);
  }

  /**
   * INT "Integration": validates the order (schema, uniqueness per shipper, coverage, service level) and creates the
   * shipment in CREATED, whose webhook goes out without holding the answer. Throws CargamosApiError.
   */
  integrate(shipperKey: string, body: unknown): CargamosShipmentRecord {
    const schemaErrors = validateOrderSchema(body);
    if (schemaErrors.length > 0) throw new CargamosApiError(400, schemaErrors);
    const order = body as Record<string, any>;
    const now = this.clock.now();

    const shipperTrackingId: string | null = order.shipperTrackingId ?? null;
    if (shipperTrackingId !== null) {
      const existing = this.store.find(shipperKey, shipperTrackingId);
      if (existing) {
        const time = new Date(existing.createdAt).toISOString().replace('T', ' ').replace('Z', '000');
        throw new CargamosApiError(409, [
          errorItem(
            'ALREADY_EXISTS',
            `The shipment you are trying to create, already exists. Integration lot id: ${existing.lotNumber}. Time: ${time}`,
            'request.body',
            'shipperTrackingId',
          ),
        ]);
      }
    }

    const location = order.recipientLocation as Record<string, any>;
    const postalCode: string = location.postalCode;
    const country = typeof location.country === 'string' ? location.country.toLowerCase() : 'mx';
    const leadDays = country === 'mx' ? coverageLeadDays(this.coverage, postalCode) : null;
    if (leadDays === null) {
      throw new CargamosApiError(409, [
        errorItem('COVERAGE_FAILURE', `There is no coverage for the given postalCode: ${postalCode}`, 'request.body', 'recipientLocation.postalCode'),
      ]);
    }
    const serviceLevel = serviceLevelFailure(order.shipperDropoffDate, order.expectedDeliveryDate, postalCode, leadDays, now);
    if (serviceLevel) throw new CargamosApiError(409, [serviceLevel]);

    let trackingId = shipperTrackingId;
    while (trackingId === null || (shipperTrackingId === null && this.store.trackingIdTaken(trackingId))) trackingId = generatedTrackingId(this.idRng);
    const { record, change } = this.store.create({
      shipperKey, trackingId, shipmentId: seededUuid(this.idRng), shipperTrackingId, request: structuredClone(order), now,
    });
    void this.dispatcher.send(this.deliveriesFor([change]));
    return record;
  }

  /**
   * Moves the clock `ms`, takes every planned step that fell due (each at its due time, earliest first, chains
   * included), then forces `changes` more steps on shipments picked by the seeded PRNG among the active ones, at the
   * new instant. Resolves once their webhooks were sent.
   */
  advance(ms: number, changes = 0): Promise<CargamosAdvanceResult> {
    if (!Number.isInteger(changes) || changes < 0) throw new RangeError('changes must be a non-negative integer');
    const now = this.clock.advance(ms);
    const made: CargamosChange[] = this.store.takeDue(now);
    for (let i = 0; i < changes; i++) {
      const active = this.store.active();
      if (active.length === 0) break;
      made.push(this.store.step(this.changeRng.pick(active), now));
    }
    return this.dispatcher.send(this.deliveriesFor(made)).then((deliveries) => ({ now, changes: made, deliveries }));
  }

  shipments(): CargamosShipmentTruth[] {
    return this.store.all().map(truthView);
  }

  /** Back to the state right after creation: shipments, tokens, login counts, clock, faults, subscriptions, delivery log. */
  reset(): void {
    this.dispatcher.stop();
    this.clock.reset();
    this.subscriptions.clear();
    this.faults.reset();
    this.load();
  }

  close(): void {
    this.dispatcher.stop();
  }

  /**
   * FACTS §5: one POST per shipment and state change to the shipper's subscription when it wants that state, body
   * `{ state, label_id, anomalies }` built now. Faults: nothing at all while `webhooksOff`; a duplicate right after
   * the send; a late resend of the previous state after it.
   */
  private deliveriesFor(changes: CargamosChange[]): OutgoingDelivery[] {
    if (this.faults.get().webhooksOff) return [];
    const out: OutgoingDelivery[] = [];
    for (const change of changes) {
      const record = this.store.byShipment(change.shipmentId)!;
      const entry = [...record.history].reverse().find((h) => h.state === change.to && h.timestamp === change.at)!;
      const sub = this.subscriptions.matching(record.shipperKey, change.to);
      if (sub) {
        const body = payload(change.to, record.trackingId, entry.anomalies);
        const base = { subscriptionId: sub.id, url: sub.url, trackingId: record.trackingId, state: change.to, late: false, body };
        out.push({ ...base, duplicate: false });
        if (this.faults.duplicateSend()) out.push({ ...base, duplicate: true });
      }
      if (change.from !== null && this.faults.lateState()) {
        const lateSub = this.subscriptions.matching(record.shipperKey, change.from);
        const previous = record.history[record.history.indexOf(entry) - 1];
        if (lateSub && previous) {
          const body = payload(previous.state, record.trackingId, previous.anomalies);
          out.push({ subscriptionId: lateSub.id, url: lateSub.url, trackingId: record.trackingId, state: previous.state, late: true, duplicate: false, body });
        }
      }
    }
    return out;
  }

  private load(): void {
    this.tokens = new TokenStore(this.accounts, this.ttlSeconds);
    this.store = new ShipmentStore(this.seed);
    this.idRng = new Prng(deriveSeed(this.seed, 'cargamos-ids'));
    this.processRng = new Prng(deriveSeed(this.seed, 'cargamos-process'));
    this.changeRng = new Prng(deriveSeed(this.seed, 'cargamos-clock'));
    this.dispatcher = new WebhookDispatcher(this.webhookTimeoutMs);
  }
}

function payload(state: CargamosWebhookPayload['state'], trackingId: string, anomalies: CargamosWebhookPayload['anomalies']): string {
  const body: CargamosWebhookPayload = { state, label_id: trackingId, anomalies };
  return JSON.stringify(body);
}
