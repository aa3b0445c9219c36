import { Prng, deriveSeed } from '../prng.js';
import { VirtualClock } from '../trailflow/clock.js';
import { BrokerTime, isoWithOffset } from './broker-time.js';
import type {
  CarrierpacketDocument, CarrierpacketPacket, CarrierpacketSubmission, CarrierpacketSubscribableEvent, SubmissionRecord,
} from './carrierpacket.types.js';
import { CHANGE_KINDS, applyChanges, type CarrierpacketChange, type CarrierpacketChangeKind } from './clock-events.js';
import { generateCarrierpacketDataset } from './data-generator.js';
import { FaultInjector, type CarrierpacketFaults } from './faults.js';
import { CarrierpacketStore } from './submission-store.js';
import { documentView, packetView, submissionView, webhookSubmission } from './views.js';
import { WebhookDispatcher, type CarrierpacketDelivery, type OutgoingDelivery } from './webhook-dispatcher.js';
import { WebhookEndpointStore } from './webhook-endpoints.js';
import { SYNTHETIC_SUBMISSION } from './synthetic-submission.js';

export interface CarrierpacketKey {
  key: string;
  /** REST "IP allowlist": literal addresses; empty or absent = any address. */
  allowIps?: string[];
}

export interface CarrierpacketSandboxOptions {
  /** Same seed → same data, same clock changes, same fault draws. Default 1. */
  seed?: number;
  /** Generated submissions. Default 200. */
  submissions?: number;
  /** Default: one key, DEFAULT_CARRIERPACKET_KEY, no allowlist. */
  keys?: CarrierpacketKey[];
  /** The broker's IANA zone: every `YYYY-MM-DD HH:MM:SS` and `days_until_expiry` use it. Default `UTC`. */
  timezone?: string;
  /** Sandbox clock start, epoch ms; generated data is older, expiries spread around its date. Default 2026-11-01T12:00Z. */
  startTime?: number;
  /** Serve `GET /documents/{id}/file` (REST "What's coming"). Default false: the route does not exist (404). */
  fileStreaming?: boolean;
  /** Per-endpoint delivery timeout. Default 8,000 ms (FACTS §6). */
  webhookTimeoutMs?: number;
  /** The envelope's `broker_id`. Default 42 (FACTS §6 sample). */
  brokerId?: number;
  /** The first K submissions are TrailFlow's sandbox carriers (same names and dispatch e-mails). Default 20. */
  overlapCarriers?: number;
  faults?: Partial<CarrierpacketFaults>;
}

export const DEFAULT_CARRIERPACKET_KEY = 'cpl_test_sandbox';
/** 2026-11-01T12:00:00Z: the US fall-back day, so days counted in a US zone cross a DST change as the clock moves. */
export const DEFAULT_CARRIERPACKET_START = Date.UTC(2026, 10, 1, 12, 0, 0);
export const DEFAULT_CHANGES_PER_ADVANCE = 10;
/** FACTS §6: deliveries go out "within 8 seconds"; README: an 8 s timeout per endpoint. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 8_000;

export interface CarrierpacketAdvanceResult {
  /** The clock after the move (epoch ms); every change happened at this instant. */
  now: number;
  changes: CarrierpacketChange[];
  /** The webhook sends these changes caused, in sending order. */
  deliveries: CarrierpacketDelivery[];
}

/** Everything the simulated CarrierPacket knows; routes read it at request time because `reset` replaces parts of it. */
export class CarrierpacketState {
  readonly seed: number;
  readonly submissionCount: number;
  readonly overlapCarriers: number;
  readonly keys: Map<string, Required<CarrierpacketKey>>;
  readonly time: BrokerTime;
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly endpoints = new WebhookEndpointStore();
  readonly fileStreaming: boolean;
  readonly brokerId: number;
  private readonly webhookTimeoutMs: number;
  store!: CarrierpacketStore;
  dispatcher!: WebhookDispatcher;
  private changeRng!: Prng;

  constructor(opts: CarrierpacketSandboxOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.submissionCount = nonNegativeInteger(opts.submissions ?? 200, 'submissions');
    this.overlapCarriers = nonNegativeInteger(opts.overlapCarriers ?? 20, 'overlapCarriers');
    this.webhookTimeoutMs = opts.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    if (!(this.webhookTimeoutMs > 0)) throw new RangeError('webhookTimeoutMs must be positive');
    this.brokerId = opts.brokerId ?? 42;
    this.fileStreaming = opts.fileStreaming ?? false;
    const keys = opts.keys ?? [{ key: DEFAULT_CARRIERPACKET_KEY }];
    for (const k of keys) if (typeof k.key !== 'string' || k.key === '') throw new RangeError('every key needs a non-empty key string');
    this.keys = new Map(keys.map((k) => [k.key, { key: k.key, allowIps: [...(k.allowIps ?? [])] }]));
    this.time = new BrokerTime(opts.timezone ?? 'UTC');
    const start = opts.startTime ?? DEFAULT_CARRIERPACKET_START;
    if (!Number.isFinite(start)) throw new RangeError('startTime must be epoch milliseconds');
    this.clock = new VirtualClock(start);
    this.faults = new FaultInjector(deriveSeed(this.seed, 'carrierpacket-faults'), opts.faults ?? {});
    this.load();
  }

  /** The broker's date on the sandbox clock, as a day number: the `today` of `days_until_expiry`. */
  today(): number {
    return this.time.dayOf(this.clock.now());
  }

  /**
   * Moves the clock, applies `count` seeded changes at the new instant, and sends their webhooks (one after another).
   * The data changes at once; the promise resolves when the deliveries are done.
   */
  advance(ms: number, count = DEFAULT_CHANGES_PER_ADVANCE, kinds: readonly CarrierpacketChangeKind[] = CHANGE_KINDS): Promise<CarrierpacketAdvanceResult> {
    nonNegativeInteger(count, 'changes');
    const unknown = kinds.find((k) => !(CHANGE_KINDS as readonly string[]).includes(k));
    if (unknown !== undefined) throw new RangeError(`kinds: unknown change "${unknown}" (known: ${CHANGE_KINDS.join(', ')})`);
    const now = this.clock.advance(ms);
    const outgoing: OutgoingDelivery[] = [];
    const ctx = { store: this.store, rng: this.changeRng, time: this.time, overlapCarriers: this.overlapCarriers };
    const changes = applyChanges(ctx, count, now, kinds, (change) => {
      const submission = this.store.findSubmission(change.submissionId)!;
      for (const event of change.events) outgoing.push(...this.deliveriesFor(event, submission, now));
    });
    return this.dispatcher.send(outgoing).then((deliveries) => ({ now, changes, deliveries }));
  }

  /** FACTS §6 "Send test": `webhook.test` to one endpoint, `_synthetic: true` on the envelope and the submission. */
  sendTest(webhookId: string): Promise<CarrierpacketDelivery> {
    const endpoint = this.endpoints.get(webhookId);
    if (!endpoint) throw new RangeError(`No webhook endpoint ${webhookId}`);
    const sentAt = isoWithOffset(this.clock.now());
    const body = JSON.stringify({
      event: 'webhook.test', sent_at: sentAt, broker_id: this.brokerId, _synthetic: true, submission: { ...SYNTHETIC_SUBMISSION, _synthetic: true },
    });
    return this.dispatcher
      .send([{ endpoint, event: 'webhook.test', submissionId: SYNTHETIC_SUBMISSION.id, synthetic: true, sentAt, body }])
      .then((sent) => sent[0]);
  }

  submissions(): CarrierpacketSubmission[] {
    return this.store.liveSubmissions().map(submissionView);
  }

  documents(): CarrierpacketDocument[] {
    const today = this.today();
    return this.store.allDocuments().map((d) => documentView(d, today));
  }

  packets(): CarrierpacketPacket[] {
    return this.store.packets.map(packetView);
  }

  /** Back to the state right after creation: data, clock, faults, webhook endpoints, delivery log. */
  reset(): void {
    this.dispatcher.stop();
    this.clock.reset();
    this.endpoints.clear();
    this.faults.reset();
    this.load();
  }

  close(): void {
    this.dispatcher.stop();
  }

  /** FACTS §6 envelope, decided when the event happens: its body is the submission as the change left it. */
  private deliveriesFor(event: CarrierpacketSubscribableEvent, submission: SubmissionRecord, now: number): OutgoingDelivery[] {
    const endpoints = this.endpoints.matching(event);
    if (endpoints.length === 0) return [];
    const sentAt = isoWithOffset(now);
    const body = JSON.stringify({ event, sent_at: sentAt, broker_id: this.brokerId, submission: webhookSubmission(submission) });
    return endpoints.map((endpoint) => ({ endpoint, event, submissionId: submission.row.id, synthetic: false, sentAt, body }));
  }

  private load(): void {
    this.store = new CarrierpacketStore(
      generateCarrierpacketDataset({
        seed: this.seed, submissions: this.submissionCount, startTime: this.clock.now(), time: this.time, overlapCarriers: this.overlapCarriers,
      }),
    );
    this.changeRng = new Prng(deriveSeed(this.seed, 'carrierpacket-clock'));
    this.dispatcher = new WebhookDispatcher({ timeoutMs: this.webhookTimeoutMs });
  }
}

function nonNegativeInteger(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return n;
}
