import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ProviderError, WebhookVerificationError, type RawWebhook } from '@waybill/provider-kit';
import { parseCargamosWebhook, verifyCargamosWebhook } from './cargamos.webhooks.js';

const docsBody = readFileSync(new URL('../../../../test/fixtures/cargamos/webhook.delivery-attempted.docs.json', import.meta.url));

const req = (query: RawWebhook['query'], body: Buffer | string = docsBody): RawWebhook => ({
  method: 'POST',
  path: '/webhooks/cargamos/cargamos-default',
  query,
  headers: { 'content-type': 'application/json' },
  rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body),
  receivedAt: new Date('2026-11-30T16:00:00Z'),
});

describe('verifyCargamosWebhook (URL token)', () => {
  const tokens = ['tok-new', 'tok-old', 'tok-3'];

  it.each(tokens)('accepts ?token=%s (any configured token)', (token) => {
    expect(() => verifyCargamosWebhook(req({ token }), tokens)).not.toThrow();
  });

  it('reads the first of a repeated token', () => {
    expect(() => verifyCargamosWebhook(req({ token: ['tok-old', 'x'] }), tokens)).not.toThrow();
  });

  it.each([
    ['wrong', { token: 'tok-ne' }],
    ['longer', { token: 'tok-new-and-more' }],
    ['missing', {}],
    ['empty', { token: '' }],
    ['in another parameter', { key: 'tok-new' }],
  ])('refuses a %s token with WebhookVerificationError', (_what, query) => {
    const err = (() => {
      try {
        verifyCargamosWebhook(req(query), tokens);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(WebhookVerificationError);
    expect((err as WebhookVerificationError).reason).toBe('bad_token');
    expect((err as Error).message).not.toContain('tok-new');
  });

  it('refuses everything when no token is configured', () => {
    expect(() => verifyCargamosWebhook(req({ token: 'tok-new' }), [])).toThrow(expect.objectContaining({ reason: 'missing_secret' }));
  });
});

describe('parseCargamosWebhook', () => {
  it('parses the docs\' payload: label_id is the externalId, the body hash the unsigned delivery id, a non-final state is partial', () => {
    const [event, ...rest] = parseCargamosWebhook(req({ token: 't' }));
    expect(rest).toHaveLength(0);
    expect(event).toStrictEqual({
      delivery: { deliveryId: createHash('sha256').update(docsBody).digest('hex'), signed: false },
      eventType: 'DELIVERY_ATTEMPTED',
      record: {
        kind: 'shipment',
        externalId: 'CH00000000044',
        providerUpdatedAt: null,
        raw: { state: 'DELIVERY_ATTEMPTED', label_id: 'CH00000000044', anomalies: { anomaly: 'RECIPIENT_ABSENT', description: 'Nobody at the address' } },
        partial: true,
      },
    });
  });

  it('takes a final state as it is (not partial); a repeated body has the same delivery id', () => {
    const body = JSON.stringify({ state: 'DELIVERED', label_id: 'CH00000000044', anomalies: {} });
    const [a] = parseCargamosWebhook(req({}, body));
    const [b] = parseCargamosWebhook(req({}, body));
    expect(a.record.partial).toBeUndefined();
    expect(a.delivery).toStrictEqual(b.delivery);
    const [c] = parseCargamosWebhook(req({}, JSON.stringify({ state: 'OUT_FOR_DELIVERY', label_id: 'CH00000000044', anomalies: {} })));
    expect(c.delivery.deliveryId).not.toBe(a.delivery.deliveryId);
  });

  it('accepts an unknown state (mapped to UNKNOWN later) and refuses what it cannot read', () => {
    expect(parseCargamosWebhook(req({}, '{"state":"IN_CUSTOMS","label_id":"CH1"}'))[0]).toMatchObject({ eventType: 'IN_CUSTOMS', record: { externalId: 'CH1', partial: true } });
    expect(() => parseCargamosWebhook(req({}, 'not json'))).toThrow(ProviderError);
    expect(() => parseCargamosWebhook(req({}, '{"state":"DELIVERED"}'))).toThrow(expect.objectContaining({ kind: 'bad_payload' }));
    expect(() => parseCargamosWebhook(req({}, '[]'))).toThrow(expect.objectContaining({ kind: 'bad_payload' }));
  });
});
