import { createHash, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError, type InboundEvent, type RawWebhook } from '@waybill/provider-kit';
import { CargamosWebhookPayload, cargamosBadPayload, validateCargamos } from './cargamos.schemas.js';
import { isFinalCargamosState } from './cargamos.status-map.js';

// README "Webhooks": Cargamos does not sign. A delivery is accepted only at `/webhooks/cargamos/{connection}` with
// `?token=` equal (timing-safe) to one of the connection's webhook secrets (CARGAMOS_WEBHOOK_TOKEN).

/** The query parameter carrying the URL token (a secret query parameter: redacted from logged URLs). */
export const CARGAMOS_TOKEN_PARAM = 'token';

/**
 * `?token=` against EVERY configured token, timing-safe: both sides are hashed to 32 bytes first, so neither the
 * length nor which token matched shows in the time taken. Missing or wrong → WebhookVerificationError (401).
 */
export function verifyCargamosWebhook(req: RawWebhook, tokens: readonly string[]): void {
  if (tokens.length === 0) throw new WebhookVerificationError('missing_secret', 'no Cargamos webhook token is configured');
  const raw = req.query[CARGAMOS_TOKEN_PARAM];
  const presented = Array.isArray(raw) ? raw[0] : raw;
  if (presented === undefined || presented === '') throw new WebhookVerificationError('bad_token', 'the token query parameter is missing');
  const given = digest(presented);
  let matched = false;
  for (const token of tokens) {
    if (timingSafeEqual(digest(token), given)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('bad_token', 'the token query parameter does not match any configured token');
}

/**
 * One POST = one state of one shipment (FACTS §5). No delivery id exists: the id is the SHA-256 of the body, and it is
 * `signed: false` (the URL token authenticates the sender, not the body), so the inbox deduplicates on the body hash.
 * The record's externalId is `label_id` (= the dispatch's trackingId). A final state is taken as it is (a final state
 * never changes); any other state may be late (webhooks carry no time and the merge follows a single source, backwards
 * included), so its record is `partial` and the processor hydrates it from the tracking endpoint, whose `updatedAt`
 * and current state win.
 */
export function parseCargamosWebhook(req: RawWebhook): InboundEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch (e) {
    throw cargamosBadPayload('webhook body', [{ field: '$', message: 'body is not valid JSON' }], e);
  }
  const payload = validateCargamos(CargamosWebhookPayload, body, 'webhook');
  const final = isFinalCargamosState(payload.state);
  return [
    {
      delivery: { deliveryId: createHash('sha256').update(req.rawBody).digest('hex'), signed: false },
      eventType: payload.state,
      record: { kind: 'shipment', externalId: payload.label_id.trim(), providerUpdatedAt: null, raw: body, ...(final ? {} : { partial: true }) },
    },
  ];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
