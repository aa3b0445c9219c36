import type { IncomingHttpHeaders } from 'node:http';
import { jsonOrUndefined, startRecordingServer, type HookReceiverOf } from '../../shared/testing/recording-server.js';
import { JSON_MEDIA_TYPE } from '../media-type.js';

/** Helpers for specs that talk to the SpotGo sandbox over real HTTP; no test framework inside. */

export interface SgAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  json: any;
}

export interface SgCallOptions {
  /** Sent as X-Api-Key; null sends none. */
  key?: string | null;
  body?: unknown;
  /** Overrides the `Content-Type` (default `application/json; x-api-version=1.0` when there is a body). */
  contentType?: string;
  headers?: Record<string, string>;
  /** A raw body (multipart) instead of JSON. */
  raw?: Buffer;
}

export async function sg(baseUrl: string, method: string, path: string, opts: SgCallOptions = {}): Promise<SgAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers['x-api-key'] = opts.key;
  let body: Uint8Array | string | undefined;
  if (opts.raw !== undefined) {
    body = new Uint8Array(opts.raw);
    headers['content-type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] = opts.contentType ?? JSON_MEDIA_TYPE;
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  return { status: res.status, headers: res.headers, bytes, text, json: jsonOrUndefined(text) };
}

/** A multipart/form-data body: text fields and files, as a browser or curl -F would send them. */
export function multipartBody(
  parts: ({ name: string; value: string } | { name: string; filename: string; contentType: string; data: Buffer })[],
  boundary = '----sandbox-boundary-7MA4YWxkTrZu0gW',
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = 'filename' in p
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.contentType}\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), 'filename' in p ? p.data : Buffer.from(p.value, 'utf8'), Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  json: any;
}

export type HookReceiver = HookReceiverOf<ReceivedHook>;

/** A local endpoint recording every POST; `status` picks the answer for the n-th one (default 200). */
export async function startHookReceiver(status: (n: number) => number = () => 200): Promise<HookReceiver> {
  const received: ReceivedHook[] = [];
  const server = await startRecordingServer('/webhooks/spotgo/spotgo-default', (req, rawBody, res) => {
    received.push({ headers: req.headers, rawBody, json: jsonOrUndefined(rawBody) });
    res.writeHead(status(received.length), { 'content-type': 'text/plain' }).end('ok');
  });
  return { url: server.url, received, close: server.close };
}

/** An order body as the docs' upsert sample shapes it. */
export function orderBody(orderNumber: string, vatCode = 'LT100012345617', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderNumber,
    manager: { name: 'Agnė P.', email: 'agne@broker.example' },
    carrier: { name: 'Baltic Road Lines UAB', email: 'dispatch@balticroad.example', vatCode },
    internalComments: 'gate 4',
    requiredDocumentTypes: 'cmr',
    details: { weight: 12000, licensePlates: ['LT ABC 123'] },
    locations: [
      { sequence: 0, type: 'Loading', startDate: '2026-04-01T08:00:00.000Z', endDate: '2026-04-01T10:00:00.000Z', name: 'Kaunas DC', countryCode: 'lt', postalCode: '54469', city: 'Kaunas', street: 'Ramybės g. 4', position: { latitude: 54.9, longitude: 23.96 } },
      { sequence: 1, type: 'Unloading', startDate: '2026-04-03T08:00:00.000Z', endDate: '2026-04-03T12:00:00.000Z', name: 'Duisburg', countryCode: 'DE', postalCode: '47119', city: 'Duisburg', street: 'Am Parallelhafen 12', position: null },
    ],
    ...extra,
  };
}
