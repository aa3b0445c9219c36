import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError, type InboundEvent, type RawWebhook } from '@waybill/provider-kit';
import {
  carrierpacketBadPayload,
  CarrierpacketWebhookEnvelope,
  validateCarrierpacket,
} from './carrierpacket.schemas.js';

// FACTS §6 and README "Webhooks": the body is `{ event, sent_at, broker_id, submission }`, signed with each
// endpoint's own secret. The header and algorithm are README assumptions (FACTS §6 says NOT FOUND).

export const CARRIERPACKET_HEADERS = {
  signature: 'x-carrierpacket-signature',
} as const;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Checks `X-CarrierPacket-Signature: sha256=<hex HMAC-SHA256(secret, raw body bytes)>` (the prefix is optional)
 * against every configured secret: up to five endpoints each sign with their own (FACTS §6). There is no timestamp
 * header to judge (README). Throws `WebhookVerificationError`; never logs or echoes a secret.
 */
export function verifyCarrierpacketSignature(req: RawWebhook, secrets: readonly string[]): void {
  if (secrets.length === 0) {
    throw new WebhookVerificationError('missing_secret', 'no CarrierPacket webhook secret is configured');
  }
  const signature = header(req, CARRIERPACKET_HEADERS.signature);
  if (!signature) throw new WebhookVerificationError('missing_signature', 'X-CarrierPacket-Signature header is missing');

  const hex = signature.replace(/^sha256=/i, '').trim().toLowerCase();
  // A malformed value is still compared (against a zero digest of the right length) so its timing says nothing.
  const given = Buffer.from(HEX_SHA256.test(hex) ? hex : '0'.repeat(64), 'utf8');
  // Every secret is tried, with no early exit, so the time taken does not say which one matched.
  let matched = false;
  for (const secret of secrets) {
    // The signed bytes are the body exactly as received: re-serialised JSON may differ in spacing or key order.
    const expected = Buffer.from(createHmac('sha256', secret).update(req.rawBody).digest('hex'), 'utf8');
    if (timingSafeEqual(expected, given)) matched = true;
  }
  if (!matched || !HEX_SHA256.test(hex)) {
    throw new WebhookVerificationError('bad_signature', 'X-CarrierPacket-Signature does not match the body');
  }
}

/**
 * One delivery = one event. The delivery id is `<hashid>:<event>` (README: Waybill deduplicates on hashid + event),
 * taken from the signed body, so it is `signed`. The submission is a partial carrier record: the payload carries no
 * documents, so the processor hydrates it (`GET /submissions/{id}` and its documents). `parse` has no connection,
 * hence no broker zone, so the record claims no provider time; the hydrated record carries `updated`.
 */
export function parseCarrierpacketWebhook(req: RawWebhook): InboundEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch (e) {
    throw carrierpacketBadPayload('webhook body', [{ field: '$', message: 'body is not valid JSON' }], e);
  }
  const envelope = validateCarrierpacket(CarrierpacketWebhookEnvelope, body, 'webhook envelope');
  const submission = envelope.submission;
  const hashid = typeof submission.hashid === 'string' ? submission.hashid.trim() : '';
  if (hashid === '') {
    throw carrierpacketBadPayload('webhook envelope', [{ field: 'submission.hashid', message: 'submission.hashid is required' }]);
  }
  const rawSubmission = (body as { submission: unknown }).submission;
  const event: InboundEvent = {
    delivery: { deliveryId: `${hashid}:${envelope.event}`, signed: true },
    eventType: envelope.event,
    record: { kind: 'carrier', externalId: String(submission.id), providerUpdatedAt: null, raw: rawSubmission, partial: true },
  };
  // FACTS §6: `_synthetic` is set on the envelope and on the submission for test and docs-explorer deliveries.
  if (envelope._synthetic === true || submission._synthetic === true) event.synthetic = true;
  return [event];
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
