import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProviderError, WebhookRequestError, WebhookVerificationError, type InboundEvent, type RawWebhook } from '@waybill/provider-kit';
import { toRecord } from './trailflow.mapper.js';
import { TrailflowLoad, validateTrailflow } from './trailflow.schemas.js';

// FACTS §6 "Delivery": headers, signature over `<X-Trailflow-Timestamp>.<raw body>`, bare load body.

export const TRAILFLOW_HEADERS = {
  deliveryId: 'x-trailflow-delivery-id',
  event: 'x-trailflow-event',
  timestamp: 'x-trailflow-timestamp',
  signature: 'x-trailflow-signature',
} as const;

/** README assumption 8: 5 minutes either way. */
export const TRAILFLOW_SIGNATURE_TOLERANCE_MS = 300_000;

// README assumption 8: values below 10^11 are epoch seconds (10^11 s is the year 5138; 10^11 ms is 1973).
const SECONDS_BELOW = 1e11;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Checks `X-Trailflow-Signature` = hex HMAC-SHA256(secret, `<timestamp>.<raw body bytes>`) against every secret and
 * that the timestamp is within `toleranceMs` of `now` (README assumption 8). The signature is checked first, so a
 * timestamp is only judged once it is known to be TrailFlow's. Throws `WebhookVerificationError` (401); never logs or
 * echoes the secret. Then, the delivery being authentic, the headers the protocol requires but does not sign
 * (`X-Trailflow-Delivery-Id`, `X-Trailflow-Event`) must be present: `WebhookRequestError` (400) otherwise.
 */
export function verifyTrailflowSignature(
  req: RawWebhook,
  secrets: readonly string[],
  now: Date,
  toleranceMs: number = TRAILFLOW_SIGNATURE_TOLERANCE_MS,
): void {
  if (secrets.length === 0) throw new WebhookVerificationError('missing_secret', 'no TrailFlow webhook signing secret is configured');
  const signature = header(req, TRAILFLOW_HEADERS.signature);
  if (!signature) throw new WebhookVerificationError('missing_signature', 'X-Trailflow-Signature header is missing');
  const timestamp = header(req, TRAILFLOW_HEADERS.timestamp);
  if (!timestamp) throw new WebhookVerificationError('missing_signature', 'X-Trailflow-Timestamp header is missing');

  // The signed bytes are the body exactly as received: re-serialised JSON may differ in spacing or key order.
  const signed = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), req.rawBody]);
  const hex = signature.trim().replace(/^sha256=/i, '').toLowerCase();
  const wellFormed = HEX_SHA256.test(hex);
  // A malformed value is still compared (against a zero digest of the right length) so its timing says nothing.
  const given = Buffer.from(wellFormed ? hex : '0'.repeat(64), 'utf8');
  // Every secret is tried (no early exit), so the time taken does not say which one matched.
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac('sha256', secret).update(signed).digest('hex'), 'utf8');
    if (timingSafeEqual(expected, given)) matched = true;
  }
  if (!matched || !wellFormed) {
    throw new WebhookVerificationError('bad_signature', 'X-Trailflow-Signature does not match the body');
  }

  const sentAtMs = parseTimestampMs(timestamp);
  if (sentAtMs === null) {
    throw new WebhookVerificationError('stale_timestamp', 'X-Trailflow-Timestamp is not epoch milliseconds or seconds');
  }
  if (Math.abs(now.getTime() - sentAtMs) > toleranceMs) {
    throw new WebhookVerificationError('stale_timestamp', 'X-Trailflow-Timestamp is outside the accepted window');
  }

  // Not signed, but required: without them a delivery has no identity to show or type to apply. Refused, not stored.
  for (const [lowerName, displayName] of [
    [TRAILFLOW_HEADERS.deliveryId, 'X-Trailflow-Delivery-Id'],
    [TRAILFLOW_HEADERS.event, 'X-Trailflow-Event'],
  ] as const) {
    if (!header(req, lowerName)) throw new WebhookRequestError(displayName, `${displayName} header is missing`);
  }
}

/**
 * One delivery = one event. The event type is only in `X-Trailflow-Event` (the body is the bare load, FACTS §6).
 * `load.created` is marked partial so it is hydrated with `GET /v1/loads/{id}` (README assumption 9).
 * `X-Trailflow-Delivery-Id` is a header outside the HMAC, so the delivery is `signed: false`: the inbox deduplicates
 * on the hash of the signed body and keeps the id only for display and conflict detection.
 */
export function parseTrailflowWebhook(req: RawWebhook): InboundEvent[] {
  const deliveryId = requiredHeader(req, TRAILFLOW_HEADERS.deliveryId, 'X-Trailflow-Delivery-Id');
  const eventType = requiredHeader(req, TRAILFLOW_HEADERS.event, 'X-Trailflow-Event');
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch (e) {
    throw new ProviderError('bad_payload', 'TrailFlow webhook body is not JSON', {
      provider: 'trailflow',
      details: [{ field: '$', message: 'body is not valid JSON' }],
      cause: e,
    });
  }
  const load = validateTrailflow(TrailflowLoad, body, 'webhook load');
  return [{ delivery: { deliveryId, signed: false }, eventType, record: { ...toRecord(load, body), partial: eventType === 'load.created' } }];
}

function parseTimestampMs(value: string): number | null {
  if (!/^\d{1,16}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n < SECONDS_BELOW ? n * 1000 : n;
}

function requiredHeader(req: RawWebhook, lowerName: string, displayName: string): string {
  const value = header(req, lowerName);
  if (!value) {
    throw new ProviderError('bad_payload', `TrailFlow webhook has no ${displayName} header`, {
      provider: 'trailflow',
      details: [{ field: displayName, message: `${displayName} header is missing` }],
    });
  }
  return value;
}

/** Case-insensitive lookup; a repeated header counts by its first value. */
function header(req: RawWebhook, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() !== lowerName) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== '') return first.trim();
  }
  return undefined;
}
