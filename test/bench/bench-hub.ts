import { randomBytes } from 'node:crypto';
import { createCarrierpacketSandbox, createTrailflowSandbox, SANDBOX_ALL_SCOPES, type CarrierpacketSandbox, type TrailflowSandbox } from '@waybill/sandbox';
import type { Connection } from '@waybill/provider-kit';
import { DataSource } from 'typeorm';
import { startWaybill, type WaybillApp } from '../../src/app.factory.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { call, expectStatus, waitFor, type BenchResponse } from './bench-http.js';
import { removeQueueKeys } from './bench-queue.js';

export const CONNECTION_ID = 'trailflow-default';
const TF_KEY = 'tf_bench_key';
const ADMIN_KEY = `wb_bench_admin_${randomBytes(8).toString('hex')}`;

/** What `GET /v1/sync` reports for one connection (the fields the bench reads). */
export interface SyncRow {
  connection: string;
  running: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: { message: string; at: string } | null;
  lastRun: { seen: number; changed: number; failed: number };
}

/** A provider sandbox and a hub connected to it, both in this process, over HTTP on loopback. */
export interface BenchHub<S = TrailflowSandbox> {
  url: string;
  sandbox: S;
  connection: Connection;
  api(path: string, init?: RequestInit): Promise<BenchResponse>;
  /** Triggers a sync run and waits until a run that started after the trigger has finished; throws if it failed. */
  syncRun(timeoutMs: number): Promise<SyncRow>;
  /** Inbox rows in the given statuses, counted in the hub's database. */
  inboxCount(statuses: string[]): Promise<number>;
  close(): Promise<void>;
}

export async function startBenchHub(opts: { loads: number; pageSize: number }): Promise<BenchHub> {
  const sandbox = createTrailflowSandbox({
    loads: opts.loads,
    // The sandbox's own limiter must never be what the bench measures.
    keys: [{ key: TF_KEY, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 1_000_000 }],
  });
  return launch(sandbox, async () => ({
    id: CONNECTION_ID,
    provider: 'trailflow',
    baseUrl: await sandbox.listen(0, '127.0.0.1'),
    credentials: { apiKey: TF_KEY },
    webhookSecrets: [`tfwhsec_bench_${randomBytes(12).toString('hex')}`],
    // A long interval: only the bench's own triggers start runs.
    settings: { pollIntervalSeconds: 3600, pageSize: opts.pageSize },
  }));
}

/** A CarrierPacket sandbox with `submissions` submissions (clock at now, so expiries are around today) and a hub. */
export async function startCarrierpacketBenchHub(opts: { submissions: number }): Promise<BenchHub<CarrierpacketSandbox>> {
  const key = 'cpl_bench_key';
  const sandbox = createCarrierpacketSandbox({ submissions: opts.submissions, keys: [{ key }], startTime: Date.now() });
  return launch(sandbox, async () => ({
    id: 'carrierpacket-default',
    provider: 'carrierpacket',
    baseUrl: await sandbox.listen(0, '127.0.0.1'),
    credentials: { apiKey: key },
    webhookSecrets: [],
    settings: { pollIntervalSeconds: 3600 },
  }));
}

async function launch<S extends { close(): Promise<void> }>(sandbox: S, connect: () => Promise<Connection>): Promise<BenchHub<S>> {
  const db = await createBenchDatabase();
  // Own queues per hub, so two bench runs sharing a Redis never take each other's jobs.
  const queuePrefix = `wbbench${randomBytes(4).toString('hex')}`;
  let app: WaybillApp | undefined;
  try {
    const connection = await connect();
    app = await startWaybill(hubConfig(db, queuePrefix), [connection], { host: '127.0.0.1' });
    return benchHub(app, sandbox, connection, () => cleanUp(db, queuePrefix));
  } catch (e) {
    await app?.close();
    await sandbox.close();
    await cleanUp(db, queuePrefix);
    throw e;
  }
}

async function cleanUp(db: BenchDatabase, queuePrefix: string): Promise<void> {
  await db.drop();
  if (process.env.REDIS_URL) await removeQueueKeys(process.env.REDIS_URL, queuePrefix);
}

function hubConfig(db: BenchDatabase, queuePrefix: string): AppConfig {
  return {
    port: 0,
    role: 'all',
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    redisUrl: process.env.REDIS_URL,
    queuePrefix,
    apiKey: ADMIN_KEY,
    logLevel: 'silent',
    syncLeaseSeconds: 60,
    connections: [],
    sandbox: false,
    sandboxSizes: {},
    sandboxTickSeconds: 0,
  };
}

function benchHub<S extends { close(): Promise<void> }>(app: WaybillApp, sandbox: S, connection: Connection, cleanUpStore: () => Promise<void>): BenchHub<S> {
  const url = app.url!;
  const dataSource = app.context.get(DataSource);
  const api: BenchHub<S>['api'] = (path, init = {}) => call(`${url}${path}`, { key: ADMIN_KEY, ...init });
  const syncStatus = async (): Promise<SyncRow> => {
    const res = await api('/v1/sync');
    expectStatus(res, 200, 'GET /v1/sync');
    const row = (res.body.data as SyncRow[]).find((r) => r.connection === connection.id);
    if (!row) throw new Error(`GET /v1/sync does not list ${connection.id}`);
    return row;
  };
  return {
    url,
    sandbox,
    connection,
    api,
    syncRun: async (timeoutMs) => {
      // lastRunAt has the database's clock; one second of slack covers a skew between it and this process.
      const since = Date.now() - 1000;
      const before = (await syncStatus()).lastRunAt;
      const run = `/v1/sync/${connection.provider}/run?connection=${connection.id}`;
      expectStatus(await api(run, { method: 'POST' }), 202, `POST ${run}`);
      const row = await waitFor(
        'the sync run to finish',
        async () => {
          const r = await syncStatus();
          const started = r.lastRunAt ? Date.parse(r.lastRunAt) : 0;
          if (r.running || r.lastRunAt === before || started < since) return undefined;
          const ended = Math.max(r.lastSuccessAt ? Date.parse(r.lastSuccessAt) : 0, r.lastError ? Date.parse(r.lastError.at) : 0);
          return ended >= started ? r : undefined;
        },
        timeoutMs,
      );
      if (row.lastError && Date.parse(row.lastError.at) >= Date.parse(row.lastRunAt!)) {
        throw new Error(`the sync run failed: ${row.lastError.message}`);
      }
      return row;
    },
    inboxCount: async (statuses) =>
      Number((await dataSource.query('SELECT count(*)::int AS n FROM inbox WHERE status = ANY($1)', [statuses]))[0].n),
    close: async () => {
      await app.close();
      await sandbox.close();
      await cleanUpStore();
    },
  };
}
