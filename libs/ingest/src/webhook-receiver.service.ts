import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ConnectionRegistry,
  isProviderError,
  ProviderRegistry,
  type RawWebhook,
  WebhookRequestError,
  WebhookVerificationError,
} from '@waybill/provider-kit';
import { JOB_QUEUE, type JobQueue } from '@waybill/queue';
import { InboxRepository, inboxDedupKey, type NewInboxMessage, sha256Hex } from '@waybill/store';
import { deadLettersTotal, webhookConflictsTotal, webhookReceivedTotal, webhookRejectedTotal } from '@waybill/telemetry';
import { INBOX_QUEUE, inboxJobId, PROCESS_INBOX_JOB, type InboxJobData } from './ingest.constants.js';

export type ReceiveResult =
  | { status: 'accepted'; deliveries: { id: string; deliveryId: string; duplicate: boolean; conflict: boolean }[] }
  | { status: 'not_found' }
  | { status: 'invalid_signature'; reason: string }
  | { status: 'invalid_request'; field: string; message: string };

/** A webhook body larger than this is refused with `413` before it is read, unless the connection allows more. */
export const DEFAULT_WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/** Headers worth keeping for replay and support; signatures and credentials are not among them. */
const KEPT_HEADERS = /^(content-type|user-agent|x-[a-z-]*(delivery|event|timestamp|request)[a-z-]*)$/i;

/**
 * Inbound webhooks: verify on the raw bytes, store in the inbox, commit, answer; processing happens later through the
 * queue. Nothing the provider signed is lost: a body that cannot be parsed is stored as a dead letter with its raw bytes.
 *
 * Identity (the kit's `DeliveryIdentity`): a delivery id the provider signs is the inbox key; an unsigned one (a plain
 * header anyone holding a captured delivery could change) is not trusted: the key is the SHA-256 of the signed body
 * (a retry re-signs the same body with a new timestamp, so the timestamp is not part of it), and the header value is
 * kept only to show and to detect a conflict (same id, another body: a dead letter `delivery_conflict`, counted).
 * A refused delivery (401 signature, 400 missing header) stores nothing.
 */
@Injectable()
export class WebhookReceiverService {
  private readonly logger = new Logger(WebhookReceiverService.name);

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly connections: ConnectionRegistry,
    private readonly inbox: InboxRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async receive(providerCode: string, connectionId: string | undefined, req: RawWebhook): Promise<ReceiveResult> {
    const provider = this.providers.find(providerCode);
    const conn = connectionId ? this.connections.find(providerCode, connectionId) : this.connections.defaultFor(providerCode);
    if (!provider?.webhooks || !conn) return { status: 'not_found' };

    try {
      provider.webhooks.verify(req, conn);
    } catch (e) {
      if (e instanceof WebhookVerificationError) {
        webhookRejectedTotal.inc({ provider: provider.code, reason: e.reason });
        return { status: 'invalid_signature', reason: e.reason };
      }
      if (e instanceof WebhookRequestError) {
        webhookRejectedTotal.inc({ provider: provider.code, reason: 'missing_header' });
        return { status: 'invalid_request', field: e.field, message: e.message };
      }
      throw e;
    }

    const headers = keptHeaders(req.headers);
    const body = req.rawBody.toString('utf8');
    const bodySha256 = sha256Hex(req.rawBody);
    const common = { provider: provider.code, connectionId: conn.id, via: 'webhook' as const, headers, body, sha256: bodySha256 };
    let messages: NewInboxMessage[];
    try {
      messages = provider.webhooks.parse(req).map((event, index) => ({
        ...common,
        deliveryId: event.delivery.deliveryId,
        dedupKey: inboxDedupKey(event.delivery, bodySha256, index),
        detectConflict: !event.delivery.signed,
        eventType: event.eventType,
        // A test delivery is stored and answered, never applied.
        ...(event.synthetic ? { status: 'ignored' as const } : {}),
      }));
    } catch (e) {
      if (!isProviderError(e) || e.kind !== 'bad_payload') throw e;
      // Signed by the provider but unreadable: keep it whole as a dead letter, answer 202 so it is not resent forever.
      // Keyed by the body's hash: an unsigned header (or a random id) would let one capture mint endless dead letters.
      const deliveryId = firstHeader(req.headers, 'delivery-id') ?? `unparsed:${bodySha256.slice(0, 16)}`;
      messages = [{
        ...common, deliveryId, dedupKey: `body:${bodySha256}`, eventType: null,
        status: 'dead', error: { code: e.kind, message: e.message },
      }];
    }

    const stored = await this.inbox.insert(messages);
    for (const s of stored) {
      webhookReceivedTotal.inc({ provider: provider.code, outcome: s.duplicate ? 'duplicate' : s.conflict ? 'conflict' : 'new' });
      if (s.duplicate) continue;
      if (s.conflict) {
        webhookConflictsTotal.inc({ provider: provider.code });
        this.logger.warn(`inbox ${s.id} (${provider.code}/${conn.id}): delivery id ${s.deliveryId} reused with another body, kept as a dead letter`);
      }
      if (s.status === 'dead') deadLettersTotal.inc({ provider: provider.code, via: 'webhook' });
      if (s.status !== 'received') continue;
      await this.enqueue(s.id).catch((err: Error) =>
        // Stored is what counts: the sweeper enqueues it later if the queue is down now.
        this.logger.warn(`inbox ${s.id} stored but not enqueued: ${err.message}`),
      );
    }
    return { status: 'accepted', deliveries: stored.map(({ id, deliveryId, duplicate, conflict }) => ({ id, deliveryId, duplicate, conflict })) };
  }

  /**
   * The largest webhook body accepted on this endpoint: the connection's `webhookBodyLimitBytes` setting (a provider
   * that documents larger deliveries), else 1 MB. Unknown endpoints get the default (they answer 404 anyway).
   */
  bodyLimitFor(providerCode: string, connectionId: string | undefined): number {
    const conn = connectionId ? this.connections.find(providerCode, connectionId) : this.connections.defaultFor(providerCode);
    const setting = Number(conn?.settings?.webhookBodyLimitBytes);
    return Number.isFinite(setting) && setting > 0 ? Math.floor(setting) : DEFAULT_WEBHOOK_BODY_LIMIT_BYTES;
  }

  async enqueue(inboxId: string): Promise<void> {
    const data: InboxJobData = { inboxId };
    await this.queue.add(INBOX_QUEUE, PROCESS_INBOX_JOB, data, { jobId: inboxJobId(inboxId), attempts: 5, backoffMs: 1000 });
  }
}

function keptHeaders(headers: RawWebhook['headers']): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && KEPT_HEADERS.test(name) && !/signature/i.test(name)) kept[name.toLowerCase()] = String(value);
  }
  return kept;
}

function firstHeader(headers: RawWebhook['headers'], suffix: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase().endsWith(suffix) && value) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
