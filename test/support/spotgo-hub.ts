import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSpotgoSandbox,
  SPOTGO_WEBHOOK_AUTH_HEADER,
  type SpotgoOrderView,
  type SpotgoSandbox,
  type SpotgoSandboxOptions,
} from '@waybill/sandbox';
import type { Connection } from '@waybill/provider-kit';
import { DataSource } from 'typeorm';
import { startWaybill, type WaybillApp } from '../../src/app.factory.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { request } from './http.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TEST_ADMIN_KEY, testConfig } from './test-config.js';
import { waitFor } from './wait-for.js';

export const SG_KEY = 'sg_test_e2e_key';
export const SG_CONNECTION = 'spotgo-default';

export interface SpotgoSyncRow {
  connection: string;
  running: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: { message: string; at: string } | null;
  lastRun: { seen: number; changed: number; failed: number };
  checkpoint: Record<string, unknown> | null;
}

/**
 * A SpotGo sandbox and a hub connected to it over loopback HTTP, through a counting proxy (so a test can say "nothing
 * was sent to SpotGo"), with the sandbox's webhooks subscribed to the hub the way spotgo.sandbox-definition.ts does it
 * (an `All` subscription whose credential is in `connection.webhookSecrets`).
 */
export interface SpotgoHub {
  db: TestDatabase;
  sandbox: SpotgoSandbox;
  proxy: RecordingProxy;
  app: WaybillApp;
  connection: Connection;
  dataSource: DataSource;
  api(path: string, init?: Parameters<typeof request>[1]): ReturnType<typeof request>;
  /** The sandbox's own API (the provider's view), straight, not through the proxy. */
  spotgo(path: string, init?: RequestInit): Promise<Response>;
  /** The sandbox's truth for one order. */
  order(orderId: string): SpotgoOrderView;
  /** Requests the hub sent to SpotGo's API so far (`/api/…`, answered or not). */
  sentToSpotgo(): number;
  /** What the hub sent to SpotGo's API and what SpotGo answered, oldest first. */
  exchanges(): Exchange[];
  /** Starts a sync run now and waits for a run that started after this call to finish. */
  syncNow(timeoutMs?: number): Promise<SpotgoSyncRow>;
  /**
   * The carrier opens the order's share link and uploads its missing paper (a CMR) on the sandbox clock. The clock
   * draws carriers at random among open orders, so it moves one change at a time until this order has one more document.
   */
  carrierUploads(orderId: string): Promise<SpotgoOrderView['documents'][number]>;
  close(): Promise<void>;
}

export async function startSpotgoHub(
  opts: { sandbox?: SpotgoSandboxOptions; hub?: Partial<AppConfig>; webhooks?: boolean; settings?: Record<string, unknown> } = {},
): Promise<SpotgoHub> {
  const db = await createTestDatabase();
  const sandbox = createSpotgoSandbox({ orders: 0, keys: [{ key: SG_KEY }], startTime: Date.now(), rateLimit: 100_000, ...opts.sandbox });
  const sandboxUrl = await sandbox.listen(0, '127.0.0.1');
  const proxy = await startRecordingProxy(sandboxUrl);
  const secret = `sgwh_${randomBytes(24).toString('hex')}`;
  const connection: Connection = {
    id: SG_CONNECTION,
    provider: 'spotgo',
    baseUrl: proxy.url,
    credentials: { apiKey: SG_KEY },
    webhookSecrets: [secret],
    settings: { pollIntervalSeconds: 3600, pageSize: 100, ...opts.settings },
  };
  const app = await startWaybill(testConfig(db, opts.hub), [connection], { host: '127.0.0.1' });
  if (opts.webhooks !== false) {
    sandbox.subscribe({
      eventType: 'All',
      callbackUrl: `${app.url}/webhooks/spotgo/${SG_CONNECTION}`,
      authType: 'ApiKey',
      authentication: { apiKey: { headerName: SPOTGO_WEBHOOK_AUTH_HEADER, value: secret } },
    });
  }
  const dataSource = app.context.get(DataSource);
  const api: SpotgoHub['api'] = (path, init = {}) => request(`${app.url}${path}`, { key: TEST_ADMIN_KEY, ...init });
  const order = (orderId: string) => {
    const o = sandbox.orders().find((x) => x.orderId === orderId);
    if (!o) throw new Error(`no order ${orderId} at the sandbox`);
    return o;
  };
  const syncStatus = async () => ((await api('/v1/sync')).body.data as SpotgoSyncRow[]).find((r) => r.connection === SG_CONNECTION)!;
  return {
    db,
    sandbox,
    proxy,
    app,
    connection,
    dataSource,
    api,
    spotgo: (path, init = {}) => fetch(`${sandboxUrl}${path}`, { ...init, headers: { 'x-api-key': SG_KEY, ...(init.headers as Record<string, string>) } }),
    order,
    sentToSpotgo: () => proxy.exchanges.filter((e) => e.path.startsWith('/api/')).length,
    exchanges: () => [...proxy.exchanges],
    syncNow: async (timeoutMs = 120_000) => {
      const since = Date.now();
      let lastTrigger = 0;
      return waitFor(
        `a sync run of ${SG_CONNECTION} to finish`,
        async () => {
          const row = await syncStatus();
          const started = row.lastRunAt ? Date.parse(row.lastRunAt) : 0;
          const ended = Math.max(row.lastSuccessAt ? Date.parse(row.lastSuccessAt) : 0, row.lastError ? Date.parse(row.lastError.at) : 0);
          if (started >= since && !row.running && ended >= started) return row;
          if (!row.running && Date.now() - lastTrigger > 1000) {
            lastTrigger = Date.now();
            await api(`/v1/sync/spotgo/run?connection=${SG_CONNECTION}`, { method: 'POST' });
          }
          return undefined;
        },
        timeoutMs,
        50,
      );
    },
    carrierUploads: async (orderId) => {
      const before = order(orderId).documents.length;
      for (let i = 0; i < 500 && order(orderId).status === 'Created'; i++) await sandbox.advance(1000, { changes: 1, kinds: ['opened'] });
      for (let i = 0; i < 500; i++) {
        const docs = order(orderId).documents;
        if (docs.length > before) return docs[docs.length - 1]!;
        await sandbox.advance(1000, { changes: 1, kinds: ['uploaded'] });
      }
      throw new Error(`the carrier of ${orderId} never uploaded`);
    },
    close: async () => {
      await app.close();
      await proxy.close();
      await sandbox.close();
      await db.drop();
    },
  };
}

/** A shipment the TMS creates that SpotGo takes (order number = reference, carrier VAT code, two stops with instants). */
export function spotgoShipmentBody(reference: string, vatCode = 'LT100012345617'): Record<string, unknown> {
  return {
    reference,
    carrier: { name: 'Baltic Haulage UAB', email: 'dispatch@baltic-haulage.lt', vatCode },
    stops: [
      {
        sequence: 1, type: 'PICKUP', name: 'Vilnius DC',
        address: { line1: 'Savanorių pr. 178', city: 'Vilnius', postalCode: '03154', countryCode: 'LT' },
        window: { start: '2026-04-01T05:00:00Z', end: '2026-04-01T09:00:00Z', timezone: 'Europe/Vilnius' },
      },
      {
        sequence: 2, type: 'DELIVERY', name: 'Berlin Hub',
        address: { line1: 'Am Borsigturm 100', city: 'Berlin', postalCode: '13507', countryCode: 'DE' },
        window: { start: '2026-04-02T06:00:00Z', end: '2026-04-02T10:30:00Z', timezone: 'Europe/Berlin' },
      },
    ],
    cargo: { weightKg: 12400 },
    notes: 'Tail-lift needed',
  };
}

export interface Exchange {
  method: string;
  path: string;
  /** SpotGo's answer; null while in flight or when the connection was dropped. */
  status: number | null;
}

interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

/** A loopback proxy between the hub and the sandbox that records every request and its answer's status (bodies streamed). */
async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const server = http.createServer((req, res) => {
    const entry: Exchange = { method: req.method ?? 'GET', path: (req.url ?? '').split('?')[0]!, status: null };
    exchanges.push(entry);
    const proxied = http.request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        entry.status = answer.statusCode ?? null;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.on('error', () => res.destroy());
    req.on('error', () => proxied.destroy());
    req.pipe(proxied);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
