import { randomBytes } from 'node:crypto';
import { CARRIERPACKET_EVENTS, type CarrierpacketSubscribableEvent } from './carrierpacket.types.js';

/** FACTS §6: "up to 5 webhooks per broker". */
export const MAX_WEBHOOK_ENDPOINTS = 5;

export interface WebhookEndpoint {
  id: string;
  url: string;
  /** The events it receives, or `*` for all. */
  events: CarrierpacketSubscribableEvent[] | ['*'];
  /** FACTS §6: "Each has its own secret". */
  secret: string;
}

export class WebhookLimitError extends Error {}

/** Checks a URL and an event list as CarrierPacket's UI would; the message names the wrong field. */
export function validateEndpoint(url: unknown, events: unknown): { url: string; events: WebhookEndpoint['events'] } {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new RangeError('url must be an absolute http(s) URL');
  }
  if (typeof url !== 'string' || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new RangeError('url must be an absolute http(s) URL');
  }
  if (!Array.isArray(events) || events.length === 0 || !events.every((e) => typeof e === 'string')) {
    throw new RangeError(`events must be a non-empty list of ${CARRIERPACKET_EVENTS.join(', ')} or ['*']`);
  }
  if (events.includes('*')) {
    if (events.length !== 1) throw new RangeError("events: '*' stands alone");
    return { url, events: ['*'] };
  }
  const unknown = events.find((e) => !(CARRIERPACKET_EVENTS as readonly string[]).includes(e));
  if (unknown !== undefined) throw new RangeError(`events: unknown event "${unknown}" (known: ${CARRIERPACKET_EVENTS.join(', ')}, *)`);
  return { url, events: [...new Set(events)] as CarrierpacketSubscribableEvent[] };
}

/** The broker's webhook endpoints (registered in CarrierPacket's UI; here through the sandbox API). */
export class WebhookEndpointStore {
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  private next = 1;

  add(url: unknown, events: unknown): WebhookEndpoint {
    const valid = validateEndpoint(url, events);
    if (this.endpoints.size >= MAX_WEBHOOK_ENDPOINTS) {
      throw new WebhookLimitError(`CarrierPacket allows at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints per broker`);
    }
    const endpoint: WebhookEndpoint = {
      id: `wh_${this.next++}`,
      ...valid,
      // A real secret, not a seeded one: whoever knows the seed must not be able to forge deliveries.
      secret: `cpwh_${randomBytes(16).toString('hex')}`,
    };
    this.endpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  get(id: string): WebhookEndpoint | undefined {
    return this.endpoints.get(id);
  }

  remove(id: string): boolean {
    return this.endpoints.delete(id);
  }

  /** Endpoints that receive `event`, in registration order (the order deliveries go out). */
  matching(event: CarrierpacketSubscribableEvent): WebhookEndpoint[] {
    return [...this.endpoints.values()].filter((e) => e.events[0] === '*' || (e.events as string[]).includes(event));
  }

  clear(): void {
    this.endpoints.clear();
  }
}
