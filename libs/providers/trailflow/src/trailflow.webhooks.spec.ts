import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ProviderError, WebhookRequestError, WebhookVerificationError, type Connection, type RawWebhook } from '@waybill/provider-kit';
import { TrailflowProvider } from './trailflow.provider.js';
import { parseTrailflowWebhook, verifyTrailflowSignature } from './trailflow.webhooks.js';

// FACTS §6 and README assumption 8. The body is the FACTS §6 load.created example, byte for byte.
const BODY = readFileSync(new URL('../../../../test/fixtures/trailflow/webhook-load-created.body.json', import.meta.url));
const SECRET = 'tfwhsec_example_secret'; // the docs' example secret (EX "Create Webhook Response")
const SENT_AT_MS = 1710802000000;
// Computed outside this code: printf '1710802000000.' + the fixture file | openssl dgst -sha256 -hmac <SECRET> -hex
const KNOWN_SIGNATURE = '08548be609e85abffe1999a5ed1fcd49fb0416c1fa50bc92246fea55430c1e95';

function sign(timestamp: string, body: Buffer, secret = SECRET): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function delivery(overrides: Record<string, string | string[] | undefined> = {}, body: Buffer = BODY): RawWebhook {
  return {
    method: 'POST',
    path: '/webhooks/trailflow',
    query: {},
    headers: {
      'content-type': 'application/json',
      'x-trailflow-delivery-id': 'dlv_1',
      'x-trailflow-event': 'load.created',
      'x-trailflow-timestamp': String(SENT_AT_MS),
      'x-trailflow-signature': KNOWN_SIGNATURE,
      ...overrides,
    },
    rawBody: body,
    receivedAt: new Date(SENT_AT_MS + 1_000),
  };
}

/** The tests name one secret; the verifier takes the connection's list. */
const secretsOf = (secret: string | undefined): string[] => (secret ? [secret] : []);

function reasonOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof WebhookVerificationError) return e.reason;
    throw e;
  }
  return undefined;
}

const at = (ms: number) => new Date(ms);

describe('verifyTrailflowSignature', () => {
  it('accepts the documented example signed with the documented secret (independently computed HMAC)', () => {
    expect(() => verifyTrailflowSignature(delivery(), secretsOf(SECRET), at(SENT_AT_MS))).not.toThrow();
  });

  it('accepts a `sha256=` prefix and upper-case hex', () => {
    const req = delivery({ 'x-trailflow-signature': `sha256=${KNOWN_SIGNATURE.toUpperCase()}` });
    expect(() => verifyTrailflowSignature(req, secretsOf(SECRET), at(SENT_AT_MS))).not.toThrow();
  });

  it('accepts a timestamp in epoch seconds', () => {
    const seconds = String(SENT_AT_MS / 1000);
    const req = delivery({ 'x-trailflow-timestamp': seconds, 'x-trailflow-signature': sign(seconds, BODY) });
    expect(() => verifyTrailflowSignature(req, secretsOf(SECRET), at(SENT_AT_MS + 60_000))).not.toThrow();
  });

  it('finds headers whatever their case, and takes the first of repeated values', () => {
    const req: RawWebhook = {
      ...delivery(),
      headers: {
        'X-TrailFlow-Timestamp': String(SENT_AT_MS),
        'X-TRAILFLOW-SIGNATURE': [KNOWN_SIGNATURE, 'ffff'],
        'X-TrailFlow-Delivery-Id': 'dlv_1',
        'X-TRAILFLOW-EVENT': 'load.created',
      },
    };
    expect(() => verifyTrailflowSignature(req, secretsOf(SECRET), at(SENT_AT_MS))).not.toThrow();
  });

  it('refuses a signature made over re-serialised JSON instead of the raw bytes', () => {
    const compact = Buffer.from(JSON.stringify(JSON.parse(BODY.toString('utf8'))));
    const req = delivery({ 'x-trailflow-signature': sign(String(SENT_AT_MS), compact) });
    expect(reasonOf(() => verifyTrailflowSignature(req, secretsOf(SECRET), at(SENT_AT_MS)))).toBe('bad_signature');
  });

  it('refuses a changed body', () => {
    const changed = Buffer.from(BODY.toString('utf8').replace('ASSIGNED', 'DELIVERED'));
    expect(reasonOf(() => verifyTrailflowSignature(delivery({}, changed), secretsOf(SECRET), at(SENT_AT_MS)))).toBe('bad_signature');
  });

  it('refuses a changed timestamp (it is part of the signed string)', () => {
    const req = delivery({ 'x-trailflow-timestamp': String(SENT_AT_MS + 1) });
    expect(reasonOf(() => verifyTrailflowSignature(req, secretsOf(SECRET), at(SENT_AT_MS)))).toBe('bad_signature');
  });

  it.each([
    ['another secret', { 'x-trailflow-signature': sign(String(SENT_AT_MS), BODY, 'tfwhsec_other') }],
    ['a truncated signature', { 'x-trailflow-signature': KNOWN_SIGNATURE.slice(0, 40) }],
    ['a non-hex signature of the right length', { 'x-trailflow-signature': 'z'.repeat(64) }],
  ])('refuses %s as bad_signature', (_name, headers) => {
    expect(reasonOf(() => verifyTrailflowSignature(delivery(headers), secretsOf(SECRET), at(SENT_AT_MS)))).toBe('bad_signature');
  });

  it.each([
    ['X-Trailflow-Signature', { 'x-trailflow-signature': undefined }],
    ['X-Trailflow-Timestamp', { 'x-trailflow-timestamp': undefined }],
    ['an empty X-Trailflow-Signature', { 'x-trailflow-signature': '' }],
  ])('refuses a delivery without %s as missing_signature', (_name, headers) => {
    expect(reasonOf(() => verifyTrailflowSignature(delivery(headers), secretsOf(SECRET), at(SENT_AT_MS)))).toBe('missing_signature');
  });

  it.each([undefined, ''])('refuses to verify without a secret (%p) as missing_secret', (secret) => {
    expect(reasonOf(() => verifyTrailflowSignature(delivery(), secretsOf(secret), at(SENT_AT_MS)))).toBe('missing_secret');
  });

  it.each([
    ['5 minutes late', SENT_AT_MS + 300_000, undefined],
    ['5 minutes early', SENT_AT_MS - 300_000, undefined],
    ['5 minutes and 1 ms late', SENT_AT_MS + 300_001, 'stale_timestamp'],
    ['5 minutes and 1 ms early', SENT_AT_MS - 300_001, 'stale_timestamp'],
  ])('judges a delivery checked %s: %p', (_name, nowMs, expected) => {
    expect(reasonOf(() => verifyTrailflowSignature(delivery(), secretsOf(SECRET), at(nowMs)))).toBe(expected);
  });

  it('passes when any one of several secrets matches (rotation), whatever its position', () => {
    expect(() => verifyTrailflowSignature(delivery(), ['tfwhsec_old', SECRET, 'tfwhsec_next'], at(SENT_AT_MS))).not.toThrow();
    expect(reasonOf(() => verifyTrailflowSignature(delivery(), ['tfwhsec_old', 'tfwhsec_next'], at(SENT_AT_MS)))).toBe('bad_signature');
  });

  it.each(['X-Trailflow-Delivery-Id', 'X-Trailflow-Event'])(
    'refuses an authentic delivery without %s with WebhookRequestError (400) naming the header',
    (name) => {
      for (const value of [undefined, '', '  ']) {
        let thrown: unknown;
        try {
          verifyTrailflowSignature(delivery({ [name.toLowerCase()]: value }), secretsOf(SECRET), at(SENT_AT_MS));
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(WebhookRequestError);
        expect(thrown).toMatchObject({ field: name, message: `${name} header is missing` });
      }
    },
  );

  it('judges the signature before the unsigned headers: a forged delivery without them is 401, not 400', () => {
    const req = delivery({ 'x-trailflow-delivery-id': undefined, 'x-trailflow-event': undefined, 'x-trailflow-signature': 'ab'.repeat(32) });
    expect(reasonOf(() => verifyTrailflowSignature(req, secretsOf(SECRET), at(SENT_AT_MS)))).toBe('bad_signature');
    const stale = delivery({ 'x-trailflow-delivery-id': undefined });
    expect(reasonOf(() => verifyTrailflowSignature(stale, secretsOf(SECRET), at(SENT_AT_MS + 600_000)))).toBe('stale_timestamp');
  });

  it('does not sign the delivery id: changing it keeps the signature valid (so parse marks it unsigned)', () => {
    const req = delivery({ 'x-trailflow-delivery-id': 'dlv_forged' });
    expect(() => verifyTrailflowSignature(req, secretsOf(SECRET), at(SENT_AT_MS))).not.toThrow();
    expect(parseTrailflowWebhook(req)[0]!.delivery).toStrictEqual({ deliveryId: 'dlv_forged', signed: false });
  });

  it('honours a custom tolerance', () => {
    expect(reasonOf(() => verifyTrailflowSignature(delivery(), secretsOf(SECRET), at(SENT_AT_MS + 2_000), 1_000))).toBe('stale_timestamp');
  });

  it('refuses a correctly signed timestamp that is not epoch time as stale_timestamp', () => {
    const iso = '2024-03-18T22:46:40Z';
    const req = delivery({ 'x-trailflow-timestamp': iso, 'x-trailflow-signature': sign(iso, BODY) });
    expect(reasonOf(() => verifyTrailflowSignature(req, secretsOf(SECRET), at(SENT_AT_MS)))).toBe('stale_timestamp');
  });

  it('never puts the secret in its messages', () => {
    try {
      verifyTrailflowSignature(delivery({ 'x-trailflow-signature': 'ab' }), secretsOf(SECRET), at(SENT_AT_MS));
    } catch (e) {
      expect((e as Error).message).not.toContain(SECRET);
      return;
    }
    throw new Error('expected a verification error');
  });
});

describe('parseTrailflowWebhook', () => {
  it('reads load.created as one partial event to hydrate (README assumption 9)', () => {
    expect(parseTrailflowWebhook(delivery())).toStrictEqual([
      {
        delivery: { deliveryId: 'dlv_1', signed: false },
        eventType: 'load.created',
        record: {
          kind: 'shipment',
          externalId: 'load_123',
          providerUpdatedAt: '2024-03-18T22:46:40.000Z',
          raw: JSON.parse(BODY.toString('utf8')),
          partial: true,
        },
      },
    ]);
  });

  it.each(['load.updated', 'load.status_changed'])('reads %s as a complete (not partial) event', (event) => {
    const [parsed] = parseTrailflowWebhook(delivery({ 'X-Trailflow-Event': event, 'x-trailflow-event': undefined }));
    expect(parsed.eventType).toBe(event);
    expect(parsed.record.partial).toBe(false);
  });

  it.each(['X-Trailflow-Delivery-Id', 'X-Trailflow-Event'])('refuses a delivery without %s, naming the header', (name) => {
    const req = delivery({ [name.toLowerCase()]: undefined });
    expect(() => parseTrailflowWebhook(req)).toThrow(
      expect.objectContaining({ kind: 'bad_payload', details: [expect.objectContaining({ field: name })] }),
    );
  });

  it('refuses a body that is not JSON', () => {
    expect(() => parseTrailflowWebhook(delivery({}, Buffer.from('{"id": "load_1",')))).toThrow(
      expect.objectContaining({ kind: 'bad_payload', details: [expect.objectContaining({ field: '$' })] }),
    );
  });

  it('refuses a body that is not a load, naming the field', () => {
    const body = Buffer.from(JSON.stringify({ id: 'load_1', status: 'ASSIGNED', updatedAt: 'yesterday' }));
    let thrown: unknown;
    try {
      parseTrailflowWebhook(delivery({}, body));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ProviderError);
    expect((thrown as ProviderError).details).toStrictEqual([
      { field: 'updatedAt', message: expect.stringContaining('updatedAt') },
    ]);
  });
});

describe('TrailflowProvider.webhooks', () => {
  const conn: Connection = {
    id: 'trailflow-default',
    provider: 'trailflow',
    baseUrl: 'http://127.0.0.1:1',
    credentials: { apiKey: 'unused' },
    webhookSecrets: [SECRET],
    settings: {},
  };
  const sut = new TrailflowProvider();

  it('verifies with the connection secret at the time the delivery was received', () => {
    expect(() => sut.webhooks.verify(delivery(), conn)).not.toThrow();
    const late = { ...delivery(), receivedAt: at(SENT_AT_MS + 600_000) };
    expect(reasonOf(() => sut.webhooks.verify(late, conn))).toBe('stale_timestamp');
    expect(reasonOf(() => sut.webhooks.verify(delivery(), { ...conn, webhookSecrets: [] }))).toBe('missing_secret');
  });
});
