import { randomBytes } from 'node:crypto';
import { createTrailflowSandbox, SANDBOX_ALL_SCOPES, type TrailflowSandbox } from '@waybill/sandbox';
import pg from 'pg';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { spawnHub, type HubProcess } from '../../support/hub-process.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { waitFor } from '../../support/wait-for.js';

// Real worker processes share a database and a queue only on PostgreSQL + Redis (PGlite is one process's file).
const services = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const describeWithServices = services ? describe : describe.skip;

const TF_KEY = 'tf_test_process_key';

interface CheckpointRow {
  checkpoint: { cursor: string | null } | null;
  run_seen: number;
  total_seen: string;
  last_success_at: Date | null;
  lease_owner: string | null;
}

describeWithServices('worker processes on PostgreSQL + Redis', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let sandbox: TrailflowSandbox;
  let sandboxUrl: string;
  const workers: HubProcess[] = [];

  const workerEnv = (providerUrl: string, prefix: string) => ({
    WAYBILL_ROLE: 'worker',
    DATABASE_URL: db.config.databaseUrl,
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: prefix,
    TRAILFLOW_BASE_URL: providerUrl,
    TRAILFLOW_API_KEY: TF_KEY,
    TRAILFLOW_POLL_INTERVAL_SECONDS: '5',
    SYNC_LEASE_SECONDS: '4',
  });
  const checkpoint = async () =>
    ((await sql.query('SELECT checkpoint, run_seen, total_seen, last_success_at, lease_owner FROM sync_checkpoints')).rows[0] ?? null) as CheckpointRow | null;
  const count = async (q: string) => Number((await sql.query(q)).rows[0].n);

  beforeEach(async () => {
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.config.databaseUrl });
    await sql.connect();
    sandbox = createTrailflowSandbox({ loads: 1000, seed: 5, keys: [{ key: TF_KEY, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 1_000_000 }] });
    sandboxUrl = await sandbox.listen(0, '127.0.0.1');
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')));
    await sql.end();
    await sandbox.close();
    await db.drop();
  });

  it('loses and duplicates nothing when a worker is killed with SIGKILL mid-sync and another one resumes', async () => {
    // Slow pages so that the kill lands in the middle of the run.
    sandbox.setFaults({ slowShare: 1, slowDelayMs: 60 });
    const prefix = `wbk${randomBytes(4).toString('hex')}`;
    const first = spawnHub({ ...workerEnv(sandboxUrl, prefix) });
    workers.push(first);
    const atKill = await waitFor('some committed pages', async () => {
      const row = await checkpoint();
      return row && row.run_seen >= 200 && row.checkpoint?.cursor ? row : undefined;
    }, 60_000, 20);
    await first.kill('SIGKILL');
    const storedAtKill = await count('SELECT count(*)::int AS n FROM shipments');
    expect(storedAtKill).toBeGreaterThanOrEqual(200);
    expect(storedAtKill).toBeLessThan(1000);

    const second = spawnHub({ ...workerEnv(sandboxUrl, prefix) });
    workers.push(second);
    const done = await waitFor('the resumed run to finish', async () => {
      const row = await checkpoint();
      return row?.last_success_at ? row : undefined;
    }, 90_000, 200);

    expect(await count('SELECT count(*)::int AS n FROM shipments')).toBe(1000);
    expect(await count('SELECT count(DISTINCT external_id)::int AS n FROM shipment_sources')).toBe(1000);
    expect(await count('SELECT count(*)::int AS n FROM shipment_sources')).toBe(1000);
    // Each load created exactly once: no change row was written twice for the same load.
    expect(await count(`SELECT count(*)::int AS n FROM changes WHERE kind = 'created'`)).toBe(1000);
    expect(await count(`SELECT count(*)::int AS n FROM changes WHERE kind = 'updated'`)).toBe(0);
    const stored = new Set((await sql.query('SELECT external_id FROM shipment_sources')).rows.map((r: { external_id: string }) => r.external_id));
    expect(sandbox.loads().every((l) => stored.has(l.id))).toBe(true);
    // The resumed run started from the committed cursor, not from scratch: at most the uncommitted page is read again.
    expect(Number(done.total_seen)).toBeLessThanOrEqual(1000 + 100);
    console.log(`SIGKILL at ${atKill.run_seen} loads committed (${storedAtKill} stored); resumed run read ${Number(done.total_seen) - 1000} load(s) twice`);
  }, 180_000);

  it('never lets two worker processes poll one connection at the same time', async () => {
    sandbox.setFaults({ slowShare: 1, slowDelayMs: 30 });
    const proxy: CountingProxy = await startCountingProxy(sandboxUrl, '/v1/loads');
    try {
      const prefix = `wbt${randomBytes(4).toString('hex')}`;
      workers.push(spawnHub(workerEnv(proxy.url, prefix)), spawnHub(workerEnv(proxy.url, prefix)));
      const owners = new Set<string>();
      const watch = async () => {
        const row = await checkpoint();
        if (row?.lease_owner) owners.add(row.lease_owner.split(':').slice(0, 2).join(':'));
        return row;
      };
      await waitFor('the first full sync', async () => ((await watch())?.last_success_at ? true : undefined), 60_000, 50);
      // Rounds of changes, each picked up by whichever worker gets the due run (every 5 s), both competing.
      for (let round = 0; round < 4; round++) {
        const before = Number((await checkpoint())!.total_seen);
        sandbox.advance(60_000, { changes: 150 });
        await waitFor(`round ${round} to be synced`, async () => {
          const row = await watch();
          return row && Number(row.total_seen) >= before + 150 && !row.lease_owner ? true : undefined;
        }, 60_000, 50);
      }
      expect(proxy.maxInFlight()).toBe(1);
      expect(proxy.total()).toBeGreaterThanOrEqual(18);
      console.log(`two workers: ${proxy.total()} load pages fetched, at most ${proxy.maxInFlight()} at a time; lease holders seen: ${owners.size}`);
    } finally {
      await proxy.close();
    }
  }, 180_000);
});

describe('npm start defaults (embedded database, sandbox providers) as a real process', () => {
  let hub: HubProcess | undefined;
  afterEach(async () => {
    await hub?.kill('SIGTERM');
  });

  it('serves sandbox TrailFlow and SpotGo shipments, and CarrierPacket carriers joined to them, within 60 seconds', async () => {
    const dataDir = `/tmp/waybill-start-${randomBytes(4).toString('hex')}`;
    const port = 20000 + Math.floor(Math.random() * 20000);
    const key = 'start-test-admin-key-0123456789';
    hub = spawnHub({ PORT: String(port), DATA_DIR: dataDir, WAYBILL_API_KEY: key, LOG_LEVEL: 'info' });
    const started = Date.now();
    const shipments = await waitFor('shipments from the sandbox', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/shipments?provider=trailflow&limit=5`, { headers: { authorization: `Bearer ${key}` } });
      const body = (await res.json()) as { data: { providerStatuses: { provider: string }[] }[] };
      return res.status === 200 && body.data.length > 0 ? body.data : undefined;
    }, 60_000, 250);
    expect(shipments[0]!.providerStatuses[0]!.provider).toBe('trailflow');
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    expect(hub.output()).toContain('No provider configured: running the sandbox simulators in-process');
    console.log(`npm start: shipments served ${((Date.now() - started) / 1000).toFixed(1)} s after launch`);

    // Both sandboxes run, and their carriers are joined: a TrailFlow shipment's carrier is a CarrierPacket carrier.
    const auth = { headers: { authorization: `Bearer ${key}` } };
    type Carrier = { id: string; sources: { provider: string }[]; compliance: { status: string } | null };
    const joined = await waitFor('a CarrierPacket carrier that TrailFlow shipments are linked to', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/carriers?limit=200`, auth);
      const body = (await res.json()) as { data: Carrier[] };
      for (const carrier of body.data.filter((c) => c.sources.some((s) => s.provider === 'carrierpacket'))) {
        const listed = (await (await fetch(`http://127.0.0.1:${port}/v1/shipments?carrierId=${carrier.id}&limit=1`, auth)).json()) as {
          data: { carrier: { id: string; compliance: { status: string } | null } }[];
        };
        if (listed.data.length) return { carrier, shipment: listed.data[0]! };
      }
      return undefined;
    }, 60_000 - (Date.now() - started), 500);
    expect(joined.shipment.carrier.id).toBe(joined.carrier.id);
    // And SpotGo's orders are shipments too.
    await waitFor('SpotGo orders as shipments', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/shipments?provider=spotgo&limit=1`, auth);
      return res.status === 200 && ((await res.json()) as { data: unknown[] }).data.length > 0;
    }, 60_000 - (Date.now() - started), 500);
    expect(joined.shipment.carrier.compliance?.status).toBe(joined.carrier.compliance?.status);
    console.log(`npm start: carriers joined to shipments ${((Date.now() - started) / 1000).toFixed(1)} s after launch`);
  }, 90_000);
});
