import { createHash, timingSafeEqual } from 'node:crypto';
import { WebhookRequestError, WebhookVerificationError, type InboundEvent, type RawWebhook } from '@waybill/provider-kit';
import { orderExternalId } from './spotgo.mapper.js';
import { SpotgoWebhookNotice, spotgoBadPayload, validateSpotgo } from './spotgo.schemas.js';

// README "Webhooks": SpotGo sends the credential the hub's subscription named (`authType: ApiKey`, header
// `X-Waybill-Webhook-Secret`) verbatim; the body is not signed. The notice is thin: the processor hydrates it with
// `GET /api/v1/orders/{orderId}`.

export const SPOTGO_HEADERS = {
  /** The credential header the hub subscribes with (README "The hub's credential"). */
  credential: 'x-waybill-webhook-secret',
  delivery: 'x-spotgo-delivery',
  event: 'x-spotgo-event',
} as const;

/**
 * The credential header against EVERY configured secret, timing-safe: both sides are hashed to 32 bytes first, so
 * neither the length nor which secret matched shows in the time taken. Then the delivery id header (unsigned, but the
 * README's protocol always sends it) must be present, or the request is a 400.
 */
export function verifySpotgoWebhook(req: RawWebhook, secrets: readonly string[]): void {
  if (secrets.length === 0) throw new WebhookVerificationError('missing_secret', 'no SpotGo webhook secret is configured');
  const presented = header(req, SPOTGO_HEADERS.credential);
  if (presented === undefined) throw new WebhookVerificationError('missing_signature', 'X-Waybill-Webhook-Secret header is missing');
  const given = digest(presented);
  let matched = false;
  for (const secret of secrets) {
    if (timingSafeEqual(digest(secret), given)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('bad_signature', 'X-Waybill-Webhook-Secret does not match any configured secret');
  if (header(req, SPOTGO_HEADERS.delivery) === undefined) {
    throw new WebhookRequestError(SPOTGO_HEADERS.delivery, 'X-SpotGo-Delivery header is missing');
  }
}

/**
 * One notice = one event on the order it names. The delivery id is `X-SpotGo-Delivery` (= the body's `eventId`),
 * covered by no signature: `signed: false`. `Test` (null ids) is synthetic: stored and answered, never applied.
 */
export function parseSpotgoWebhook(req: RawWebhook): InboundEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch (e) {
    throw spotgoBadPayload('webhook body', [{ field: '$', message: 'body is not valid JSON' }], e);
  }
  const notice = validateSpotgo(SpotgoWebhookNotice, body, 'webhook notice');
  const synthetic = notice.eventType === 'Test';
  const orderId = notice.orderId?.trim() ?? '';
  if (!synthetic && orderId === '') throw spotgoBadPayload('webhook notice', [{ field: 'orderId', message: 'orderId is required' }]);
  const event: InboundEvent = {
    delivery: { deliveryId: header(req, SPOTGO_HEADERS.delivery) ?? notice.eventId, signed: false },
    eventType: notice.eventType,
    record: { kind: 'shipment', externalId: orderId === '' ? '' : orderExternalId(orderId), providerUpdatedAt: null, raw: body, partial: true },
  };
  if (synthetic) event.synthetic = true;
  return [event];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Case-insensitive lookup; a repeated header counts by its first value; blank counts as missing. */
function header(req: RawWebhook, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() !== lowerName) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== '') return first.trim();
  }
  return undefined;
}
