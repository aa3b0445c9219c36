import { DeliveryLog, postWebhook } from '../shared/webhook-sender.js';
import type { FaultInjector } from './faults.js';
import type { TrailflowBareLoad, TrailflowEventType } from './trailflow.types.js';
import { signDelivery } from './webhook-signing.js';
import type { SubscriptionStore, WebhookSubscription } from './webhook-subscriptions.js';

/** One HTTP send of a delivery, as the sandbox recorded it. */
export interface DeliveryLogEntry {
  deliveryId: string;
  subscriptionId: string;
  url: string;
  event: TrailflowEventType;
  loadId: string;
  /** 1–3; a duplicate send repeats the number of the attempt it copies. */
  attempt: number;
  duplicate: boolean;
  /** The delivery was held back and sent after a newer delivery of the same load. */
  outOfOrder: boolean;
  /** The X-Trailflow-Timestamp that was sent (wall-clock epoch ms). */
  timestamp: number;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  body: string;
}

export interface DispatcherOptions {
  subscriptions: SubscriptionStore;
  faults: FaultInjector;
  /** Multiplies the documented retry delays (60 s, 300 s); tests use e.g. 0.001. */
  delayScale: number;
  timeoutMs: number;
  concurrency: number;
  wallClock?: () => number;
}

// FACTS §6: at most 3 attempts, about 1 minute then 5 minutes apart.
const MAX_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [60_000, 300_000];

interface Delivery {
  id: string;
  sub: WebhookSubscription;
  event: TrailflowEventType;
  loadId: string;
  body: string;
  attempts: number;
  duplicate: boolean;
  outOfOrder: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * Sends webhooks like TrailFlow does: bare load body, signed headers, retries, best-effort order (FACTS §6). Unlike the
 * other providers' dispatchers this is not a one-at-a-time queue: up to `concurrency` sends run at once, failures are
 * retried and some deliveries are held back, so only the HTTP send and the delivery log come from the shared sender.
 */
export class WebhookDispatcher {
  private readonly log = new DeliveryLog<DeliveryLogEntry>();
  private readonly pending = new Set<Delivery>();
  private readonly held = new Map<string, Delivery>();
  private readonly queue: Delivery[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly abort = new AbortController();
  private active = 0;
  private nextId = 1;
  private stopped = false;

  constructor(private readonly opts: DispatcherOptions) {}

  emit(event: TrailflowEventType, load: TrailflowBareLoad): void {
    if (this.stopped) return;
    const body = JSON.stringify(load);
    for (const sub of this.opts.subscriptions.matching(event)) {
      const draw = this.opts.faults.drawDelivery();
      const delivery: Delivery = {
        id: `whdel_${this.nextId++}`, sub, event, loadId: load.id, body, attempts: 0, duplicate: draw.duplicate, outOfOrder: false,
      };
      this.pending.add(delivery);
      const key = holdKey(delivery);
      if (draw.outOfOrder && !this.held.has(key)) {
        // Sent after the next delivery of this load, or after the first retry delay if none comes.
        delivery.outOfOrder = true;
        this.held.set(key, delivery);
        delivery.timer = setTimeout(() => this.releaseHeld(key, null), this.scaled(RETRY_DELAYS_MS[0]));
      } else {
        this.enqueue(delivery);
      }
    }
  }

  entries(): DeliveryLogEntry[] {
    return this.log.entries();
  }

  /** Resolves once no delivery is queued, in flight, held back or waiting for a retry. */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Cancels everything pending (timers, in-flight requests); used by close and reset. */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
    for (const d of this.pending) clearTimeout(d.timer);
    this.pending.clear();
    this.held.clear();
    this.queue.length = 0;
    this.notifyIdle();
  }

  private scaled(ms: number): number {
    return Math.max(0, Math.round(ms * this.opts.delayScale));
  }

  private enqueue(delivery: Delivery): void {
    this.queue.push(delivery);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.active < this.opts.concurrency && this.queue.length > 0) {
      const delivery = this.queue.shift()!;
      this.active++;
      this.attempt(delivery)
        .catch(() => this.finish(delivery))
        .finally(() => {
          this.active--;
          this.pump();
        });
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    if (d.sub.status !== 'active') return this.finish(d);
    const ok = await this.send(d, false);
    if (this.stopped) return;
    if (d.attempts === 1) this.releaseHeld(holdKey(d), d);
    if (ok) {
      if (d.duplicate) await this.send(d, true);
      return this.finish(d);
    }
    if (d.attempts >= MAX_ATTEMPTS) return this.finish(d);
    d.timer = setTimeout(() => {
      d.timer = undefined;
      this.enqueue(d);
    }, this.scaled(RETRY_DELAYS_MS[d.attempts - 1]));
  }

  private releaseHeld(key: string, sender: Delivery | null): void {
    const held = this.held.get(key);
    if (!held || held === sender) return;
    clearTimeout(held.timer);
    held.timer = undefined;
    this.held.delete(key);
    this.enqueue(held);
  }

  private async send(d: Delivery, duplicate: boolean): Promise<boolean> {
    if (!duplicate) d.attempts++;
    const attempt = d.attempts;
    const timestamp = (this.opts.wallClock ?? Date.now)();
    const r = await postWebhook({
      url: d.sub.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'TrailFlow-Webhooks (waybill sandbox)',
        'x-trailflow-delivery-id': d.id,
        'x-trailflow-event': d.event,
        'x-trailflow-timestamp': String(timestamp),
        'x-trailflow-signature': signDelivery(d.sub.signingSecret, String(timestamp), d.body),
      },
      body: d.body,
      timeoutMs: this.opts.timeoutMs,
      signal: this.abort.signal,
      // TrailFlow judges a send by its status code alone; the answer's body is only drained.
      bodyMustArrive: false,
      describeError: (err) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)),
    });
    this.log.record({
      deliveryId: d.id, subscriptionId: d.sub.id, url: d.sub.url, event: d.event, loadId: d.loadId, attempt,
      duplicate, outOfOrder: d.outOfOrder, timestamp, statusCode: r.statusCode, ok: r.ok, error: r.error, body: d.body,
    });
    return r.ok;
  }

  private finish(d: Delivery): void {
    clearTimeout(d.timer);
    this.pending.delete(d);
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.pending.size > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

function holdKey(d: Delivery): string {
  return `${d.sub.id}|${d.loadId}`;
}
