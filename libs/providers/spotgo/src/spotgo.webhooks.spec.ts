import { readFileSync } from 'node:fs';
import { ProviderError, WebhookRequestError, WebhookVerificationError, type RawWebhook } from '@waybill/provider-kit';
import { parseSpotgoWebhook, verifySpotgoWebhook } from './spotgo.webhooks.js';

const body = (name: string): Buffer => readFileSync(new URL(`../../../../test/fixtures/spotgo/${name}`, import.meta.url));

function delivery(headers: RawWebhook['headers'], rawBody = body('webhook.document-uploaded.body.json')): RawWebhook {
  return { method: 'POST', path: '/webhooks/spotgo/spotgo-default', query: {}, headers, rawBody, receivedAt: new Date('2026-03-30T08:03:13Z') };
}

const HEADERS = {
  'content-type': 'application/json; x-api-version=1.0',
  'user-agent': 'SpotGo-Webhooks/1.0',
  'x-spotgo-event': 'DocumentUploaded',
  'x-spotgo-delivery': '9c1f4e2a-0b3c-4d5e-8f70-112233445566',
  'x-waybill-webhook-secret': 'current-secret',
};

function verifyError(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected verify to throw');
}

describe('verifySpotgoWebhook', () => {
  it('passes when the credential matches any configured secret (rotation)', () => {
    expect(() => verifySpotgoWebhook(delivery(HEADERS), ['current-secret'])).not.toThrow();
    expect(() => verifySpotgoWebhook(delivery(HEADERS), ['next-secret', 'current-secret'])).not.toThrow();
    expect(() => verifySpotgoWebhook(delivery({ ...HEADERS, 'X-Waybill-Webhook-Secret': 'current-secret', 'x-waybill-webhook-secret': undefined }), ['current-secret'])).not.toThrow();
  });

  it.each([
    ['no secret configured', HEADERS, [], 'missing_secret'],
    ['no credential header', { ...HEADERS, 'x-waybill-webhook-secret': undefined }, ['current-secret'], 'missing_signature'],
    ['a blank credential', { ...HEADERS, 'x-waybill-webhook-secret': ' ' }, ['current-secret'], 'missing_signature'],
    ['a wrong credential', { ...HEADERS, 'x-waybill-webhook-secret': 'current-secreT' }, ['current-secret', 'other'], 'bad_signature'],
    ['a prefix of the secret', { ...HEADERS, 'x-waybill-webhook-secret': 'current' }, ['current-secret'], 'bad_signature'],
  ] as const)('%s → %s (401)', (_case, headers, secrets, reason) => {
    const e = verifyError(() => verifySpotgoWebhook(delivery(headers), secrets));
    expect(e).toBeInstanceOf(WebhookVerificationError);
    expect((e as WebhookVerificationError).reason).toBe(reason);
  });

  it('an authentic delivery without X-SpotGo-Delivery is a 400, after authentication', () => {
    const e = verifyError(() => verifySpotgoWebhook(delivery({ ...HEADERS, 'x-spotgo-delivery': undefined }), ['current-secret']));
    expect(e).toBeInstanceOf(WebhookRequestError);
    expect((e as WebhookRequestError).field).toBe('x-spotgo-delivery');
    // Unauthenticated comes first: nothing about the protocol is said to a stranger.
    expect(verifyError(() => verifySpotgoWebhook(delivery({ 'x-waybill-webhook-secret': 'nope' }), ['current-secret']))).toBeInstanceOf(WebhookVerificationError);
  });
});

describe('parseSpotgoWebhook', () => {
  it('the thin notice → one partial shipment record to hydrate, delivery id unsigned', () => {
    expect(parseSpotgoWebhook(delivery(HEADERS))).toStrictEqual([
      {
        delivery: { deliveryId: '9c1f4e2a-0b3c-4d5e-8f70-112233445566', signed: false },
        eventType: 'DocumentUploaded',
        record: {
          kind: 'shipment',
          externalId: '3f2a9c10-7b1d-4e0a-9c44-5d6e7f809a1b',
          providerUpdatedAt: null,
          raw: JSON.parse(body('webhook.document-uploaded.body.json').toString('utf8')),
          partial: true,
        },
      },
    ]);
  });

  it('falls back to the body eventId when the header is absent (a replay of a kept row)', () => {
    const [event] = parseSpotgoWebhook(delivery({}));
    expect(event.delivery).toStrictEqual({ deliveryId: '9c1f4e2a-0b3c-4d5e-8f70-112233445566', signed: false });
  });

  it('a Test notice is synthetic', () => {
    const [event] = parseSpotgoWebhook(delivery({ 'x-spotgo-delivery': 'd-test' }, body('webhook.test.body.json')));
    expect(event).toMatchObject({ eventType: 'Test', synthetic: true, record: { externalId: '' } });
  });

  it.each([
    ['not JSON', Buffer.from('{nope'), '$'],
    ['no eventId', Buffer.from(JSON.stringify({ eventType: 'DocumentAccepted', orderId: 'o' })), 'eventId'],
    ['no orderId on a real event', Buffer.from(JSON.stringify({ eventId: 'e', eventType: 'DocumentAccepted', orderId: null })), 'orderId'],
  ])('%s → bad_payload naming %s', (_case, raw, field) => {
    try {
      parseSpotgoWebhook(delivery(HEADERS, raw));
      throw new Error('expected bad_payload');
    } catch (e) {
      expect(e).toBeInstanceOf(ProviderError);
      expect((e as ProviderError).kind).toBe('bad_payload');
      expect((e as ProviderError).details).toEqual([expect.objectContaining({ field })]);
    }
  });
});
