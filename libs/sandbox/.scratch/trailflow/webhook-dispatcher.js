import { signDelivery } from './webhook-signing.js';
// FACTS §6: at most 3 attempts, about 1 minute then 5 minutes apart.
const MAX_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [60_000, 300_000];
const LOG_LIMIT = 100_000;
/** Sends webhooks like TrailFlow does: bare load body, signed headers, retries, best-effort order (FACTS §6). */
export class WebhookDispatcher {
    opts;
    log = [];
    pending = new Set();
    held = new Map();
    queue = [];
    waiters = [];
    abort = new AbortController();
    active = 0;
    nextId = 1;
    stopped = false;
    constructor(opts) {
        this.opts = opts;
    }
    emit(event, load) {
        if (this.stopped)
            return;
        const body = JSON.stringify(load);
        for (const sub of this.opts.subscriptions.matching(event)) {
            const draw = this.opts.faults.drawDelivery();
            const delivery = {
                id: `whdel_${this.nextId++}`, sub, event, loadId: load.id, body, attempts: 0, duplicate: draw.duplicate, outOfOrder: false,
            };
            this.pending.add(delivery);
            const key = holdKey(delivery);
            if (draw.outOfOrder && !this.held.has(key)) {
                // Sent after the next delivery of this load, or after the first retry delay if none comes.
                delivery.outOfOrder = true;
                this.held.set(key, delivery);
                delivery.timer = setTimeout(() => this.releaseHeld(key, null), this.scaled(RETRY_DELAYS_MS[0]));
            }
            else {
                this.enqueue(delivery);
            }
        }
    }
    entries() {
        return this.log.map((e) => ({ ...e }));
    }
    /** Resolves once no delivery is queued, in flight, held back or waiting for a retry. */
    idle() {
        if (this.pending.size === 0)
            return Promise.resolve();
        return new Promise((resolve) => this.waiters.push(resolve));
    }
    /** Cancels everything pending (timers, in-flight requests); used by close and reset. */
    stop() {
        this.stopped = true;
        this.abort.abort();
        for (const d of this.pending)
            clearTimeout(d.timer);
        this.pending.clear();
        this.held.clear();
        this.queue.length = 0;
        this.notifyIdle();
    }
    scaled(ms) {
        return Math.max(0, Math.round(ms * this.opts.delayScale));
    }
    enqueue(delivery) {
        this.queue.push(delivery);
        this.pump();
    }
    pump() {
        while (!this.stopped && this.active < this.opts.concurrency && this.queue.length > 0) {
            const delivery = this.queue.shift();
            this.active++;
            this.attempt(delivery)
                .catch(() => this.finish(delivery))
                .finally(() => {
                this.active--;
                this.pump();
            });
        }
    }
    async attempt(d) {
        if (d.sub.status !== 'active')
            return this.finish(d);
        const ok = await this.send(d, false);
        if (this.stopped)
            return;
        if (d.attempts === 1)
            this.releaseHeld(holdKey(d), d);
        if (ok) {
            if (d.duplicate)
                await this.send(d, true);
            return this.finish(d);
        }
        if (d.attempts >= MAX_ATTEMPTS)
            return this.finish(d);
        d.timer = setTimeout(() => {
            d.timer = undefined;
            this.enqueue(d);
        }, this.scaled(RETRY_DELAYS_MS[d.attempts - 1]));
    }
    releaseHeld(key, sender) {
        const held = this.held.get(key);
        if (!held || held === sender)
            return;
        clearTimeout(held.timer);
        held.timer = undefined;
        this.held.delete(key);
        this.enqueue(held);
    }
    async send(d, duplicate) {
        if (!duplicate)
            d.attempts++;
        const timestamp = (this.opts.wallClock ?? Date.now)();
        const entry = {
            deliveryId: d.id, subscriptionId: d.sub.id, url: d.sub.url, event: d.event, loadId: d.loadId, attempt: d.attempts,
            duplicate, outOfOrder: d.outOfOrder, timestamp, statusCode: null, ok: false, error: null, body: d.body,
        };
        try {
            const res = await fetch(d.sub.url, {
                method: 'POST',
                headers: {
                    'content-type': 'application/json',
                    'user-agent': 'TrailFlow-Webhooks (waybill sandbox)',
                    'x-trailflow-delivery-id': d.id,
                    'x-trailflow-event': d.event,
                    'x-trailflow-timestamp': String(timestamp),
                    'x-trailflow-signature': signDelivery(d.sub.signingSecret, String(timestamp), d.body),
                },
                body: d.body,
                redirect: 'manual',
                signal: AbortSignal.any([AbortSignal.timeout(this.opts.timeoutMs), this.abort.signal]),
            });
            await res.arrayBuffer().catch(() => undefined);
            entry.statusCode = res.status;
            entry.ok = res.status >= 200 && res.status < 300;
        }
        catch (err) {
            entry.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        }
        if (this.log.length >= LOG_LIMIT)
            this.log.shift();
        this.log.push(entry);
        return entry.ok;
    }
    finish(d) {
        clearTimeout(d.timer);
        this.pending.delete(d);
        this.notifyIdle();
    }
    notifyIdle() {
        if (this.pending.size > 0)
            return;
        for (const resolve of this.waiters.splice(0))
            resolve();
    }
}
function holdKey(d) {
    return `${d.sub.id}|${d.loadId}`;
}
