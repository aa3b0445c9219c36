import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ProviderError, WebhookVerificationError, type Connection, type RawWebhook } from '@waybill/provider-kit';
import { CarrierpacketProvider } from './carrierpacket.provider.js';
import { parseCarrierpacketWebhook, verifyCarrierpacketSignature } from './carrierpacket.webhooks.js';

// README "Webhooks": `X-CarrierPacket-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, one secret per
// endpoint (up to five), any one matching; the body is FACTS §6's envelope.

function fixtureText(name: string): string {
  return readFileSync(new URL(`../../../../test/fixtures/carrierpacket/${name}`, import.meta.url), 'utf8');
}

const ENDPOINT_A = 'whsec_endpoint_a_0f9e8d';
const ENDPOINT_B = 'whsec_endpoint_b_7c6b5a';
const OTHER = 'whsec_not_ours_112233';

function sign(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function delivery(body: Buffer | string, headers: Record<string, string | string[] | undefined> = {}): RawWebhook {
  return {
    method: 'POST',
    path: '/webhooks/carrierpacket',
    query: {},
    headers: { 'content-type': 'application/json', 'user-agent': 'CarrierPacket-Webhooks/1.0', ...headers },
    rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    receivedAt: new Date('2026-04-26T14:33:22Z'),
  };
}

function connection(webhookSecrets: string[]): Connection {
  return { id: 'carrierpacket-default', provider: 'carrierpacket', baseUrl: 'http://127.0.0.1:1', credentials: { apiKey: 'k' }, webhookSecrets, settings: {} };
}

function verifyError(fn: () => void): WebhookVerificationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof WebhookVerificationError) return e;
    throw e;
  }
  throw new Error('expected a WebhookVerificationError');
}

const body = Buffer.from(fixtureText('webhook-carrier-signed.body.json'), 'utf8');
const sut = new CarrierpacketProvider();
const TWO_SECRETS = connection([ENDPOINT_A, ENDPOINT_B]);

describe('CarrierPacket webhook verification', () => {
  it.each([
    ['the first endpoint', ENDPOINT_A],
    ['the second endpoint', ENDPOINT_B],
  ])('accepts a body signed by %s', (_name, secret) => {
    expect(() => sut.webhooks.verify(delivery(body, { 'x-carrierpacket-signature': sign(secret, body) }), TWO_SECRETS)).not.toThrow();
  });

  it('accepts the hex without the sha256= prefix, in upper case, under any header case', () => {
    const hex = sign(ENDPOINT_B, body).slice('sha256='.length);

    expect(() => sut.webhooks.verify(delivery(body, { 'X-CarrierPacket-Signature': hex.toUpperCase() }), TWO_SECRETS)).not.toThrow();
    expect(() => sut.webhooks.verify(delivery(body, { 'X-CARRIERPACKET-SIGNATURE': `SHA256=${hex}` }), TWO_SECRETS)).not.toThrow();
  });

  it('refuses a body signed by a third secret as bad_signature, without naming any secret', () => {
    const e = verifyError(() => sut.webhooks.verify(delivery(body, { 'x-carrierpacket-signature': sign(OTHER, body) }), TWO_SECRETS));

    expect(e.reason).toBe('bad_signature');
    for (const secret of [ENDPOINT_A, ENDPOINT_B, OTHER]) expect(e.message).not.toContain(secret);
  });

  it('refuses a body with one byte changed', () => {
    const signature = sign(ENDPOINT_A, body);
    const changed = Buffer.from(body);
    changed[changed.indexOf('1138')] = '2'.charCodeAt(0);

    expect(verifyError(() => sut.webhooks.verify(delivery(changed, { 'x-carrierpacket-signature': signature }), TWO_SECRETS)).reason).toBe('bad_signature');
  });

  it('refuses re-serialised JSON: the raw bytes are signed', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))), 'utf8');

    const e = verifyError(() => sut.webhooks.verify(delivery(reserialised, { 'x-carrierpacket-signature': sign(ENDPOINT_A, body) }), TWO_SECRETS));

    expect(e.reason).toBe('bad_signature');
  });

  it.each([['sha256='], ['sha256=abc'], ['not-a-signature'], ['z'.repeat(64)]])('refuses the malformed signature %p as bad_signature', (value) => {
    expect(verifyError(() => sut.webhooks.verify(delivery(body, { 'x-carrierpacket-signature': value }), TWO_SECRETS)).reason).toBe('bad_signature');
  });

  it('refuses a delivery without the header as missing_signature', () => {
    expect(verifyError(() => sut.webhooks.verify(delivery(body), TWO_SECRETS)).reason).toBe('missing_signature');
    expect(verifyError(() => sut.webhooks.verify(delivery(body, { 'x-carrierpacket-signature': '  ' }), TWO_SECRETS)).reason).toBe('missing_signature');
  });

  it('refuses everything when no secret is configured (missing_secret), before reading the header', () => {
    expect(verifyError(() => verifyCarrierpacketSignature(delivery(body, { 'x-carrierpacket-signature': sign(ENDPOINT_A, body) }), [])).reason).toBe(
      'missing_secret',
    );
  });

  it('uses the first value of a repeated header', () => {
    const req = delivery(body, { 'x-carrierpacket-signature': [sign(ENDPOINT_A, body), 'sha256=00'] });

    expect(() => sut.webhooks.verify(req, TWO_SECRETS)).not.toThrow();
  });
});

describe('CarrierPacket webhook parsing', () => {
  it('parses the FACTS §6 envelope into one signed delivery with a partial carrier record', () => {
    const raw = JSON.parse(body.toString('utf8'));

    expect(parseCarrierpacketWebhook(delivery(body))).toStrictEqual([
      {
        delivery: { deliveryId: '8b3e4f...:carrier.signed', signed: true },
        eventType: 'carrier.signed',
        record: { kind: 'carrier', externalId: '1138', providerUpdatedAt: null, raw: raw.submission, partial: true },
      },
    ]);
  });

  it('gives carrier.signed and carrier.verified of one submission different delivery ids', () => {
    const verified = JSON.parse(body.toString('utf8'));
    verified.event = 'carrier.verified';
    verified.submission.status = 2;

    const [event] = sut.webhooks.parse(delivery(JSON.stringify(verified)));

    expect(event.delivery).toStrictEqual({ deliveryId: '8b3e4f...:carrier.verified', signed: true });
    expect(event.eventType).toBe('carrier.verified');
  });

  it.each([
    ['on the envelope and the submission', true, true],
    ['on the envelope only', true, undefined],
    ['on the submission only', undefined, true],
  ])('marks webhook.test synthetic when _synthetic is %s', (_where, onEnvelope, onSubmission) => {
    const test = JSON.parse(body.toString('utf8'));
    test.event = 'webhook.test';
    if (onEnvelope !== undefined) test._synthetic = onEnvelope;
    if (onSubmission !== undefined) test.submission._synthetic = onSubmission;

    const [event] = sut.webhooks.parse(delivery(JSON.stringify(test)));

    expect(event.synthetic).toBe(true);
    expect(event.delivery.deliveryId).toBe('8b3e4f...:webhook.test');
  });

  it('does not mark a real delivery synthetic', () => {
    expect(sut.webhooks.parse(delivery(body))[0].synthetic).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"event":', '$'],
    ['an array', '[]', '$'],
    ['no event', JSON.stringify({ submission: { id: 1, status: 1, hashid: 'h' } }), 'event'],
    ['no submission', JSON.stringify({ event: 'carrier.signed' }), 'submission'],
    ['a submission without id', JSON.stringify({ event: 'carrier.signed', submission: { status: 1, hashid: 'h' } }), 'submission.id'],
    ['a submission without hashid', JSON.stringify({ event: 'carrier.signed', submission: { id: 1, status: 1 } }), 'submission.hashid'],
    ['a string status', JSON.stringify({ event: 'carrier.signed', submission: { id: 1, status: '1', hashid: 'h' } }), 'submission.status'],
  ])('refuses %s as bad_payload naming %s', (_what, text, field) => {
    let e: unknown;
    try {
      parseCarrierpacketWebhook(delivery(text));
    } catch (caught) {
      e = caught;
    }

    expect(e).toBeInstanceOf(ProviderError);
    expect((e as ProviderError).kind).toBe('bad_payload');
    expect(((e as ProviderError).details as { field: string }[])[0].field).toBe(field);
  });
});
