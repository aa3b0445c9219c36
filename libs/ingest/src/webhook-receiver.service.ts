import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ConnectionRegistry,
  isProviderError,
  ProviderRegistry,
  type RawWebhook,
  WebhookVerificationError,
} from '@waybill/provider-kit';
import { JOB_QUEUE, type JobQueue } from '@waybill/queue';
import { InboxRepository, type NewInboxMessage } from '@waybill/store';
import { deadLettersTotal, webhookReceivedTotal, webhookRejectedTotal } from '@waybill/telemetry';
import { INBOX_QUEUE, inboxJobId, PROCESS_INBOX_JOB, type InboxJobData } from './ingest.constants.js';

export type ReceiveResult =
  | { status: 'accepted'; deliveries: { id: string; deliveryId: string; duplicate: boolean }[] }
  | { status: 'not_found' }
  | { status: 'invalid_signature'; reason: string };

/** Headers worth keeping for replay and support; signatures and credentials are not among them. */
const KEPT_HEADERS = /^(content-type|user-agent|x-[a-z-]*(delivery|event|timestamp|request)[a-z-]*)$/i;

/**
 * Inbound webhooks: verify on the raw bytes, store in the inbox (unique per delivery id), commit, answer; processing
 * happens later through the queue. Nothing the provider signed is lost: a body that cannot be parsed is stored as a
 * dead letter with its raw bytes.
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
      if (!(e instanceof WebhookVerificationError)) throw e;
      webhookRejectedTotal.inc({ provider: provider.code, reason: e.reason });
      return { status: 'invalid_signature', reason: e.reason };
    }

    const headers = keptHeaders(req.headers);
    const body = req.rawBody.toString('utf8');
    let messages: NewInboxMessage[];
    try {
      messages = provider.webhooks.parse(req).map((event) => ({
        provider: provider.code,
        connectionId: conn.id,
        deliveryId: event.delivery.deliveryId,
        eventType: event.eventType,
        via: 'webhook' as const,
        headers,
        body,
      }));
    } catch (e) {
      if (!isProviderError(e) || e.kind !== 'bad_payload') throw e;
      // Signed by the provider but unreadable: keep it whole as a dead letter, answer 202 so it is not resent forever.
      const deliveryId = firstHeader(req.headers, 'delivery-id') ?? `unparsed:${Date.now()}:${Math.random().toString(36).slice(2)}`;
      messages = [{
        provider: provider.code, connectionId: conn.id, deliveryId, eventType: null, via: 'webhook', headers, body,
        status: 'dead', error: { code: e.kind, message: e.message },
      }];
      deadLettersTotal.inc({ provider: provider.code, via: 'webhook' });
    }

    const stored = await this.inbox.insert(messages);
    for (const s of stored) {
      webhookReceivedTotal.inc({ provider: provider.code, outcome: s.duplicate ? 'duplicate' : 'new' });
      const message = messages.find((m) => m.deliveryId === s.deliveryId);
      if (s.duplicate || message?.status === 'dead') continue;
      await this.enqueue(s.id).catch((err: Error) =>
        // Stored is what counts: the sweeper enqueues it later if the queue is down now.
        this.logger.warn(`inbox ${s.id} stored but not enqueued: ${err.message}`),
      );
    }
    return { status: 'accepted', deliveries: stored };
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
