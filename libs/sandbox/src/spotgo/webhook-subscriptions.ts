import type { Prng } from '../prng.js';
import { seededGuid, iso } from './ids.js';
import { WEBHOOK_EVENT_TYPES, type SpotgoNotificationType, type SpotgoWebhookAuthType, type SpotgoWebhookEventType } from './spotgo.types.js';
import { parseCredential, type WebhookCredential } from './webhook-auth.js';

/** README "Webhooks": a subscription is disabled after this many failed deliveries in a row (`PUT …/reset` re-enables it). */
export const DISABLE_AFTER_FAILURES = 10;

export interface WebhookSubscription {
  id: string;
  eventType: SpotgoWebhookEventType;
  callbackUrl: string;
  credential: WebhookCredential;
  active: boolean;
  consecutiveFailures: number;
  createdAt: number;
}

/** WebhookItemViewModel: never the credential. */
export interface WebhookSubscriptionView {
  subscriptionId: string;
  eventType: SpotgoWebhookEventType;
  callbackUrl: string;
  authType: SpotgoWebhookAuthType;
  active: boolean;
  createdAt: string;
}

export function subscriptionView(s: WebhookSubscription): WebhookSubscriptionView {
  return { subscriptionId: s.id, eventType: s.eventType, callbackUrl: s.callbackUrl, authType: s.credential.authType, active: s.active, createdAt: iso(s.createdAt) };
}

export interface SubscriptionRequest {
  eventType?: unknown;
  callbackUrl?: unknown;
  authType?: unknown;
  authentication?: unknown;
}

export class WebhookSubscriptionStore {
  private readonly subs = new Map<string, WebhookSubscription>();

  constructor(private readonly ids: Prng) {}

  /** WebhookSubscriptionRequest → a subscription; RangeError names the wrong field. */
  add(req: SubscriptionRequest, now: number): WebhookSubscription {
    const eventType = WEBHOOK_EVENT_TYPES.find((e) => e === (req.eventType ?? 'All'));
    if (!eventType) throw new RangeError(`eventType must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    let url: URL;
    try {
      url = new URL(String(req.callbackUrl));
    } catch {
      throw new RangeError('callbackUrl must be an absolute http(s) URL');
    }
    if (typeof req.callbackUrl !== 'string' || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new RangeError('callbackUrl must be an absolute http(s) URL');
    const sub: WebhookSubscription = {
      id: seededGuid(this.ids), eventType, callbackUrl: req.callbackUrl, credential: parseCredential(req.authType, req.authentication),
      active: true, consecutiveFailures: 0, createdAt: now,
    };
    this.subs.set(sub.id, sub);
    return sub;
  }

  get(id: string): WebhookSubscription | undefined {
    return this.subs.get(id.toLowerCase());
  }

  remove(id: string): boolean {
    return this.subs.delete(id.toLowerCase());
  }

  list(): WebhookSubscription[] {
    return [...this.subs.values()];
  }

  /** Active subscriptions that receive `eventType`, in creation order (the order deliveries go out). */
  matching(eventType: SpotgoNotificationType): WebhookSubscription[] {
    return this.list().filter((s) => s.active && (s.eventType === 'All' || s.eventType === eventType));
  }

  clear(): void {
    this.subs.clear();
  }
}
