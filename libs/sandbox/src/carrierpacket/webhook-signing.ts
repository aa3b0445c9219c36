import { createHmac } from 'node:crypto';

/** README "Signature": the header CarrierPacket signs deliveries with. */
export const CARRIERPACKET_SIGNATURE_HEADER = 'X-CarrierPacket-Signature';

/**
 * README: `sha256=<lower-case hex HMAC-SHA256(secret, raw body bytes)>`. No timestamp is signed (none is documented);
 * `sent_at` inside the body is covered by the signature.
 */
export function signCarrierpacketBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
