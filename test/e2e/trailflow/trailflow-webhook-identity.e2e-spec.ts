import { createHash, createHmac } from 'node:crypto';
import { request } from '../../support/http.js';
import { TEST_ADMIN_KEY } from '../../support/test-config.js';
import { CONNECTION, startTrailflowHub, type TrailflowHub } from '../../support/trailflow-hub.js';

// The hardening issue: delivery identity inside the signature, and bounded bodies and responses.

const MB = 1024 * 1024;

/** Signs like TrailFlow (FACTS §6: hex HMAC-SHA256 of `<timestamp>.<raw body>`), independently of the sandbox. */
function signed(secret: string, body: string | Buffer, opts: { deliveryId?: string; event?: string; timestamp?: number } = {}) {
  const ts = String(opts.timestamp ?? Date.now());
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-trailflow-timestamp': ts,
    'x-trailflow-signature': createHmac('sha256', secret).update(`${ts}.`).update(body).digest('hex'),
  };
  if (opts.deliveryId !== undefined) headers['x-trailflow-delivery-id'] = opts.deliveryId;
  if (opts.event !== undefined) headers['x-trailflow-event'] = opts.event;
  return headers;
}

const sha256 = (body: string | Buffer) => createHash('sha256').update(body).digest('hex');

/** A load body padded (inside `notes`) to exactly `size` bytes. */
function paddedLoad(id: string, size: number): string {
  const base = JSON.stringify({ id, status: 'ASSIGNED', updatedAt: Date.now(), notes: '' });
  return base.replace('"notes":""', `"notes":"${'n'.repeat(size - Buffer.byteLength(base))}"`);
}

describe(`TrailFlow webhook identity and body limits (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${process.env.REDIS_URL ? 'BullMQ' : 'in-process queue'})`, () => {
  let hub: TrailflowHub;
  let secret: string;
  const url = (path = `/webhooks/trailflow/${CONNECTION}`) => `${hub.app.url}${path}`;
  const post = (body: string | Buffer, headers: Record<string, string>, path?: string) =>
    request(url(path), { method: 'POST', body: body as RequestInit['body'], headers });
  const metrics = async () => (await request(`${hub.app.url}/metrics`)).body as string;

  beforeAll(async () => {
    hub = await startTrailflowHub({ sandbox: { loads: 5, seed: 21 } });
    secret = hub.sandbox.subscribe(url(), ['load.created', 'load.updated', 'load.status_changed']).signingSecret;
    hub.connection.webhookSecrets = ['tfwhsec_retired', secret];
  });
  // Closing an embedded database that held 200 MB of bodies can take a while on a loaded machine.
  afterAll(() => hub.close(), 180_000);

  it('stores one captured delivery resent with 1,000 different delivery-id headers at most once, answering 202 to each', async () => {
    const body = JSON.stringify({ id: 'load_captured', status: 'IN_TRANSIT', updatedAt: Date.now() });
    const captured = signed(secret, body, { deliveryId: 'dlv_original', event: 'load.updated' });
    const before = await hub.count('inbox');
    const statuses: number[] = [];
    const duplicates: boolean[] = [];
    for (let batch = 0; batch < 1000; batch += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => post(body, { ...captured, 'x-trailflow-delivery-id': `dlv_forged_${batch + i}` })),
      );
      for (const a of answers) {
        statuses.push(a.status);
        duplicates.push(a.body?.data?.accepted?.[0]?.duplicate);
      }
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(1000);
    expect(duplicates.filter((d) => d === false).length).toBeLessThanOrEqual(1);
    expect(await hub.count('inbox') - before).toBeLessThanOrEqual(1);
    expect(await hub.count('inbox', `sha256 = '${sha256(body)}'`)).toBe(1);
    expect(await hub.count('inbox', `error_code = 'delivery_conflict'`)).toBe(0);

    // TrailFlow's own retry re-signs the same body with a new timestamp: still the same delivery.
    const retry = await post(body, signed(secret, body, { deliveryId: 'dlv_original', event: 'load.updated', timestamp: Date.now() + 1000 }));
    expect(retry.status).toBe(202);
    expect(retry.body.data.accepted[0].duplicate).toBe(true);
    expect(await hub.count('inbox', `sha256 = '${sha256(body)}'`)).toBe(1);
  });

  it.each([
    ['X-Trailflow-Delivery-Id', { event: 'load.updated' }],
    ['X-Trailflow-Event', { deliveryId: 'dlv_no_event' }],
  ])('refuses an authentic delivery without %s with 400 validation_failed and stores nothing', async (field, opts) => {
    const before = await hub.count('inbox');
    const body = JSON.stringify({ id: 'load_headerless', status: 'IN_TRANSIT', updatedAt: Date.now() });
    const res = await post(body, signed(secret, body, opts));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ field, message: `${field} header is missing` }] });
    expect(await hub.count('inbox')).toBe(before);
  });

  it.each(['x-trailflow-signature', 'x-trailflow-timestamp'])('refuses a delivery without %s with 401 and stores nothing', async (name) => {
    const before = await hub.count('inbox');
    const body = JSON.stringify({ id: 'load_unsigned', status: 'IN_TRANSIT', updatedAt: Date.now() });
    const headers = signed(secret, body, { deliveryId: 'dlv_unsigned', event: 'load.updated' });
    delete headers[name];
    const res = await post(body, headers);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_signature');
    expect(await hub.count('inbox')).toBe(before);
  });

  it('records a reused delivery id with another, validly signed body as a conflict: a dead letter and a metric', async () => {
    const load = hub.sandbox.loads()[0]!;
    const first = JSON.stringify({ id: load.id, status: load.status, updatedAt: load.updatedAt + 1000 });
    const second = JSON.stringify({ id: load.id, status: load.status, updatedAt: load.updatedAt + 2000, notes: 'another body' });
    const a = await post(first, signed(secret, first, { deliveryId: 'dlv_reused', event: 'load.updated' }));
    const b = await post(second, signed(secret, second, { deliveryId: 'dlv_reused', event: 'load.updated' }));
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body.data.accepted[0]).toMatchObject({ deliveryId: 'dlv_reused', duplicate: false, conflict: true });
    const rows = (await hub.dataSource.query(
      `SELECT status, error_code AS "errorCode", sha256 FROM inbox WHERE delivery_id = 'dlv_reused' ORDER BY received_at`,
    )) as { status: string; errorCode: string | null; sha256: string }[];
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ status: 'dead', errorCode: 'delivery_conflict', sha256: sha256(second) });
    expect(rows[0]!.errorCode).not.toBe('delivery_conflict');
    const listed = await hub.api('/v1/inbox?status=dead&provider=trailflow');
    expect(listed.body.data).toContainEqual(expect.objectContaining({ deliveryId: 'dlv_reused', error: expect.objectContaining({ code: 'delivery_conflict' }) }));
    expect(await metrics()).toContain('waybill_webhook_conflicts_total{provider="trailflow"} 1');

    // The same conflicting body again is a duplicate of the dead letter, not a second conflict.
    const again = await post(second, signed(secret, second, { deliveryId: 'dlv_reused', event: 'load.updated', timestamp: Date.now() + 5 }));
    expect(again.body.data.accepted[0].duplicate).toBe(true);
    expect(await hub.count('inbox', `delivery_id = 'dlv_reused'`)).toBe(2);
    expect(await metrics()).toContain('waybill_webhook_conflicts_total{provider="trailflow"} 1');
  });

  it('sees every conflict when bodies sharing one delivery id arrive together (one kept, the others dead letters)', async () => {
    const load = hub.sandbox.loads()[1]!;
    const bodies = Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: load.id, status: load.status, updatedAt: load.updatedAt + 10_000 + i }));
    const answers = await Promise.all(bodies.map((b) => post(b, signed(secret, b, { deliveryId: 'dlv_race', event: 'load.updated' }))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    expect(await hub.count('inbox', `delivery_id = 'dlv_race'`)).toBe(10);
    expect(await hub.count('inbox', `delivery_id = 'dlv_race' AND error_code = 'delivery_conflict'`)).toBe(9);
  });

  it('keeps a signed body that cannot be parsed as one dead letter keyed by its hash, whatever id it comes with', async () => {
    const body = '{"id": "load_broken", "status": ';
    for (const id of ['dlv_broken_1', 'dlv_broken_2', 'dlv_broken_3']) {
      expect((await post(body, signed(secret, body, { deliveryId: id, event: 'load.updated' }))).status).toBe(202);
    }
    expect(await hub.count('inbox', `sha256 = '${sha256(body)}'`)).toBe(1);
    expect(await hub.count('inbox', `sha256 = '${sha256(body)}' AND dedup_key = 'body:${sha256(body)}' AND status = 'dead'`)).toBe(1);
  });

  it('refuses a webhook over the 1 MB limit with 413 payload_too_large and stores nothing, declared or chunked', async () => {
    const before = await hub.count('inbox');
    const body = paddedLoad('load_big', MB + 1);
    const declared = await post(body, signed(secret, body, { deliveryId: 'dlv_big', event: 'load.updated' }));
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('payload_too_large');
    expect(declared.body.requestId).toEqual(expect.any(String));

    // No Content-Length: the parser counts bytes while reading and stops at the limit.
    const bytes = Buffer.from(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const chunked = await fetch(url(), {
      method: 'POST',
      body: stream,
      headers: signed(secret, body, { deliveryId: 'dlv_big_chunked', event: 'load.updated' }),
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(await hub.count('inbox')).toBe(before);
  });

  it('accepts a body at the limit, serves it back byte for byte from GET /v1/inbox/{id}/body, and honours a per-connection limit', async () => {
    const body = paddedLoad('load_at_limit', MB);
    const res = await post(body, signed(secret, body, { deliveryId: 'dlv_at_limit', event: 'load.updated' }));
    expect(res.status).toBe(202);
    const id = res.body.data.accepted[0].id as string;

    const meta = await hub.api(`/v1/inbox/${id}`);
    expect(meta.body.data).toMatchObject({ id, deliveryId: 'dlv_at_limit', sizeBytes: MB, sha256: sha256(body), contentType: 'application/json' });
    expect(meta.body.data.body).toBeUndefined();
    expect(meta.body.data.headers).toBeUndefined();

    const raw = await fetch(`${hub.app.url}/v1/inbox/${id}/body`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(raw.headers.get('x-content-sha256')).toBe(sha256(body));
    const got = Buffer.from(await raw.arrayBuffer());
    expect(got.equals(Buffer.from(body))).toBe(true);
    expect((await fetch(`${hub.app.url}/v1/inbox/${id}/body`)).status).toBe(401);
    expect((await hub.api('/v1/inbox/00000000-0000-4000-8000-000000000000/body')).status).toBe(404);

    // A provider that documents larger deliveries: the connection setting raises the limit.
    const bigger = paddedLoad('load_bigger', MB + 200_000);
    hub.connection.settings.webhookBodyLimitBytes = 2 * MB;
    try {
      expect((await post(bigger, signed(secret, bigger, { deliveryId: 'dlv_bigger', event: 'load.updated' }))).status).toBe(202);
    } finally {
      delete hub.connection.settings.webhookBodyLimitBytes;
    }
    expect((await post(bigger, signed(secret, bigger, { deliveryId: 'dlv_bigger_2', event: 'load.updated' }))).status).toBe(413);
  });

  it('answers GET /v1/inbox?limit=200 over 200 stored bodies at the webhook size limit in under 1 MB', async () => {
    // Stored directly (the HTTP path is covered above): 200 distinct bodies of 1 MB each on a connection of their own.
    await hub.dataSource.query(
      `INSERT INTO inbox (id, provider, connection_id, delivery_id, dedup_key, event_type, via, headers, body, size_bytes, sha256, status, received_at)
       SELECT gen_random_uuid(), 'trailflow', 'bulk-conn', 'bulk-' || i, 'body:bulk-' || i, 'load.updated', 'webhook',
              '{"content-type":"application/json"}'::jsonb, b.body, octet_length(b.body), md5(b.body), 'dead', now() + i * interval '1 ms'
       FROM generate_series(1, 200) AS i,
            LATERAL (SELECT '{"id":"load_' || i || '","notes":"' || repeat(md5(i::text), ${MB / 32}) || '"}' AS body) AS b`,
    );
    expect(await hub.count('inbox', `connection_id = 'bulk-conn' AND size_bytes > ${MB}`)).toBe(200);
    const res = await fetch(`${hub.app.url}/v1/inbox?limit=200&connection=bulk-conn`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBeLessThan(MB);
    const page = JSON.parse(bytes.toString('utf8')) as { data: Record<string, unknown>[] };
    expect(page.data).toHaveLength(200);
    expect(Object.keys(page.data[0]!).sort()).toEqual(
      ['attempts', 'connection', 'contentType', 'deliveryId', 'error', 'eventType', 'id', 'processedAt', 'provider', 'receivedAt', 'sha256', 'sizeBytes', 'status', 'via'].sort(),
    );
    await hub.dataSource.query(`DELETE FROM inbox WHERE connection_id = 'bulk-conn'`);
  });

  it('authenticates an API write before reading its body: no key and a huge body is 401, not 413', async () => {
    const huge = JSON.stringify({ reference: 'x'.repeat(6 * MB) });
    for (const headers of [{}, { authorization: 'Bearer wb_not_a_key' }] as Record<string, string>[]) {
      const res = await request(`${hub.app.url}/v1/shipments`, { method: 'POST', body: huge, headers: { 'content-type': 'application/json', ...headers } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    // With a key, the API write limit (256 KB) applies before parsing.
    const big = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
    const limited = await hub.api('/v1/sync/trailflow/run', { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    expect(limited.status).toBe(413);
    expect(limited.body.error.code).toBe('payload_too_large');
  });
});
