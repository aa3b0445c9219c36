import {
  createCarrierpacketSandbox,
  createTrailflowSandbox,
  SANDBOX_ALL_SCOPES,
  type CarrierpacketSandbox,
  type CarrierpacketSandboxOptions,
  type TrailflowSandbox,
} from '@waybill/sandbox';
import type { Connection } from '@waybill/provider-kit';
import { DataSource } from 'typeorm';
import { startWaybill, type WaybillApp } from '../../src/app.factory.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { request } from './http.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TEST_ADMIN_KEY, testConfig } from './test-config.js';
import { waitFor } from './wait-for.js';

export const CP_KEY = 'cpl_test_e2e_key';
export const CP_CONNECTION = 'carrierpacket-default';
export const TF_CONNECTION = 'trailflow-default';
const TF_KEY = 'tf_test_e2e_key';

export interface SyncRow {
  connection: string;
  running: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: { message: string; at: string } | null;
  lastRun: { seen: number; changed: number; failed: number };
  resyncs: { count: number; lastAt: string | null };
  checkpoint: Record<string, unknown> | null;
}

/** A CarrierPacket sandbox (and optionally a TrailFlow one) and a hub connected to them over loopback HTTP. */
export interface CarrierpacketHub {
  db: TestDatabase;
  sandbox: CarrierpacketSandbox;
  trailflow?: TrailflowSandbox;
  app: WaybillApp;
  connection: Connection;
  dataSource: DataSource;
  api(path: string, init?: Parameters<typeof request>[1]): ReturnType<typeof request>;
  /** Starts a run of `connection` now and waits for a run that started after this call to finish. */
  syncNow(connection?: string, timeoutMs?: number): Promise<SyncRow>;
  /** Every page of a list route, following `nextCursor`. */
  all<T>(path: string): Promise<T[]>;
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

export async function startCarrierpacketHub(
  opts: {
    sandbox?: CarrierpacketSandboxOptions;
    settings?: Record<string, unknown>;
    webhookSecrets?: string[];
    withTrailflow?: { loads: number };
    hub?: Partial<AppConfig>;
  } = {},
): Promise<CarrierpacketHub> {
  const db = await createTestDatabase();
  // The sandbox clock starts now, so "today" is the same day for the sandbox's days_until_expiry and the hub's.
  const sandbox = createCarrierpacketSandbox({ startTime: Date.now(), keys: [{ key: CP_KEY }], ...opts.sandbox });
  const connection: Connection = {
    id: CP_CONNECTION,
    provider: 'carrierpacket',
    baseUrl: await sandbox.listen(0, '127.0.0.1'),
    credentials: { apiKey: CP_KEY },
    webhookSecrets: opts.webhookSecrets ?? [],
    settings: { pollIntervalSeconds: 3600, ...opts.settings },
  };
  const connections = [connection];
  let trailflow: TrailflowSandbox | undefined;
  if (opts.withTrailflow) {
    trailflow = createTrailflowSandbox({ loads: opts.withTrailflow.loads, keys: [{ key: TF_KEY, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 100_000 }] });
    connections.push({
      id: TF_CONNECTION,
      provider: 'trailflow',
      baseUrl: await trailflow.listen(0, '127.0.0.1'),
      credentials: { apiKey: TF_KEY },
      webhookSecrets: [],
      settings: { pollIntervalSeconds: 3600 },
    });
  }
  const app = await startWaybill(testConfig(db, opts.hub), connections, { host: '127.0.0.1' });
  const dataSource = app.context.get(DataSource);
  const api: CarrierpacketHub['api'] = (path, init = {}) => request(`${app.url}${path}`, { key: TEST_ADMIN_KEY, ...init });
  const syncStatus = async (id: string) => {
    const res = await api('/v1/sync');
    return (res.body.data as SyncRow[]).find((r) => r.connection === id)!;
  };
  return {
    db,
    sandbox,
    trailflow,
    app,
    connection,
    dataSource,
    api,
    syncNow: async (id = CP_CONNECTION, timeoutMs = 180_000) => {
      const provider = id.split('-')[0];
      const since = Date.now();
      let lastTrigger = 0;
      return waitFor(
        `a sync run of ${id} to finish`,
        async () => {
          const row = await syncStatus(id);
          const started = row.lastRunAt ? Date.parse(row.lastRunAt) : 0;
          const ended = Math.max(row.lastSuccessAt ? Date.parse(row.lastSuccessAt) : 0, row.lastError ? Date.parse(row.lastError.at) : 0);
          if (started >= since && !row.running && ended >= started) return row;
          if (!row.running && Date.now() - lastTrigger > 1000) {
            lastTrigger = Date.now();
            await api(`/v1/sync/${provider}/run?connection=${id}`, { method: 'POST' });
          }
          return undefined;
        },
        timeoutMs,
        50,
      );
    },
    all: async <T>(path: string) => {
      const out: T[] = [];
      let cursor: string | null = null;
      do {
        const sep = path.includes('?') ? '&' : '?';
        const res = await api(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
        out.push(...(res.body.data as T[]));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      return out;
    },
    count: async (table, where) =>
      Number((await dataSource.query(`SELECT count(*)::int AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`))[0].n),
    close: async () => {
      await app.close();
      await sandbox.close();
      await trailflow?.close();
      await db.drop();
    },
  };
}
