import { SerialWebhookSender } from '../shared/webhook-sender.js';
import type { CargamosState } from './cargamos.types.js';

/** One HTTP send, as the sandbox recorded it. */
export interface CargamosDelivery {
  /** 1, 2, … in sending order (the sandbox's own; the payload carries no delivery id, FACTS §5). */
  id: number;
  subscriptionId: string;
  url: string;
  trackingId: string;
  state: CargamosState;
  /** A resend of an earlier state after a later one (the `lateStates` knob). */
  late: boolean;
  /** The second send of a duplicated pair (the `duplicateSends` knob). */
  duplicate: boolean;
  /** The receiver's status code; null when no answer came. `ok` needs a 2xx. */
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
  /** The exact bytes sent (UTF-8 JSON). */
  body: string;
}

/** A send decided when its state change happened: the body is that moment's snapshot. */
export type OutgoingDelivery = Pick<CargamosDelivery, 'subscriptionId' | 'url' | 'trackingId' | 'state' | 'late' | 'duplicate' | 'body'>;

/**
 * Sends like the sandbox's Cargamos does (FACTS §5 is silent beyond the payload, so all of this is an assumption):
 * `POST` with `Content-Type: application/json`, no signature, one attempt per send with a timeout, no retry, no
 * redirects. Batches queue behind each other so sends go out in change order (the shared serial sender).
 */
export class WebhookDispatcher extends SerialWebhookSender<OutgoingDelivery, CargamosDelivery> {
  constructor(timeoutMs: number) {
    super({
      timeoutMs,
      request: (d) => ({
        url: d.url,
        headers: { 'content-type': 'application/json', 'user-agent': 'Cargamos-Webhooks/1.0' },
        body: d.body,
      }),
      entry: (d, id, r) => ({
        id, subscriptionId: d.subscriptionId, url: d.url, trackingId: d.trackingId, state: d.state, late: d.late,
        duplicate: d.duplicate, statusCode: r.statusCode, ok: r.ok, error: r.error, durationMs: r.durationMs, body: d.body,
      }),
    });
  }

  /**
   * Unlike the other providers, an empty batch resolves at once instead of waiting for the sends queued before it.
   */
  override send(batch: OutgoingDelivery[]): Promise<CargamosDelivery[]> {
    if (batch.length === 0) return Promise.resolve([]);
    return super.send(batch);
  }
}
