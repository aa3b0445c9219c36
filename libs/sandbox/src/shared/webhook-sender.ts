/**
 * The mechanics every provider's webhook dispatcher shares: one HTTP POST with a timeout, a bounded delivery log, and a
 * queue that sends batches one delivery at a time. What goes on the wire (headers, signing, body) and what is logged
 * stays in each provider's `webhook-dispatcher.ts`, because those are the provider's documented (or assumed) choices.
 */

/** How one POST ended. `statusCode` is null when no answer came (timeout, refused, reset, aborted). */
export interface WebhookPostResult {
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  /** Wall-clock time from sending to the answer or the failure. */
  durationMs: number;
}

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts the send (close, reset); combined with the per-send timeout. */
  signal: AbortSignal;
  /**
   * Whether a failure while reading the answer's body fails the delivery. Default true: the timeout then covers the
   * whole answer, body included, so a receiver that stalls mid-body still holds the sender. False only reads the body
   * to free the connection and judges by the status code alone.
   */
  bodyMustArrive?: boolean;
  /** Turns a thrown error into the log's `error` text; default {@link describeFetchError}. */
  describeError?: (err: unknown) => string;
}

/** POSTs once, never throws, never follows redirects (a 3xx is logged as a failed delivery). */
export async function postWebhook(post: WebhookPost): Promise<WebhookPostResult> {
  const result: WebhookPostResult = { statusCode: null, ok: false, error: null, durationMs: 0 };
  const started = performance.now();
  try {
    const res = await fetch(post.url, {
      method: 'POST',
      headers: post.headers,
      body: post.body,
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(post.timeoutMs), post.signal]),
    });
    result.statusCode = res.status;
    if (post.bodyMustArrive ?? true) await res.arrayBuffer();
    else await res.arrayBuffer().catch(() => undefined);
    result.ok = res.status >= 200 && res.status < 300;
  } catch (err) {
    result.error = (post.describeError ?? describeFetchError)(err);
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/** `Name: message (cause)`: undici hides the useful part (ECONNREFUSED, …) in `cause`. */
export function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause ? ` (${cause.code ?? cause.message})` : '';
  return `${err.name}: ${err.message}${detail}`;
}

/** Keeps a long-running standalone sandbox from growing without bound: the oldest entries go first. */
const LOG_LIMIT = 100_000;

/** Every send so far, oldest first; readers get copies so they cannot change the record. */
export class DeliveryLog<E extends object> {
  private readonly log: E[] = [];

  record(entry: E): void {
    if (this.log.length >= LOG_LIMIT) this.log.shift();
    this.log.push(entry);
  }

  entries(): E[] {
    return this.log.map((e) => ({ ...e }));
  }
}

export interface SerialWebhookSenderOptions<D, E extends object> {
  timeoutMs: number;
  /** What goes on the wire for `d`: the provider's URL, headers and body. */
  request(d: D): { url: string; headers: Record<string, string>; body: string };
  /** The provider's log entry for `d`; `id` is 1, 2, … in sending order. */
  entry(d: D, id: number, result: WebhookPostResult): E;
  /** Runs after each send, before it is logged (e.g. a provider's failure counting). */
  afterSend?(d: D, entry: E): void;
}

/**
 * Sends batches one delivery at a time, each with its own timeout, never retried. Batches queue behind each other, so
 * deliveries go out strictly in the order they were handed over, even when several batches arrive without waiting.
 */
export class SerialWebhookSender<D, E extends object> {
  private readonly log = new DeliveryLog<E>();
  private readonly abort = new AbortController();
  private tail: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly opts: SerialWebhookSenderOptions<D, E>) {}

  /** Sends `batch` after everything queued before it; resolves with this batch's log entries. Never rejects. */
  send(batch: D[]): Promise<E[]> {
    const run = this.tail.then(async () => {
      const out: E[] = [];
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

  entries(): E[] {
    return this.log.entries();
  }

  /** Aborts the send in flight and drops what is queued (close, reset). */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async post(d: D): Promise<E> {
    const id = this.nextId++;
    const result = await postWebhook({ ...this.opts.request(d), timeoutMs: this.opts.timeoutMs, signal: this.abort.signal });
    const entry = this.opts.entry(d, id, result);
    this.opts.afterSend?.(d, entry);
    this.log.record(entry);
    return { ...entry };
  }
}
