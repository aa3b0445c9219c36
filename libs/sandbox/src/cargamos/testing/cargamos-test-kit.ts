import { request as httpRequest } from 'node:http';
import { jsonOrUndefined, startRecordingServer, type HookReceiverOf, type HookWithPath } from '../../shared/testing/recording-server.js';
import { dayToIso, mexicoDayOf } from '../service-level.js';
import { DEFAULT_CARGAMOS_ACCOUNT, type CargamosAccount } from '../token-store.js';

/** Helpers for specs that talk to the Cargamos sandbox over real HTTP; no test framework inside. */

export interface CargamosAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/**
 * One request with node:http (fetch refuses a GET with a body, and the docs' login example sends `-d '{}'`).
 * `body` is sent as JSON unless it is a string (sent as is).
 */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<CargamosAnswer> {
  const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...opts.headers };
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: jsonOrUndefined(text) });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export const basicHeader = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** `GET /v1/login?key=` with Basic credentials; returns the token (throws on anything but 200). */
export async function login(baseUrl: string, account: CargamosAccount = DEFAULT_CARGAMOS_ACCOUNT): Promise<string> {
  const res = await send(baseUrl, 'GET', `/v1/login?key=${encodeURIComponent(account.key)}`, {
    headers: { authorization: basicHeader(account.username, account.password) },
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.json.data.token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The Mexico City date `days` after the sandbox clock's, `YYYY-MM-DD`. */
export const serviceDate = (now: number, days: number) => dayToIso(mexicoDayOf(now) + days);

/**
 * A complete delivery order built from the docs' own examples (FACTS §3.1–3.4): the Reforma address by components,
 * John Doe, a box; dropoff today and delivery tomorrow on the sandbox clock. `overrides` replaces top-level keys.
 */
export function sampleOrder(now: number, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    recipientLocation: {
      street: 'Avenida Paseo de la Reforma',
      number: '347',
      intNumber: '201A',
      administrativeArea: 'Ciudad de México',
      subAdministrativeArea: 'Cuauhtémoc',
      country: 'MX',
      neighborhood: 'Cuauhtémoc',
      postalCode: '06500',
    },
    recipientInformation: { fullName: 'John Doe', phone: '5511112222', email: 'john.doe@gmail.com' },
    package: {
      packageType: 'BOX',
      description: 'Sobre con documentos',
      contentValue: 200,
      weight: 9.8,
      weightUnit: 'KG',
      length: 40.0,
      width: 40.0,
      height: 40.0,
      dimensionsUnit: 'CM',
    },
    shipperDropoffDate: serviceDate(now, 0),
    expectedDeliveryDate: serviceDate(now, 1),
    ...overrides,
  };
}

export type ReceivedHook = HookWithPath;

export type HookReceiver = HookReceiverOf<ReceivedHook>;

/** A local endpoint recording every POST, answering `status(n)` (default 200). Its URL carries `?token=t0k`. */
export async function startHookReceiver(status: (n: number) => number = () => 200): Promise<HookReceiver> {
  const received: ReceivedHook[] = [];
  const server = await startRecordingServer('/webhooks/cargamos/cargamos-default?token=t0k', (req, rawBody, res) => {
    received.push({ headers: req.headers, rawBody, path: req.url ?? '' });
    res.writeHead(status(received.length), { 'content-type': 'text/plain' }).end('ok');
  });
  return { url: server.url, received, close: server.close };
}
