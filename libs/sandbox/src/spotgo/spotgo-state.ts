import { Prng, deriveSeed } from '../prng.js';
import { VirtualClock } from '../trailflow/clock.js';
import {
  RANDOM_CHANGE_KINDS, applyDueChanges, applyRandomChanges, type SpotgoChange, type SpotgoRandomChangeKind,
} from './clock-events.js';
import { generateOrders } from './data-generator.js';
import { FaultInjector, type SpotgoFaults } from './faults.js';
import { iso, seededGuid } from './ids.js';
import type { CommandContext, Notification } from './order-commands.js';
import { OrderStore } from './order-store.js';
import { orderView } from './order-views.js';
import { DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW_MS, RateLimiter } from './rate-limiter.js';
import type { SpotgoNotificationType, SpotgoOrderView, SpotgoWorkflow } from './spotgo.types.js';
import { WebhookDispatcher, type OutgoingDelivery, type SpotgoDelivery } from './webhook-dispatcher.js';
import { WebhookSubscriptionStore, type WebhookSubscription } from './webhook-subscriptions.js';

export interface SpotgoKey {
  key: string;
  /** Requests per rate-limit window for this key. Default: the sandbox's `rateLimit` (100). */
  ratePerWindow?: number;
}

export interface SpotgoSandboxOptions {
  /** Same seed → same data, ids, share links, clock changes and fault draws. Default 1. */
  seed?: number;
  /** Generated orders. Default 50. */
  orders?: number;
  /** Default: one key, DEFAULT_SPOTGO_KEY. */
  keys?: SpotgoKey[];
  /** Sandbox clock start, epoch ms; generated orders are older. Default 2026-03-30T08:00:00Z. */
  startTime?: number;
  /** Requests per key per window (docs: "the default rate limit is 100"). Default 100. */
  rateLimit?: number;
  /** The rate-limit window in wall-clock ms (README: 60 s). Tests shorten it. */
  rateLimitWindowMs?: number;
  /** Per order (by order number) or for all: A = SpotGo's pipeline accepts documents, B = the broker reviews. Default A. */
  workflow?: SpotgoWorkflow | ((orderNumber: string) => SpotgoWorkflow);
  /** Largest file `POST …/documents` takes. Default 10 MiB. */
  uploadLimitBytes?: number;
  /** Per-delivery webhook timeout. Default 10,000 ms. */
  webhookTimeoutMs?: number;
  faults?: Partial<SpotgoFaults>;
}

export const DEFAULT_SPOTGO_KEY = 'sg_test_sandbox';
/** 2026-03-30T08:00:00Z: the Monday after Europe's spring DST change. */
export const DEFAULT_SPOTGO_START = Date.UTC(2026, 2, 30, 8, 0, 0);
export const DEFAULT_SPOTGO_ORDERS = 50;
export const DEFAULT_UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const DEFAULT_SPOTGO_WEBHOOK_TIMEOUT_MS = 10_000;
export const DEFAULT_CHANGES_PER_ADVANCE = 10;

/** README "Webhooks": the thin notification body. */
export interface SpotgoNotificationBody {
  eventId: string;
  eventType: SpotgoNotificationType;
  occurredAt: string;
  orderId: string | null;
  orderNumber: string | null;
  documentId: string | null;
  /** The document's status for document events, the order's for `OrderCompleted`; null for `Test`. */
  status: string | null;
  orderStatus: string | null;
}

export interface SpotgoAdvanceResult {
  /** The clock after the move (epoch ms). */
  now: number;
  /** Due changes (at their due instants) then drawn ones (at `now`). */
  changes: SpotgoChange[];
  /** The webhook sends these changes caused, in sending order. */
  deliveries: SpotgoDelivery[];
}

/** Everything the simulated SpotGo company account knows; routes read it at request time because `reset` replaces parts. */
export class SpotgoState {
  readonly seed: number;
  readonly orderCount: number;
  readonly keys: Map<string, { key: string; ratePerWindow: number }>;
  readonly clock: VirtualClock;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly uploadLimitBytes: number;
  private readonly workflowFor: (orderNumber: string) => SpotgoWorkflow;
  private readonly webhookTimeoutMs: number;
  store!: OrderStore;
  subscriptions!: WebhookSubscriptionStore;
  dispatcher!: WebhookDispatcher;
  ctx!: CommandContext;
  private changeRng!: Prng;
  private eventRng!: Prng;
  private pending: OutgoingDelivery[] = [];

  constructor(opts: SpotgoSandboxOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.orderCount = nonNegativeInteger(opts.orders ?? DEFAULT_SPOTGO_ORDERS, 'orders');
    const rate = positiveInteger(opts.rateLimit ?? DEFAULT_RATE_LIMIT, 'rateLimit');
    const keys = opts.keys ?? [{ key: DEFAULT_SPOTGO_KEY }];
    for (const k of keys) if (typeof k.key !== 'string' || k.key === '') throw new RangeError('every key needs a non-empty key string');
    this.keys = new Map(keys.map((k) => [k.key, { key: k.key, ratePerWindow: positiveInteger(k.ratePerWindow ?? rate, 'ratePerWindow') }]));
    const start = opts.startTime ?? DEFAULT_SPOTGO_START;
    if (!Number.isFinite(start)) throw new RangeError('startTime must be epoch milliseconds');
    this.clock = new VirtualClock(start);
    this.limiter = new RateLimiter(positiveInteger(opts.rateLimitWindowMs ?? DEFAULT_RATE_WINDOW_MS, 'rateLimitWindowMs'));
    this.faults = new FaultInjector(deriveSeed(this.seed, 'spotgo-faults'), opts.faults ?? {});
    this.uploadLimitBytes = positiveInteger(opts.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES, 'uploadLimitBytes');
    this.webhookTimeoutMs = positiveInteger(opts.webhookTimeoutMs ?? DEFAULT_SPOTGO_WEBHOOK_TIMEOUT_MS, 'webhookTimeoutMs');
    const wf = opts.workflow ?? 'A';
    if (typeof wf === 'string' && wf !== 'A' && wf !== 'B') throw new RangeError('workflow must be "A", "B" or a function');
    this.workflowFor = typeof wf === 'function' ? wf : () => wf;
    this.load();
  }

  /**
   * Moves the clock, applies the changes that fell due, then `count` drawn changes at the new instant, and sends their
   * webhooks. The data changes at once; the promise resolves when the deliveries are done.
   */
  advance(ms: number, count = DEFAULT_CHANGES_PER_ADVANCE, kinds: readonly SpotgoRandomChangeKind[] = RANDOM_CHANGE_KINDS): Promise<SpotgoAdvanceResult> {
    nonNegativeInteger(count, 'changes');
    const unknown = kinds.find((k) => !(RANDOM_CHANGE_KINDS as readonly string[]).includes(k));
    if (unknown !== undefined) throw new RangeError(`kinds: unknown change "${unknown}" (known: ${RANDOM_CHANGE_KINDS.join(', ')})`);
    const now = this.clock.advance(ms);
    const changes = [...applyDueChanges(this.ctx, now), ...applyRandomChanges(this.ctx, this.changeRng, count, now, kinds)];
    return this.flush().then((deliveries) => ({ now, changes, deliveries }));
  }

  /** Sends what the last command or clock move reported; resolves with those sends. */
  flush(): Promise<SpotgoDelivery[]> {
    const batch = this.pending;
    this.pending = [];
    return this.dispatcher.send(batch);
  }

  /** `PUT /api/v1/webhooks/{id}/notify`: a `Test` notification to that subscription only. */
  sendTest(sub: WebhookSubscription): Promise<SpotgoDelivery> {
    const body: SpotgoNotificationBody = {
      eventId: seededGuid(this.eventRng), eventType: 'Test', occurredAt: iso(this.clock.now()),
      orderId: null, orderNumber: null, documentId: null, status: null, orderStatus: null,
    };
    return this.dispatcher
      .send([{ subscription: sub, eventType: 'Test', eventId: body.eventId, orderId: null, documentId: null, body: JSON.stringify(body) }])
      .then((sent) => sent[0]);
  }

  orders(): SpotgoOrderView[] {
    return this.store.all().map(orderView);
  }

  reset(): void {
    this.dispatcher.stop();
    this.clock.reset();
    this.faults.reset();
    this.limiter.clear();
    this.load();
  }

  close(): void {
    this.dispatcher.stop();
  }

  /** Built when the change happens: the body is that moment's snapshot. */
  private notify(n: Notification): void {
    const subs = this.subscriptions.matching(n.eventType);
    if (subs.length === 0) return;
    const body: SpotgoNotificationBody = {
      eventId: seededGuid(this.eventRng), eventType: n.eventType, occurredAt: iso(n.at), orderId: n.order.id,
      orderNumber: n.order.orderNumber, documentId: n.doc?.id ?? null, status: n.doc ? n.doc.status : n.order.status,
      orderStatus: n.order.status,
    };
    const text = JSON.stringify(body);
    for (const subscription of subs) {
      this.pending.push({ subscription, eventType: n.eventType, eventId: body.eventId, orderId: body.orderId, documentId: body.documentId, body: text });
    }
  }

  private load(): void {
    this.store = new OrderStore(
      generateOrders({ seed: this.seed, orders: this.orderCount, startTime: this.clock.now(), workflowFor: this.workflowFor }),
    );
    this.changeRng = new Prng(deriveSeed(this.seed, 'spotgo-clock'));
    this.eventRng = new Prng(deriveSeed(this.seed, 'spotgo-events'));
    this.subscriptions = new WebhookSubscriptionStore(new Prng(deriveSeed(this.seed, 'spotgo-subscriptions')));
    this.dispatcher = new WebhookDispatcher(this.webhookTimeoutMs);
    this.pending = [];
    this.ctx = {
      store: this.store,
      ids: new Prng(deriveSeed(this.seed, 'spotgo-ids')),
      timing: new Prng(deriveSeed(this.seed, 'spotgo-timing')),
      tick: () => this.clock.tick(),
      workflowFor: this.workflowFor,
      notify: (n) => this.notify(n),
    };
  }
}

function nonNegativeInteger(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return n;
}

function positiveInteger(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer`);
  return n;
}
