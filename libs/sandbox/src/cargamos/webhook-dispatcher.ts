import type { CargamosState } from './cargamos.types.js';

/** One HTTP send, as the sandbox recorded it. */
export interface CargamosDelivery {
  /** 1, 2, … in sending order (the sandbox's own; the payload carries no delivery id, FACTS §5). */
  id: number;
  subscriptionId: string;
  url: string;
  trackingId: string;
  state: CargamosState;
  /** A resend of an earlier state after a later one (the `lateStates` knob). */
  late: boolean;
  /** The second send of a duplicated pair (the `duplicateSends` knob). */
  duplicate: boolean;
  /** The receiver's status code; null when no answer came. `ok` needs a 2xx. */
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
  /** The exact bytes sent (UTF-8 JSON). */
  body: string;
}

/** A send decided when its state change happened: the body is that moment's snapshot. */
export interface OutgoingDelivery {
  subscriptionId: string;
  url: string;
  trackingId: string;
  state: CargamosState;
  late: boolean;
  duplicate: boolean;
  body: string;
}

const LOG_LIMIT = 100_000;

/**
 * Sends like the sandbox's Cargamos does (FACTS §5 is silent beyond the payload, so all of this is an assumption):
 * `POST` with `Content-Type: application/json`, no signature, one attempt per send with a timeout, no retry, no
 * redirects. Batches queue behind each other so sends go out in change order.
 */
export class WebhookDispatcher {
  private readonly log: CargamosDelivery[] = [];
  private readonly abort = new AbortController();
  private tail: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly timeoutMs: number) {}

  /** Sends `batch` after everything queued before it; resolves with this batch's log entries. Never rejects. */
  send(batch: OutgoingDelivery[]): Promise<CargamosDelivery[]> {
    if (batch.length === 0) return Promise.resolve([]);
    const run = this.tail.then(async () => {
      const out: CargamosDelivery[] = [];
      for (const d of batch) {
        if (this.stopped) break;
        out.push(await this.post(d));
      }
      return out;
    });
    this.tail = run;
    return run;
  }

  /** Resolves once nothing is queued or in flight, including batches queued while waiting. */
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.tail;
      await seen;
    } while (seen !== this.tail);
  }

  entries(): CargamosDelivery[] {
    return this.log.map((e) => ({ ...e }));
  }

  /** Aborts the send in flight and drops what is queued (close, reset). */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async post(d: OutgoingDelivery): Promise<CargamosDelivery> {
    const entry: CargamosDelivery = {
      id: this.nextId++, subscriptionId: d.subscriptionId, url: d.url, trackingId: d.trackingId, state: d.state,
      late: d.late, duplicate: d.duplicate, statusCode: null, ok: false, error: null, durationMs: 0, body: d.body,
    };
    const started = performance.now();
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Cargamos-Webhooks/1.0' },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.abort.signal]),
      });
      entry.statusCode = res.status;
      await res.arrayBuffer();
      entry.ok = res.status >= 200 && res.status < 300;
    } catch (err) {
      entry.error = describe(err);
    }
    entry.durationMs = Math.round(performance.now() - started);
    if (this.log.length >= LOG_LIMIT) this.log.shift();
    this.log.push(entry);
    return { ...entry };
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause ? ` (${cause.code ?? cause.message})` : '';
  return `${err.name}: ${err.message}${detail}`;
}
