import { createTrailflowSandbox, SANDBOX_ALL_SCOPES, type TrailflowSandbox, type TrailflowSandboxOptions } from '@waybill/sandbox';
import type { Connection } from '@waybill/provider-kit';
import { DataSource } from 'typeorm';
import { startWaybill, type WaybillApp } from '../../src/app.factory.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { request } from './http.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TEST_ADMIN_KEY, testConfig } from './test-config.js';
import { waitFor } from './wait-for.js';

export const TF_KEY = 'tf_test_e2e_key';
export const CONNECTION = 'trailflow-default';

/** A TrailFlow sandbox and a hub connected to it, both over real HTTP on loopback. */
export interface TrailflowHub {
  db: TestDatabase;
  sandbox: TrailflowSandbox;
  app: WaybillApp;
  connection: Connection;
  dataSource: DataSource;
  api(path: string, init?: Parameters<typeof request>[1]): ReturnType<typeof request>;
  /** Starts a run now and waits until a run that started after this call has finished (ok or not). */
  syncNow(timeoutMs?: number): Promise<SyncRow>;
  syncStatus(): Promise<SyncRow>;
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

export interface SyncRow {
  running: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: { message: string; at: string } | null;
  lastRun: { seen: number; changed: number; failed: number };
  totals: { seen: number; changed: number; failed: number };
  checkpoint: Record<string, unknown> | null;
}

export async function startTrailflowHub(
  opts: { sandbox?: TrailflowSandboxOptions; hub?: Partial<AppConfig>; pollIntervalSeconds?: number; settings?: Record<string, unknown> } = {},
): Promise<TrailflowHub> {
  const db = await createTestDatabase();
  const sandbox = createTrailflowSandbox({
    keys: [{ key: TF_KEY, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 100_000 }],
    webhookDelayScale: 0.001,
    ...opts.sandbox,
  });
  const url = await sandbox.listen(0, '127.0.0.1');
  const connection: Connection = {
    id: CONNECTION,
    provider: 'trailflow',
    baseUrl: url,
    credentials: { apiKey: TF_KEY },
    webhookSecrets: [],
    settings: { pollIntervalSeconds: opts.pollIntervalSeconds ?? 3600, ...opts.settings },
  };
  const app = await startWaybill(testConfig(db, opts.hub), [connection], { host: '127.0.0.1' });
  const dataSource = app.context.get(DataSource);
  const api: TrailflowHub['api'] = (path, init = {}) => request(`${app.url}${path}`, { key: TEST_ADMIN_KEY, ...init });
  const syncStatus = async () => {
    const res = await api('/v1/sync');
    return (res.body.data as (SyncRow & { connection: string })[]).find((r) => r.connection === CONNECTION)!;
  };
  return {
    db,
    sandbox,
    app,
    connection,
    dataSource,
    api,
    syncStatus,
    syncNow: async (timeoutMs = 120_000) => {
      const since = Date.now();
      let lastTrigger = 0;
      return waitFor(
        'a sync run to finish',
        async () => {
          const row = await syncStatus();
          const started = row.lastRunAt ? Date.parse(row.lastRunAt) : 0;
          const ended = Math.max(row.lastSuccessAt ? Date.parse(row.lastSuccessAt) : 0, row.lastError ? Date.parse(row.lastError.at) : 0);
          if (started >= since && !row.running && ended >= started) return row;
          // A trigger that collapsed into a run already going is repeated once that run is over.
          if (!row.running && Date.now() - lastTrigger > 1000) {
            lastTrigger = Date.now();
            await api('/v1/sync/trailflow/run', { method: 'POST' });
          }
          return undefined;
        },
        timeoutMs,
        50,
      );
    },
    count: async (table, where) =>
      Number((await dataSource.query(`SELECT count(*)::int AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`))[0].n),
    close: async () => {
      await app.close();
      await sandbox.close();
      await db.drop();
    },
  };
}
