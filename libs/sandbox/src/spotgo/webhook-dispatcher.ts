import type { SpotgoNotificationType } from './spotgo.types.js';
import { credentialHeaders } from './webhook-auth.js';
import { DISABLE_AFTER_FAILURES, type WebhookSubscription } from './webhook-subscriptions.js';

/** One HTTP send, as the sandbox recorded it. */
export interface SpotgoDelivery {
  /** 1, 2, … in sending order. */
  id: number;
  subscriptionId: string;
  url: string;
  eventType: SpotgoNotificationType;
  eventId: string;
  orderId: string | null;
  documentId: string | null;
  /** The receiver's status code; null when no answer came. `ok` needs a 2xx and no error. */
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
  /** The exact bytes sent (UTF-8 JSON). */
  body: string;
}

/** A delivery decided when its event happened: the body is that moment's snapshot. */
export interface OutgoingDelivery {
  subscription: WebhookSubscription;
  eventType: SpotgoNotificationType;
  eventId: string;
  orderId: string | null;
  documentId: string | null;
  body: string;
}

const LOG_LIMIT = 100_000;

/**
 * README "Webhooks": one send per event and subscription, one after the other in event order, each with its own
 * timeout, never retried; the subscription's credential goes with every send. Batches queue behind each other.
 */
export class WebhookDispatcher {
  private readonly log: SpotgoDelivery[] = [];
  private readonly abort = new AbortController();
  private tail: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly timeoutMs: number) {}

  send(batch: OutgoingDelivery[]): Promise<SpotgoDelivery[]> {
    const run = this.tail.then(async () => {
      const out: SpotgoDelivery[] = [];
      for (const d of batch) {
        if (this.stopped) break;
        out.push(await this.post(d));
      }
      return out;
    });
    this.tail = run;
    return run;
  }

  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.tail;
      await seen;
    } while (seen !== this.tail);
  }

  entries(): SpotgoDelivery[] {
    return this.log.map((e) => ({ ...e }));
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async post(d: OutgoingDelivery): Promise<SpotgoDelivery> {
    const sub = d.subscription;
    const entry: SpotgoDelivery = {
      id: this.nextId++, subscriptionId: sub.id, url: sub.callbackUrl, eventType: d.eventType, eventId: d.eventId,
      orderId: d.orderId, documentId: d.documentId, statusCode: null, ok: false, error: null, durationMs: 0, body: d.body,
    };
    const started = performance.now();
    try {
      const res = await fetch(sub.callbackUrl, {
        method: 'POST',
        headers: {
          ...credentialHeaders(sub.credential),
          'content-type': 'application/json; x-api-version=1.0',
          'user-agent': 'SpotGo-Webhooks/1.0',
          'x-spotgo-event': d.eventType,
          'x-spotgo-delivery': d.eventId,
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.abort.signal]),
      });
      entry.statusCode = res.status;
      await res.arrayBuffer();
      entry.ok = res.status >= 200 && res.status < 300;
    } catch (err) {
      entry.error = describe(err);
    }
    entry.durationMs = Math.round(performance.now() - started);
    if (entry.ok) sub.consecutiveFailures = 0;
    else if (++sub.consecutiveFailures >= DISABLE_AFTER_FAILURES) sub.active = false;
    if (this.log.length >= LOG_LIMIT) this.log.shift();
    this.log.push(entry);
    return { ...entry };
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause ? ` (${cause.code ?? cause.message})` : '';
  return `${err.name}: ${err.message}${detail}`;
}
