import { randomBytes } from 'node:crypto';
import type { TrailflowEventType } from './trailflow.types.js';

export interface WebhookSubscription {
  id: string;
  url: string;
  eventTypes: TrailflowEventType[];
  status: 'active' | 'deleted';
  createdAt: number;
  /** FACTS §6: shown only in the create answer. */
  signingSecret: string;
}

/** The subscriptions of `POST/GET/DELETE /v1/webhooks` (FACTS §3, §6). */
export class SubscriptionStore {
  private readonly subs = new Map<string, WebhookSubscription>();
  private next = 1;

  create(url: string, eventTypes: TrailflowEventType[], createdAt: number): WebhookSubscription {
    const sub: WebhookSubscription = {
      id: `whsub_${this.next++}`,
      url,
      eventTypes: [...eventTypes],
      status: 'active',
      createdAt,
      // A real secret, not a seeded one: whoever knows the seed must not be able to forge deliveries.
      signingSecret: `tfwhsec_${randomBytes(24).toString('hex')}`,
    };
    this.subs.set(sub.id, sub);
    return sub;
  }

  active(): WebhookSubscription[] {
    return [...this.subs.values()].filter((s) => s.status === 'active');
  }

  matching(event: TrailflowEventType): WebhookSubscription[] {
    return this.active().filter((s) => s.eventTypes.includes(event));
  }

  /** False when the id is unknown or already deleted. */
  delete(id: string): boolean {
    const sub = this.subs.get(id);
    if (!sub || sub.status !== 'active') return false;
    sub.status = 'deleted';
    return true;
  }

  clear(): void {
    this.subs.clear();
  }
}

/** EX "List Webhooks Response": never the secret. */
export function subscriptionListView(sub: WebhookSubscription) {
  return { id: sub.id, url: sub.url, eventTypes: [...sub.eventTypes], status: sub.status, createdAt: sub.createdAt };
}
