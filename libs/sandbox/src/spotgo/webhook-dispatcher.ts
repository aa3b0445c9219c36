import { SerialWebhookSender } from '../shared/webhook-sender.js';
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

/**
 * README "Webhooks": one send per event and subscription, one after the other in event order, each with its own
 * timeout, never retried; the subscription's credential goes with every send. Batches queue behind each other (the
 * shared serial sender); the headers, the log entry and the failure count that disables a subscription are SpotGo's.
 */
export class WebhookDispatcher extends SerialWebhookSender<OutgoingDelivery, SpotgoDelivery> {
  constructor(timeoutMs: number) {
    super({
      timeoutMs,
      request: (d) => ({
        url: d.subscription.callbackUrl,
        headers: {
          ...credentialHeaders(d.subscription.credential),
          'content-type': 'application/json; x-api-version=1.0',
          'user-agent': 'SpotGo-Webhooks/1.0',
          'x-spotgo-event': d.eventType,
          'x-spotgo-delivery': d.eventId,
        },
        body: d.body,
      }),
      entry: (d, id, r) => ({
        id, subscriptionId: d.subscription.id, url: d.subscription.callbackUrl, eventType: d.eventType, eventId: d.eventId,
        orderId: d.orderId, documentId: d.documentId, statusCode: r.statusCode, ok: r.ok, error: r.error, durationMs: r.durationMs, body: d.body,
      }),
      afterSend: (d, entry) => {
        const sub = d.subscription;
        if (entry.ok) sub.consecutiveFailures = 0;
        else if (++sub.consecutiveFailures >= DISABLE_AFTER_FAILURES) sub.active = false;
      },
    });
  }
}
