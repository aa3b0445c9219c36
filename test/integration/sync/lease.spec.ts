import { CheckpointRepository } from '@waybill/sync';
import { openTestStore, type TestStore } from '../../support/test-store.js';

describe(`sync lease (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let store: TestStore;
  let repo: CheckpointRepository;
  beforeAll(async () => {
    store = await openTestStore();
    repo = new CheckpointRepository(store.dataSource);
    await repo.ensure('trailflow', 'conn-a', 60);
  });
  afterAll(() => store.close());

  it('is held by one owner at a time, renewable by its owner, free again once released', async () => {
    expect(await repo.acquireLease('conn-a', 'worker-1', 60_000)).toBe(true);
    expect(await repo.acquireLease('conn-a', 'worker-2', 60_000)).toBe(false);
    expect(await repo.acquireLease('conn-a', 'worker-1', 60_000)).toBe(true);
    await repo.releaseLease('conn-a', 'worker-2'); // not the owner: no effect
    expect(await repo.acquireLease('conn-a', 'worker-2', 60_000)).toBe(false);
    await repo.releaseLease('conn-a', 'worker-1');
    expect(await repo.acquireLease('conn-a', 'worker-2', 60_000)).toBe(true);
    await repo.releaseLease('conn-a', 'worker-2');
  });

  it('can be taken over once it has expired (a killed worker)', async () => {
    expect(await repo.acquireLease('conn-a', 'worker-1', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await repo.acquireLease('conn-a', 'worker-2', 60_000)).toBe(true);
    await repo.releaseLease('conn-a', 'worker-2');
  });

  it('goes to exactly one of 10 workers asking at once', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => repo.acquireLease('conn-a', `w-${i}`, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a checkpoint save from a worker that lost the lease', async () => {
    expect(await repo.acquireLease('conn-b', 'x', 1000)).toBe(false); // no such connection row
    await repo.ensure('trailflow', 'conn-b', 60);
    expect(await repo.acquireLease('conn-b', 'owner', 60_000)).toBe(true);
    await expect(
      store.dataSource.transaction((tx) => repo.saveInTransaction(tx, 'conn-b', 'intruder', { cursor: 'c' }, { seen: 1, changed: 1, failed: 0 }, 60_000)),
    ).rejects.toThrow(/lease/);
    await store.dataSource.transaction((tx) => repo.saveInTransaction(tx, 'conn-b', 'owner', { cursor: 'c' }, { seen: 1, changed: 1, failed: 0 }, 60_000));
    expect((await repo.read('conn-b'))!.checkpoint).toEqual({ cursor: 'c' });
  });
});
