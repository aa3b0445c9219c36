import { SerialWebhookSender } from '../shared/webhook-sender.js';
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

/**
 * Sends deliveries like CarrierPacket does (FACTS §6, README "Webhooks"): synchronously with the event, one endpoint
 * after the other, each with its own timeout, never retried (assumption). Batches queue behind each other, so
 * deliveries go out strictly in event order even when the clock is advanced twice without waiting. The queueing and
 * the HTTP mechanics are the shared serial sender's; the headers, the signature and the log entry are CarrierPacket's.
 */
export class WebhookDispatcher extends SerialWebhookSender<OutgoingDelivery, CarrierpacketDelivery> {
  constructor(opts: DispatcherOptions) {
    super({
      timeoutMs: opts.timeoutMs,
      request: (d) => ({
        url: d.endpoint.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'CarrierPacket-Webhooks/1.0',
          'x-carrierpacket-signature': signCarrierpacketBody(d.endpoint.secret, d.body),
        },
        body: d.body,
      }),
      entry: (d, id, r) => ({
        id, webhookId: d.endpoint.id, url: d.endpoint.url, event: d.event, submissionId: d.submissionId, synthetic: d.synthetic,
        sentAt: d.sentAt, statusCode: r.statusCode, ok: r.ok, error: r.error, durationMs: r.durationMs, body: d.body,
      }),
    });
  }
}
