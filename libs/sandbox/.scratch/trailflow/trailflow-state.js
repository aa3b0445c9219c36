import { Prng, deriveSeed } from '../prng.js';
import { VirtualClock } from './clock.js';
import { generateDataset } from './data-generator.js';
import { FaultInjector } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import { progressLoads } from './load-progression.js';
import { LoadStore } from './load-store.js';
import { bareLoad, fullLoadView } from './load-views.js';
import { RateLimiter } from './rate-limiter.js';
import { SANDBOX_ALL_SCOPES } from './trailflow.types.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { SubscriptionStore } from './webhook-subscriptions.js';
export const DEFAULT_SANDBOX_KEY = 'tf_test_sandbox';
export const DEFAULT_SEED = 1;
export const DEFAULT_LOAD_COUNT = 200;
/** 2024-11-04T17:00:00Z: just after the US fall-back day, so generated stops sit on both sides of both 2024 DST changes. */
export const DEFAULT_BASE_TIME = Date.UTC(2024, 10, 4, 17, 0, 0);
export const DEFAULT_RATE_PER_MINUTE = 60;
export const DEFAULT_CHANGES_PER_ADVANCE = 10;
/** Everything the simulated TrailFlow knows; routes read it at request time because `reset` replaces parts of it. */
export class TrailflowState {
    opts;
    seed;
    loadCount;
    keys;
    clock;
    subscriptions = new SubscriptionStore();
    idempotency = new IdempotencyStore();
    limiter = new RateLimiter();
    faults;
    store;
    dispatcher;
    progressRng;
    constructor(opts = {}) {
        this.opts = opts;
        this.seed = opts.seed ?? DEFAULT_SEED;
        this.loadCount = opts.loads ?? DEFAULT_LOAD_COUNT;
        if (!Number.isInteger(this.loadCount) || this.loadCount < 0)
            throw new RangeError('loads must be a non-negative integer');
        const keys = opts.keys ?? [{ key: DEFAULT_SANDBOX_KEY, scopes: SANDBOX_ALL_SCOPES }];
        this.keys = new Map(keys.map((k) => [k.key, { ratePerMinute: DEFAULT_RATE_PER_MINUTE, ...k }]));
        if (opts.webhookDelayScale !== undefined && !(opts.webhookDelayScale >= 0))
            throw new RangeError('webhookDelayScale must be >= 0');
        this.clock = new VirtualClock(opts.baseTime ?? DEFAULT_BASE_TIME);
        this.faults = new FaultInjector(deriveSeed(this.seed, 'trailflow-faults'), opts.faults ?? {});
        this.load();
    }
    /** Back to the state right after creation: data, clock, faults, subscriptions, idempotency keys, delivery log. */
    reset() {
        this.dispatcher.stop();
        this.clock.reset();
        this.subscriptions.clear();
        this.idempotency.clear();
        this.limiter.clear();
        this.faults.reset();
        this.load();
    }
    close() {
        this.dispatcher.stop();
    }
    /** Moves the virtual clock and `changes` loads one status forward; returns the changed ids. */
    advance(ms, changes = DEFAULT_CHANGES_PER_ADVANCE) {
        if (!Number.isInteger(changes) || changes < 0)
            throw new RangeError('changes must be a non-negative integer');
        const now = this.clock.advance(ms);
        const changed = progressLoads(this.store, this.progressRng, changes, now);
        for (const load of changed)
            this.dispatcher.emit('load.status_changed', bareLoad(load));
        return changed.map((load) => load.id);
    }
    /** Every load with every embed, in creation order: what a complete sync should have produced. */
    truth() {
        return this.store.allLoads().map((load) => fullLoadView(load, this.store));
    }
    /** A write's change goes out as a webhook to every matching subscription. */
    publish(change) {
        this.dispatcher.emit(change.event, bareLoad(change.load));
    }
    load() {
        this.store = new LoadStore(generateDataset({ seed: this.seed, loads: this.loadCount, baseTime: this.clock.now() }));
        this.progressRng = new Prng(deriveSeed(this.seed, 'trailflow-clock'));
        this.dispatcher = new WebhookDispatcher({
            subscriptions: this.subscriptions,
            faults: this.faults,
            delayScale: this.opts.webhookDelayScale ?? 1,
            timeoutMs: this.opts.webhookTimeoutMs ?? 10_000,
            concurrency: this.opts.webhookConcurrency ?? 16,
        });
    }
}
