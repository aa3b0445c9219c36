import { createHmac } from 'node:crypto';
/**
 * FACTS §6: hex HMAC-SHA256 of `<X-Trailflow-Timestamp>.<raw body>` keyed with the subscription's signing secret.
 * README assumption 8: the timestamp is epoch milliseconds as a decimal string, the signature carries no prefix.
 */
export function signDelivery(secret, timestamp, rawBody) {
    return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}
