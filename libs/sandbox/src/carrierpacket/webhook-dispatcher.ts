import type { CarrierpacketEvent } from './carrierpacket.types.js';
import { signCarrierpacketBody } from './webhook-signing.js';
import type { WebhookEndpoint } from './webhook-endpoints.js';

/** One HTTP send, as the sandbox recorded it. */
export interface CarrierpacketDelivery {
  /** 1, 2, … in sending order. */
  id: number;
  webhookId: string;
  url: string;
  event: CarrierpacketEvent;
  submissionId: number;
  synthetic: boolean;
  /** The envelope's `sent_at`. */
  sentAt: string;
  /** The receiver's status code; null when no answer came (timeout, refused, reset). `ok` needs a 2xx and no error. */
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  /** Wall-clock time from sending to the answer or the failure. */
  durationMs: number;
  /** The exact signed bytes (UTF-8). */
  body: string;
}

/** A delivery decided when its event happened: the body is that moment's snapshot. */
export interface OutgoingDelivery {
  endpoint: WebhookEndpoint;
  event: CarrierpacketEvent;
  submissionId: number;
  synthetic: boolean;
  sentAt: string;
  body: string;
}

export interface DispatcherOptions {
  /** FACTS §6: "within 8 seconds"; README: 8 s timeout per endpoint. */
  timeoutMs: number;
}

const LOG_LIMIT = 100_000;

/**
 * Sends deliveries like CarrierPacket does (FACTS §6, README "Webhooks"): synchronously with the event, one endpoint
 * after the other, each with its own timeout, never retried (assumption). Batches queue behind each other, so
 * deliveries go out strictly in event order even when the clock is advanced twice without waiting.
 */
export class WebhookDispatcher {
  private readonly log: CarrierpacketDelivery[] = [];
  private readonly abort = new AbortController();
  private tail: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly opts: DispatcherOptions) {}

  /** Sends `batch` after everything queued before it; resolves with this batch's log entries. Never rejects. */
  send(batch: OutgoingDelivery[]): Promise<CarrierpacketDelivery[]> {
    const run = this.tail.then(async () => {
      const out: CarrierpacketDelivery[] = [];
      for (const d of batch) {
        if (this.stopped) break;
        out.push(await this.post(d));
      }
      return out;
    });
    this.tail = run;
    return run;
  }

  /** Resolves once nothing is queued or in flight, including batches queued while waiting. */
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.tail;
      await seen;
    } while (seen !== this.tail);
  }

  entries(): CarrierpacketDelivery[] {
    return this.log.map((e) => ({ ...e }));
  }

  /** Aborts the send in flight and drops what is queued (close, reset). */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async post(d: OutgoingDelivery): Promise<CarrierpacketDelivery> {
    const entry: CarrierpacketDelivery = {
      id: this.nextId++, webhookId: d.endpoint.id, url: d.endpoint.url, event: d.event, submissionId: d.submissionId,
      synthetic: d.synthetic, sentAt: d.sentAt, statusCode: null, ok: false, error: null, durationMs: 0, body: d.body,
    };
    const started = performance.now();
    try {
      const res = await fetch(d.endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'CarrierPacket-Webhooks/1.0',
          'x-carrierpacket-signature': signCarrierpacketBody(d.endpoint.secret, d.body),
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.opts.timeoutMs), this.abort.signal]),
      });
      entry.statusCode = res.status;
      // The timeout covers the whole answer, body included: a receiver that stalls mid-body still holds the sender.
      await res.arrayBuffer();
      entry.ok = res.status >= 200 && res.status < 300;
    } catch (err) {
      entry.error = describe(err);
    }
    entry.durationMs = Math.round(performance.now() - started);
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
