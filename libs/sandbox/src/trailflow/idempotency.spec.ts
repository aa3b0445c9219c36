import { IdempotencyStore, requestFingerprint } from './idempotency.js';

describe('IdempotencyStore', () => {
  const fp = requestFingerprint('POST', '/v1/loads', { a: 1, b: 2 });

  it('treats key order in the body as the same request, another path or body as another', () => {
    expect(requestFingerprint('POST', '/v1/loads', { b: 2, a: 1 })).toBe(fp);
    expect(requestFingerprint('POST', '/v1/loads/upsert', { a: 1, b: 2 })).not.toBe(fp);
    expect(requestFingerprint('POST', '/v1/loads', { a: 1, b: 3 })).not.toBe(fp);
  });

  it('replays, conflicts and reports in-progress', () => {
    const store = new IdempotencyStore();
    const first = store.begin('k', 'idem-1', fp);
    expect(first.kind).toBe('new');
    expect(store.begin('k', 'idem-1', fp).kind).toBe('in_progress');
    if (first.kind === 'new') first.complete({ statusCode: 201, body: { data: { id: 'load_1' } } });
    expect(store.begin('k', 'idem-1', fp)).toEqual({ kind: 'replay', answer: { statusCode: 201, body: { data: { id: 'load_1' } } } });
    expect(store.begin('k', 'idem-1', 'other').kind).toBe('conflict');
    expect(store.begin('other-api-key', 'idem-1', 'other').kind).toBe('new');
  });

  it('forgets a released key so that a failed request can be retried', () => {
    const store = new IdempotencyStore();
    const first = store.begin('k', 'idem-2', fp);
    if (first.kind === 'new') first.release();
    expect(store.begin('k', 'idem-2', 'changed body').kind).toBe('new');
  });
});
