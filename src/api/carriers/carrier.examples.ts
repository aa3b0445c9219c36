/** OpenAPI examples: what a TMS sees. */
export const CARRIER_EXAMPLE = {
  id: '5b0e6c1e-8f1e-4a55-9d0b-5a4f3c2e1d10',
  name: 'Acme Freight',
  legalName: 'Acme Freight LLC',
  dbaName: null,
  identifiers: { mcNumber: 'MC-123456', usdotNumber: '2233445', vatCode: null, taxId: null },
  dispatch: { name: 'Dana Diaz', email: 'dispatch@acme-freight.com', phone: '+1 312 555 0100' },
  address: { line1: '1 Main St', city: 'Chicago', region: 'IL', postalCode: '60601', countryCode: 'US', formatted: null },
  services: ['FTL', 'REEFER'],
  compliance: {
    status: 'VERIFIED',
    rawStatus: 'approved',
    signedAt: '2026-01-10T15:00:00.000Z',
    verifiedAt: '2026-01-11T09:30:00.000Z',
    documents: [{ id: 'f3b7c0de-2b1a-4a9e-9c41-0c1d2e3f4a5b', type: 'INSURANCE', expiresOn: '2026-03-15', daysUntilExpiry: 7 }],
  },
  conflict: null,
  createdAt: '2026-01-10T15:00:00.000Z',
  updatedAt: '2026-03-08T06:05:00.000Z',
  version: 3,
  sources: [
    {
      provider: 'carrierpacket',
      connection: 'carrierpacket-default',
      externalId: 'pkt_8812',
      providerUpdatedAt: '2026-01-11T09:30:00.000Z',
      syncedAt: '2026-01-11T09:30:02.000Z',
      via: 'webhook',
      removedAt: null,
    },
  ],
};

export const DOCUMENT_EXAMPLE = {
  id: 'f3b7c0de-2b1a-4a9e-9c41-0c1d2e3f4a5b',
  owner: { kind: 'carrier', id: CARRIER_EXAMPLE.id },
  provider: 'carrierpacket',
  connection: 'carrierpacket-default',
  externalId: 'doc_551',
  type: 'INSURANCE',
  rawType: 'COI',
  status: 'ACCEPTED',
  rawStatus: 'approved',
  name: 'certificate-of-insurance.pdf',
  mimeType: 'application/pdf',
  sizeBytes: 184322,
  expiresOn: '2026-03-15',
  daysUntilExpiry: 7,
  uploadedAt: '2026-01-10T15:02:00.000Z',
  createdAt: '2026-01-10T15:02:05.000Z',
  updatedAt: '2026-01-11T09:30:02.000Z',
  version: 2,
};

export const errorExample = (code: string, message: string) => ({ error: { code, message }, requestId: 'req_3f9a0c2b7d4e4f1a9b2c' });
