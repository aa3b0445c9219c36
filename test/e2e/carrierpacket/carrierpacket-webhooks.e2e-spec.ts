import { createHmac, randomBytes } from 'node:crypto';
import type { Carrier } from '@waybill/canonical';
import { CP_CONNECTION, startCarrierpacketHub, type CarrierpacketHub } from '../../support/carrierpacket-hub.js';
import { request } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';

// Issue "The kit grows up", done-when: webhooks signed with either of two configured secrets are applied; a third
// secret, a changed byte, or a missing signature is 401 with nothing stored; _synthetic changes nothing.

const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const SIGNATURE = 'x-carrierpacket-signature';

/** Signs like the provider README says (HMAC-SHA256 of the raw body, hex), independently of the sandbox's code. */
const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe(`CarrierPacket webhooks (${ENGINE}, ${process.env.REDIS_URL ? 'BullMQ' : 'in-process queue'})`, () => {
  let hub: CarrierpacketHub;
  let endpoints: { id: string; secret: string }[];
  const hookUrl = () => `${hub.app.url}/webhooks/carrierpacket/${CP_CONNECTION}`;
  const post = (body: string, headers: Record<string, string>) =>
    request(hookUrl(), { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const carrierOf = async (submissionId: number) => {
    const carriers = await hub.all<Carrier>('/v1/carriers?limit=200');
    return carriers.find((c) => c.sources.some((s) => s.provider === 'carrierpacket' && s.externalId === String(submissionId)));
  };
  const inboxSettled = () =>
    waitFor('the inbox to be processed', async () => (await hub.count('inbox', `status IN ('received', 'processing')`)) === 0, 30_000);

  beforeAll(async () => {
    hub = await startCarrierpacketHub({ sandbox: { submissions: 60, seed: 5 } });
    // Two endpoints at CarrierPacket, each with its own secret, both configured on the connection.
    endpoints = [hub.sandbox.addWebhook(hookUrl(), ['*']), hub.sandbox.addWebhook(hookUrl(), ['*'])];
    hub.connection.webhookSecrets = endpoints.map((e) => e.secret);
    await hub.syncNow();
  });
  afterAll(() => hub.close());

  it('applies deliveries signed with either configured secret, without a poll', async () => {
    const lastRunAt = (await hub.api('/v1/sync')).body.data[0].lastRunAt;
    const moved = await hub.sandbox.advance(60_000, { changes: 1, kinds: ['verified'] });
    const change = moved.changes[0]!;
    // Each endpoint got the event(s), each signed with its own secret, and the hub accepted every one.
    const sent = moved.deliveries;
    expect(new Set(sent.map((d) => d.webhookId))).toEqual(new Set(endpoints.map((e) => e.id)));
    expect(sent.every((d) => d.statusCode === 202)).toBe(true);

    const carrier = await waitFor('the carrier to show VERIFIED', async () => {
      const c = await carrierOf(change.submissionId);
      return c?.compliance?.status === 'VERIFIED' ? c : undefined;
    }, 15_000);
    expect(carrier.sources.find((s) => s.provider === 'carrierpacket')?.via).toBe('webhook');
    expect((await hub.api('/v1/sync')).body.data[0].lastRunAt).toBe(lastRunAt);
  });

  it('refuses a third secret, a changed byte and a missing signature with 401, storing nothing', async () => {
    await inboxSettled();
    const submission = hub.sandbox.submissions()[0]!;
    const body = JSON.stringify({ event: 'carrier.rejected', sent_at: new Date().toISOString().replace('Z', '+00:00'), broker_id: 42, submission: { ...submission, status: 3 } });
    const before = { inbox: await hub.count('inbox'), changes: await hub.count('changes') };

    const third = await post(body, { [SIGNATURE]: sign(`cpwh_${randomBytes(16).toString('hex')}`, body) });
    const tampered = await post(body.replace('"status":3', '"status":2'), { [SIGNATURE]: sign(endpoints[0]!.secret, body) });
    const unsigned = await post(body, {});

    for (const res of [third, tampered, unsigned]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_signature');
    }
    expect({ inbox: await hub.count('inbox'), changes: await hub.count('changes') }).toEqual(before);

    // The same body correctly signed with the second secret is accepted (the refusals were about the signature).
    expect((await post(body, { [SIGNATURE]: sign(endpoints[1]!.secret, body) })).status).toBe(202);
  });

  it('answers a _synthetic test delivery 2xx and records it without applying it', async () => {
    await inboxSettled();
    const before = { changes: await hub.count('changes'), carriers: await hub.count('carriers'), inbox: await hub.count('inbox') };
    const delivery = await hub.sandbox.sendTest(endpoints[0]!.id);
    expect(delivery.statusCode).toBe(202);
    await inboxSettled();
    expect(await hub.count('inbox')).toBe(before.inbox + 1);
    expect({ changes: await hub.count('changes'), carriers: await hub.count('carriers') }).toEqual({ changes: before.changes, carriers: before.carriers });
  });

  it('applies carrier.signed and carrier.verified fired together once', async () => {
    await inboxSettled();
    const [{ seq }] = (await hub.dataSource.query('SELECT coalesce(max(seq), 0)::bigint AS seq FROM changes')) as { seq: string }[];
    // Verifications until one of a new-flow submission (status 0 → 2 fires both events).
    let both: { submissionId: number } | undefined;
    for (let i = 0; i < 20 && !both; i++) {
      const moved = await hub.sandbox.advance(60_000, { changes: 1, kinds: ['verified'] });
      const c = moved.changes[0];
      if (c && c.events.includes('carrier.signed') && c.events.includes('carrier.verified')) both = c;
    }
    expect(both).toBeDefined();
    await inboxSettled();
    const carrier = (await carrierOf(both!.submissionId))!;
    const rows = (await hub.dataSource.query(`SELECT count(*)::int AS n FROM changes WHERE seq > $1 AND entity = 'carrier' AND entity_id = $2`, [seq, carrier.id])) as { n: number }[];
    expect(rows[0]!.n).toBe(1);
  });
});
