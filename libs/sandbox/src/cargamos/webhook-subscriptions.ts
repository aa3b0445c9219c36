import { CARGAMOS_STATES, type CargamosState } from './cargamos.types.js';

/**
 * FACTS §5: one webhook URL per shipper, with the states it wants. The Webhooks API's paths are NOT FOUND, so the
 * sandbox offers no product route for it (assumption: the shipper sets it up with Cargamos, outside the API); tests
 * and the hub use `subscribe()` or `PUT /_sandbox/subscriptions`. Subscribing again replaces the shipper's one.
 */
export interface CargamosSubscription {
  id: string;
  shipperKey: string;
  url: string;
  /** The states notified, or `['*']` for every state. */
  states: CargamosState[] | ['*'];
}

export function validateSubscription(url: unknown, states: unknown): Pick<CargamosSubscription, 'url' | 'states'> {
  let parsed: URL | null = null;
  try {
    parsed = new URL(String(url));
  } catch {
    parsed = null;
  }
  if (typeof url !== 'string' || !parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new RangeError('url must be an absolute http(s) URL');
  }
  if (!Array.isArray(states) || states.length === 0 || !states.every((s) => typeof s === 'string')) {
    throw new RangeError(`states must be a non-empty list of ${CARGAMOS_STATES.join(', ')} or ['*']`);
  }
  if (states.includes('*')) {
    if (states.length !== 1) throw new RangeError("states: '*' stands alone");
    return { url, states: ['*'] };
  }
  const unknown = states.find((s) => !(CARGAMOS_STATES as readonly string[]).includes(s));
  if (unknown !== undefined) throw new RangeError(`states: unknown state "${unknown}" (known: ${CARGAMOS_STATES.join(', ')}, *)`);
  return { url, states: [...new Set(states)] as CargamosState[] };
}

export class SubscriptionStore {
  private readonly byShipper = new Map<string, CargamosSubscription>();
  private nextId = 1;

  set(shipperKey: string, url: unknown, states: unknown): CargamosSubscription {
    const valid = validateSubscription(url, states);
    const sub: CargamosSubscription = { id: `sub_${this.nextId++}`, shipperKey, ...valid };
    this.byShipper.set(shipperKey, sub);
    return { ...sub };
  }

  remove(id: string): boolean {
    for (const [key, sub] of this.byShipper) {
      if (sub.id === id) return this.byShipper.delete(key);
    }
    return false;
  }

  /** The shipper's subscription when it wants `state`. */
  matching(shipperKey: string, state: CargamosState): CargamosSubscription | undefined {
    const sub = this.byShipper.get(shipperKey);
    if (!sub) return undefined;
    return sub.states[0] === '*' || (sub.states as CargamosState[]).includes(state) ? sub : undefined;
  }

  list(): CargamosSubscription[] {
    return [...this.byShipper.values()].map((s) => ({ ...s, states: [...s.states] as CargamosSubscription['states'] }));
  }

  clear(): void {
    this.byShipper.clear();
    this.nextId = 1;
  }
}
