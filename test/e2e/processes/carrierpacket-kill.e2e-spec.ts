import { randomBytes } from 'node:crypto';
import { createCarrierpacketSandbox, type CarrierpacketSandbox } from '@waybill/sandbox';
import pg from 'pg';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { spawnHub, type HubProcess } from '../../support/hub-process.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { waitFor } from '../../support/wait-for.js';

// Issue "The kit grows up", done-when: a worker killed with SIGKILL during a CarrierPacket scan resumes without loss.
// Real worker processes share a database and a queue only on PostgreSQL + Redis (PGlite is one process's file).
const services = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const describeWithServices = services ? describe : describe.skip;

const CP_KEY = 'cpl_test_process_key';
const SUBMISSIONS = 1200;

describeWithServices('a CarrierPacket scan across a SIGKILL (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let sandbox: CarrierpacketSandbox;
  let proxy: CountingProxy;
  const workers: HubProcess[] = [];
  const count = async (q: string) => Number((await sql.query(q)).rows[0].n);
  const state = async () =>
    ((await sql.query('SELECT run_seen, total_seen, last_success_at FROM sync_checkpoints')).rows[0] ?? null) as {
      run_seen: number;
      total_seen: string;
      last_success_at: Date | null;
    } | null;

  beforeEach(async () => {
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.config.databaseUrl });
    await sql.connect();
    sandbox = createCarrierpacketSandbox({ submissions: SUBMISSIONS, seed: 9, keys: [{ key: CP_KEY }], startTime: Date.now() });
    // Slow pages (through a delaying proxy) so that the kill lands in the middle of the scan.
    proxy = await startCountingProxy(await sandbox.listen(0, '127.0.0.1'), '/', { delayMs: 150 });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')));
    await sql.end();
    await proxy.close();
    await sandbox.close();
    await db.drop();
  });

  it('resumes from the committed page: every submission and document stored once, each created once', async () => {
    const prefix = `wbcp${randomBytes(4).toString('hex')}`;
    const env = {
      WAYBILL_ROLE: 'worker',
      DATABASE_URL: db.config.databaseUrl,
      REDIS_URL: process.env.REDIS_URL,
      QUEUE_PREFIX: prefix,
      CARRIERPACKET_BASE_URL: proxy.url,
      CARRIERPACKET_API_KEY: CP_KEY,
      CARRIERPACKET_POLL_INTERVAL_SECONDS: '3600',
      SYNC_LEASE_SECONDS: '4',
    };
    const first = spawnHub(env);
    workers.push(first);
    const atKill = await waitFor('some committed pages', async () => {
      const row = await state();
      return row && row.run_seen >= 400 ? row : undefined;
    }, 60_000, 20);
    await first.kill('SIGKILL');
    const storedAtKill = await count('SELECT count(*)::int AS n FROM carrier_sources');
    expect(storedAtKill).toBeLessThan(SUBMISSIONS);

    workers.push(spawnHub(env));
    const done = await waitFor('the resumed scan to finish', async () => {
      const row = await state();
      return row?.last_success_at ? row : undefined;
    }, 120_000, 200);

    const documents = sandbox.documents();
    expect(await count(`SELECT count(DISTINCT external_id)::int AS n FROM carrier_sources WHERE provider = 'carrierpacket'`)).toBe(SUBMISSIONS);
    expect(await count(`SELECT count(*)::int AS n FROM carrier_sources`)).toBe(SUBMISSIONS);
    expect(await count(`SELECT count(*)::int AS n FROM documents`)).toBe(documents.length);
    // Nothing applied twice: one `created` change per carrier and per document, and no version written twice.
    expect(await count(`SELECT count(*)::int AS n FROM changes WHERE entity = 'carrier' AND kind = 'created'`)).toBe(await count('SELECT count(*)::int AS n FROM carriers'));
    expect(await count(`SELECT count(*)::int AS n FROM changes WHERE entity = 'document' AND kind = 'created'`)).toBe(documents.length);
    expect(await count(`SELECT count(*)::int AS n FROM (SELECT entity_id, version FROM changes GROUP BY 1, 2 HAVING count(*) > 1) d`)).toBe(0);
    const stored = new Set((await sql.query('SELECT external_id FROM carrier_sources')).rows.map((r: { external_id: string }) => r.external_id));
    expect(sandbox.submissions().every((s) => stored.has(String(s.id)))).toBe(true);
    // Resumed from the committed checkpoint, not from scratch: at most the page in flight at the kill is read again.
    expect(Number(done.total_seen)).toBeLessThanOrEqual(SUBMISSIONS + documents.length + 200);
    console.log(`CarrierPacket SIGKILL at ${atKill.run_seen} records committed (${storedAtKill} carriers stored); the resumed scan read ${Number(done.total_seen) - SUBMISSIONS - documents.length} record(s) twice`);
  }, 180_000);
});
