import type { ChangePage, Checkpoint, Connection, FreightProvider, MappedRecord, ProviderRecord } from '@waybill/provider-kit';
import { ProviderError } from '@waybill/provider-kit';
import { InboxRepository } from '@waybill/store';
import { CheckpointRepository, LeaseLostError, SyncRunService } from '@waybill/sync';
import { openTestStore, type TestStore } from '../../support/test-store.js';

// The page loop's contract with any provider (ARCHITECTURE.md, "The provider contract, generalized"): the checkpoint
// is opaque, `cursor_invalid` resets it once, the lease is renewed during a slow fetch, and a worker that lost its
// lease writes nothing. The provider here is a scripted stand-in at the provider boundary; the store is real.

const conn = (id: string): Connection => ({ id, provider: 'trailflow', baseUrl: 'http://unused', credentials: {}, webhookSecrets: [], settings: {} });

function record(id: string): ProviderRecord {
  return { kind: 'shipment', externalId: id, providerUpdatedAt: '2026-11-01T00:00:00.000Z', raw: { id } };
}

/** A provider whose pages are scripted per call; `map` is a plain identity mapping into a shipment patch. */
function scriptedProvider(fetch: (checkpoint: Checkpoint | null, call: number) => Promise<ChangePage>): FreightProvider & { calls: (Checkpoint | null)[] } {
  const calls: (Checkpoint | null)[] = [];
  return {
    code: 'trailflow',
    capabilities: { poll: true, webhooks: false, dispatch: false, documents: false },
    calls,
    fetchChanges: (_c, checkpoint) => {
      calls.push(checkpoint);
      return fetch(checkpoint, calls.length);
    },
    map: (r): MappedRecord => ({ kind: 'shipment', externalId: r.externalId, providerUpdatedAt: r.providerUpdatedAt, patch: { reference: r.externalId, status: 'PENDING' } }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`sync run engine (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let store: TestStore;
  let checkpoints: CheckpointRepository;
  const runner = (leaseTtlMs: number) => new SyncRunService({ worker: true, leaseTtlMs }, checkpoints, store.merge, new InboxRepository(store.dataSource));

  beforeAll(async () => {
    store = await openTestStore();
    checkpoints = new CheckpointRepository(store.dataSource);
  });
  afterAll(() => store.close());

  it('hands the provider its own checkpoint back, whatever its shape', async () => {
    await checkpoints.ensure('trailflow', 'opaque', 60);
    const provider = scriptedProvider(async (_cp, call) =>
      call === 1 ? { records: [record('o-1')], next: { phase: 'docs', page: 7, seen: [1, 2] }, done: false } : { records: [], next: { anything: true }, done: true },
    );
    await runner(60_000).run(provider, conn('opaque'));
    expect(provider.calls).toEqual([null, { phase: 'docs', page: 7, seen: [1, 2] }]);
    expect((await checkpoints.read('opaque'))!.checkpoint).toEqual({ anything: true });
  });

  it('on cursor_invalid resets the checkpoint to null once (a counted full resync) and finishes the run', async () => {
    await checkpoints.ensure('trailflow', 'reset-once', 60);
    await store.dataSource.query(`UPDATE sync_checkpoints SET checkpoint = '{"foreign":1}' WHERE connection_id = 'reset-once'`);
    const provider = scriptedProvider(async (cp) => {
      if (cp !== null) throw new ProviderError('cursor_invalid', 'not a checkpoint of mine', { provider: 'trailflow' });
      return { records: [record('r-1')], next: { mine: true }, done: true };
    });

    const outcome = await runner(60_000).run(provider, conn('reset-once'));

    expect(outcome).toMatchObject({ status: 'done', pages: 1, seen: 1, changed: 1 });
    expect(provider.calls).toEqual([{ foreign: 1 }, null]);
    const row = (await checkpoints.read('reset-once'))!;
    expect(row.resyncs).toBe(1);
    expect(row.checkpoint).toEqual({ mine: true });
    expect(row.last_error).toBeNull();
  });

  it('never loops: a provider that refuses even a fresh start fails the run after one reset', async () => {
    await checkpoints.ensure('trailflow', 'reset-loop', 60);
    await store.dataSource.query(`UPDATE sync_checkpoints SET checkpoint = '{"x":1}' WHERE connection_id = 'reset-loop'`);
    const provider = scriptedProvider(async () => {
      throw new ProviderError('cursor_invalid', 'always refused', { provider: 'trailflow' });
    });

    await expect(runner(60_000).run(provider, conn('reset-loop'))).rejects.toMatchObject({ kind: 'cursor_invalid' });

    expect(provider.calls).toHaveLength(2);
    const row = (await checkpoints.read('reset-loop'))!;
    expect(row.resyncs).toBe(1);
    expect(row.last_error).toMatch(/cursor_invalid/);
  });

  it('renews the lease while a slow page is fetched, so a second worker cannot start meanwhile', async () => {
    await checkpoints.ensure('trailflow', 'slow', 60);
    const ttl = 600;
    const provider = scriptedProvider(async () => {
      await sleep(ttl * 3); // three lease lifetimes in one fetch
      return { records: [record('s-1')], next: { done: 1 }, done: true };
    });
    const first = runner(ttl).run(provider, conn('slow'));
    await sleep(ttl * 2);
    // Without renewal the lease would have expired a while ago and this worker would poll the same connection.
    expect(await runner(ttl).run(scriptedProvider(async () => ({ records: [], next: {}, done: true })), conn('slow'))).toEqual({ status: 'busy' });
    await expect(first).resolves.toMatchObject({ status: 'done', changed: 1 });
  });

  it('a worker whose lease was taken over during a stalled fetch commits nothing and leaves its successor alone', async () => {
    await checkpoints.ensure('trailflow', 'stalled', 60);
    const ttl = 600;
    let release!: () => void;
    const stalled = new Promise<void>((r) => (release = r));
    const a = scriptedProvider(async () => {
      await stalled;
      return { records: [record('lost-1')], next: { from: 'a' }, done: true };
    });
    const runA = runner(ttl).run(a, conn('stalled'));
    await sleep(100);
    // Worker A stalls (a GC pause, a frozen VM): its lease expires unrenewed and worker B takes the connection.
    await store.dataSource.query(`UPDATE sync_checkpoints SET lease_expires_at = now() - interval '1 second' WHERE connection_id = 'stalled'`);
    const b = scriptedProvider(async () => ({ records: [record('b-1')], next: { from: 'b' }, done: true }));
    await expect(runner(ttl).run(b, conn('stalled'))).resolves.toMatchObject({ status: 'done', changed: 1 });
    const afterB = (await checkpoints.read('stalled'))!;

    release();
    await expect(runA).rejects.toBeInstanceOf(LeaseLostError);

    const row = (await checkpoints.read('stalled'))!;
    expect(row.checkpoint).toEqual({ from: 'b' });
    expect(row.last_success_at).toEqual(afterB.last_success_at);
    expect(row.last_error).toBeNull();
    expect(Number((await store.dataSource.query(`SELECT count(*)::int AS n FROM shipment_sources WHERE external_id = 'lost-1'`))[0].n)).toBe(0);
  });

  it('a worker that lost its lease before its run opened does not start it', async () => {
    await checkpoints.ensure('trailflow', 'gone', 60);
    expect(await checkpoints.acquireLease('gone', 'w1', 60_000)).toBe(true);
    await store.dataSource.query(`UPDATE sync_checkpoints SET lease_owner = 'w2' WHERE connection_id = 'gone'`);
    expect(await checkpoints.startRun('gone', 'w1')).toBeNull();
    await expect(checkpoints.finishRun('gone', 'w1', true, null, 60)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await checkpoints.renewLease('gone', 'w1', 60_000)).toBe(false);
  });
});
