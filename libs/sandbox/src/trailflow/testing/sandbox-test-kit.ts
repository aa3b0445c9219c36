import type { IncomingHttpHeaders } from 'node:http';
import { jsonOrUndefined, startRecordingServer, type HookReceiverOf } from '../../shared/testing/recording-server.js';

/** Helpers for specs that talk to the sandbox over real HTTP; no test framework inside, so builds stay clean. */

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the text is not JSON. */
  json: any;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export async function call(baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: jsonOrUndefined(text) };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  answeredWith: number;
}

export type WebhookReceiver = HookReceiverOf<ReceivedWebhook>;

/** A local HTTP endpoint that records every webhook; `answer` picks the status code for each one (default 200). */
export async function startReceiver(answer: (n: number, hook: Omit<ReceivedWebhook, 'answeredWith'>) => number = () => 200): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = await startRecordingServer('/webhooks/trailflow', (req, rawBody, res) => {
    const hook = { headers: req.headers, rawBody };
    const status = answer(received.length + 1, hook);
    received.push({ ...hook, answeredWith: status });
    res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
  });
  return { url: server.url, received, close: server.close };
}
