import { tmsCreatePatch, tmsFieldsPatch } from './tms-shipment.js';

describe('tmsCreatePatch', () => {
  it('fills what the TMS left out with null and reports its own status (golden)', () => {
    expect(
      tmsCreatePatch(
        {
          reference: 'ORD-1',
          customer: { code: 'ACME' },
          carrier: { name: 'Reliable', mcNumber: 'MC-1' },
          stops: [{ sequence: 1, type: 'PICKUP', address: { city: 'Austin' }, window: { start: '2026-03-02T14:00:00Z' } }],
          cargo: { weightKg: 10, packages: [{ weightKg: 10 }] },
          rate: { amount: 5, currency: 'eur' },
          requiredDocuments: ['POD', 'POD', 'BOL'],
        },
        '2026-03-01T00:00:00.000Z',
      ),
    ).toStrictEqual({
      reference: 'ORD-1',
      status: 'DRAFT',
      providerStatus: { status: 'created', at: '2026-03-01T00:00:00.000Z' },
      references: [{ kind: 'external', value: 'ORD-1' }],
      customer: { id: null, code: 'ACME', name: null, email: null, phone: null },
      carrier: { id: null, name: 'Reliable', legalName: null, email: null, phone: null, vatCode: null, mcNumber: 'MC-1', usdotNumber: null },
      stops: [{
        sequence: 1,
        type: 'PICKUP',
        name: null,
        address: { line1: null, city: 'Austin', region: null, postalCode: null, countryCode: null, formatted: null },
        position: null,
        window: { start: '2026-03-02T14:00:00Z', end: null, timezone: null },
        contact: null,
        status: null,
        notes: null,
      }],
      cargo: { weightKg: 10, packages: [{ weightKg: 10, lengthCm: null, widthCm: null, heightCm: null, description: null }], description: null },
      rate: { amount: 5, currency: 'EUR' },
      requiredDocuments: ['POD', 'BOL'],
    });
  });
});

describe('tmsFieldsPatch', () => {
  it('carries only the fields present: a field left out keeps what is stored, null clears it', () => {
    expect(tmsFieldsPatch({ notes: 'x', carrier: null })).toStrictEqual({ notes: 'x', carrier: null });
    expect(tmsFieldsPatch({})).toStrictEqual({});
  });

  it('never takes a carrier id from the writer (the store links the canonical carrier)', () => {
    expect(tmsFieldsPatch({ carrier: { name: 'A', id: 'forged' } as never }).carrier?.id).toBeNull();
  });
});
