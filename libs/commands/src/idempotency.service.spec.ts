import { CommandError } from './command-error.js';
import { IdempotencyService } from './idempotency.service.js';
import { requestHash } from './request-hash.js';
import type { IdempotencyKeyRepository } from '@waybill/store';

type Rec = { requestHash: string; status: 'in_progress' | 'completed'; responseStatus: number | null; responseBody: unknown };

/** An in-memory stand-in with the repository's claim semantics (first INSERT wins). */
function fakeKeys() {
  const rows = new Map<string, Rec>();
  const repo = {
    claim: async (apiKeyId: string, key: string, _m: string, _p: string, hash: string) => {
      const id = `${apiKeyId}/${key}`;
      const existing = rows.get(id);
      if (!existing) {
        rows.set(id, { requestHash: hash, status: 'in_progress', responseStatus: null, responseBody: null });
        return { claimed: true };
      }
      return { claimed: false, existing: { apiKeyId, key, ...existing } };
    },
    complete: async (apiKeyId: string, key: string, status: number, body: unknown) => {
      Object.assign(rows.get(`${apiKeyId}/${key}`)!, { status: 'completed', responseStatus: status, responseBody: body });
    },
    release: async (apiKeyId: string, key: string) => void rows.delete(`${apiKeyId}/${key}`),
    deleteOlderThan: async () => 0,
  };
  return { rows, repo: repo as unknown as IdempotencyKeyRepository };
}

describe('IdempotencyService', () => {
  const body = { reference: 'A' };

  it('executes the first request and replays its stored answer to the same request', async () => {
    const { repo } = fakeKeys();
    const sut = new IdempotencyService(repo);
    expect(await sut.begin('k1', 'key', 'POST', '/v1/shipments', body)).toStrictEqual({ kind: 'execute' });
    await sut.complete('k1', 'key', 201, { data: { id: 1 } });
    expect(await sut.begin('k1', 'key', 'POST', '/v1/shipments', { reference: 'A' })).toStrictEqual({ kind: 'replay', status: 201, body: { data: { id: 1 } } });
  });

  it('refuses the key with another body: 409 idempotency_conflict', async () => {
    const { repo } = fakeKeys();
    const sut = new IdempotencyService(repo);
    await sut.begin('k1', 'key', 'POST', '/v1/shipments', body);
    await expect(sut.begin('k1', 'key', 'POST', '/v1/shipments', { reference: 'B' })).rejects.toMatchObject({ status: 409, code: 'idempotency_conflict' });
  });

  it('scopes keys to the API key', async () => {
    const { repo } = fakeKeys();
    const sut = new IdempotencyService(repo);
    await sut.begin('k1', 'key', 'POST', '/v1/shipments', body);
    expect(await sut.begin('k2', 'key', 'POST', '/v1/shipments', { reference: 'B' })).toStrictEqual({ kind: 'execute' });
  });

  it('waits for a request in progress and replays its answer', async () => {
    const { repo } = fakeKeys();
    const sut = new IdempotencyService(repo);
    await sut.begin('k1', 'key', 'POST', '/p', body);
    const waiting = sut.begin('k1', 'key', 'POST', '/p', body);
    setTimeout(() => void sut.complete('k1', 'key', 200, { data: 'done' }), 60);
    expect(await waiting).toStrictEqual({ kind: 'replay', status: 200, body: { data: 'done' } });
  });

  it('answers 409 idempotency_in_progress when the first request outlasts the wait', async () => {
    const { repo } = fakeKeys();
    const sut = new IdempotencyService(repo, { waitMs: 50, pollMs: 10, staleAfterMs: 1000 });
    await sut.begin('k1', 'key', 'POST', '/p', body);
    await expect(sut.begin('k1', 'key', 'POST', '/p', body)).rejects.toMatchObject({ code: 'idempotency_in_progress' });
  });

  it('releases the key after a 5xx so the same request can run again', async () => {
    const { repo, rows } = fakeKeys();
    const sut = new IdempotencyService(repo);
    await sut.begin('k1', 'key', 'POST', '/p', body);
    await sut.complete('k1', 'key', 502, { error: {} });
    expect(rows.size).toBe(0);
    expect(await sut.begin('k1', 'key', 'POST', '/p', body)).toStrictEqual({ kind: 'execute' });
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const sut = new IdempotencyService(fakeKeys().repo);
    const e = await sut.begin('k1', 'has space', 'POST', '/p', body).catch((x) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect(e).toMatchObject({ status: 400, details: [{ field: 'Idempotency-Key' }] });
    expect(requestHash('POST', '/p', body)).toHaveLength(64);
  });
});
