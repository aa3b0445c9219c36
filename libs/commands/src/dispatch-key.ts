import { createHash } from 'node:crypto';

/**
 * The provider idempotency key of a dispatch: a function of (shipment, provider, connection) only, so the request that
 * recorded the dispatch, a retry by the TMS and the sweeper after a crash all send the same key, and the provider's own
 * idempotency (TrailFlow's Idempotency-Key, SpotGo's upsert by order number) turns a repeat into a replay, never a
 * second order. An adapter whose provider refuses a reused key with another body (TrailFlow) adds a hash of the body.
 */
export function dispatchIdempotencyKey(shipmentId: string, provider: string, connectionId: string): string {
  return `wb-dsp-${createHash('sha256').update(`${shipmentId}\u0000${provider}\u0000${connectionId}`).digest('hex').slice(0, 40)}`;
}
