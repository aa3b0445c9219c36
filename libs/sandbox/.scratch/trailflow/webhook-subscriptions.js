import { randomBytes } from 'node:crypto';
/** The subscriptions of `POST/GET/DELETE /v1/webhooks` (FACTS §3, §6). */
export class SubscriptionStore {
    subs = new Map();
    next = 1;
    create(url, eventTypes, createdAt) {
        const sub = {
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
    active() {
        return [...this.subs.values()].filter((s) => s.status === 'active');
    }
    matching(event) {
        return this.active().filter((s) => s.eventTypes.includes(event));
    }
    /** False when the id is unknown or already deleted. */
    delete(id) {
        const sub = this.subs.get(id);
        if (!sub || sub.status !== 'active')
            return false;
        sub.status = 'deleted';
        return true;
    }
    clear() {
        this.subs.clear();
    }
}
/** EX "List Webhooks Response": never the secret. */
export function subscriptionListView(sub) {
    return { id: sub.id, url: sub.url, eventTypes: [...sub.eventTypes], status: sub.status, createdAt: sub.createdAt };
}
