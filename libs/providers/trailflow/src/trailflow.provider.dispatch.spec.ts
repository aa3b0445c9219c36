import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Shipment } from '@waybill/canonical';
import { ProviderError, type Connection } from '@waybill/provider-kit';
import { TrailflowProvider } from './trailflow.provider.js';

// commands.dispatch against a real node:http server on port 0 answering like TrailFlow (EX "Upsert Load Response").

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../../test/fixtures/trailflow/${name}`, import.meta.url), 'utf8'));
}

interface Seen {
  method: string;
  path: string;
  key: string | undefined;
  body: any;
}

let server: Server;
let conn: Connection;
let seen: Seen[];
let answer: () => { status: number; body: unknown };

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({ method: req.method!, path: req.url!, key: req.headers['idempotency-key'] as string | undefined, body: raw ? JSON.parse(raw) : null });
      const reply = answer();
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  conn = {
    id: 'trailflow-default',
    provider: 'trailflow',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { apiKey: 'tf_key' },
    webhookSecrets: [],
    settings: {},
  };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  answer = () => ({ status: 201, body: fixture('upsert-load.response.json') });
});

const shipment = (notes: string | null): Shipment => ({
  id: '8d2f4a10-3c5b-4e6f-9a7b-1c2d3e4f5a6b', reference: 'ORD-1001', status: 'DRAFT', statusReason: null,
  createdAt: '2026-03-01T12:00:00.000Z', updatedAt: '2026-03-01T12:00:00.000Z', version: 1, providerStatuses: [], references: [],
  customer: null, carrier: null, vehicle: null, stops: [], cargo: null, rate: null, notes, documents: [], tracking: null, sources: [],
});

describe('TrailflowProvider.commands.dispatch', () => {
  const provider = new TrailflowProvider();

  it('declares dispatch, and no cancel, review or upload', () => {
    expect(provider.capabilities.dispatch).toBe(true);
    expect(provider.commands?.cancel).toBeUndefined();
    expect(provider.commands?.review).toBeUndefined();
    expect(provider.commands?.upload).toBeUndefined();
  });

  it('upserts the load with an Idempotency-Key and answers the load as a record to merge', async () => {
    const result = await provider.commands!.dispatch(conn, { shipment: shipment('n'), externalId: null, options: {} }, 'wb-dsp-abc');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/loads/upsert', body: { externalId: shipment('n').id, orderNumber: 'ORD-1001', notes: 'n' } });
    expect(seen[0]!.key).toMatch(/^wb-dsp-abc-[0-9a-f]{16}$/);
    const upserted = fixture('upsert-load.response.json').data;
    expect(result).toStrictEqual({
      externalId: 'load_123',
      records: [{ kind: 'shipment', externalId: 'load_123', providerUpdatedAt: '2024-03-19T00:30:00.000Z', raw: upserted }],
      shareUrl: null,
      trackingId: null,
    });
    // The answer maps back to the shipment's business reference (the next poll joins the same shipment).
    expect(provider.map(result.records[0]!, conn)).toMatchObject({ patch: { reference: 'ORD-1001' } });
  });

  it('sends the same key for the same body (a retry is a replay) and another for another body (an update)', async () => {
    const cmd = { shipment: shipment('n'), externalId: null, options: {} };
    await provider.commands!.dispatch(conn, cmd, 'wb-dsp-abc');
    await provider.commands!.dispatch(conn, cmd, 'wb-dsp-abc');
    await provider.commands!.dispatch(conn, { ...cmd, shipment: shipment('changed') }, 'wb-dsp-abc');
    expect(seen[0]!.key).toBe(seen[1]!.key);
    expect(seen[2]!.key).not.toBe(seen[0]!.key);
    expect(seen[2]!.key!.startsWith('wb-dsp-abc-')).toBe(true);
  });

  it('turns a 400 bad_request into invalid_request with ProviderFieldError details', async () => {
    answer = () => ({ status: 400, body: { error: { code: 'bad_request', message: 'customerCode "NOPE" does not match any customer' }, requestId: 'req_9' } });
    const error = await provider.commands!.dispatch(conn, { shipment: shipment(null), externalId: null, options: {} }, 'k').catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind: 'invalid_request',
      code: 'bad_request',
      details: [{ field: 'customer.code', providerField: 'customerCode', code: 'bad_request', message: 'customerCode "NOPE" does not match any customer' }],
    });
  });

  it('passes other failures through with their kind (idempotency_conflict stays invalid_request, rate limits stay rate_limited)', async () => {
    answer = () => ({ status: 409, body: fixture('error-idempotency-conflict.response.json') });
    await expect(provider.commands!.dispatch(conn, { shipment: shipment(null), externalId: null, options: {} }, 'k')).rejects.toMatchObject({
      kind: 'invalid_request',
      code: 'idempotency_conflict',
    });
  });
});
