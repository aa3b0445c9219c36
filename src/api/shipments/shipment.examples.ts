/** OpenAPI example: the carrier part of a shipment, as spliced in when read. */
export const SHIPMENT_CARRIER_EXAMPLE = {
  id: '5b0e6c1e-8f1e-4a55-9d0b-5a4f3c2e1d10',
  name: 'Acme Freight',
  legalName: null,
  email: 'dispatch@acme-freight.com',
  phone: null,
  vatCode: null,
  mcNumber: 'MC-123456',
  usdotNumber: null,
  compliance: {
    status: 'VERIFIED',
    expiredDocuments: 0,
    nextExpiry: { documentId: 'f3b7c0de-2b1a-4a9e-9c41-0c1d2e3f4a5b', type: 'INSURANCE', expiresOn: '2026-03-15', daysUntilExpiry: 7 },
  },
};

export const SHIPMENT_EXAMPLE = {
  id: '8d2f4a10-3c5b-4e6f-9a7b-1c2d3e4f5a6b',
  reference: 'ORD-10442',
  status: 'IN_TRANSIT',
  statusReason: null,
  createdAt: '2026-03-01T12:00:00.000Z',
  updatedAt: '2026-03-02T08:15:00.000Z',
  version: 4,
  carrier: SHIPMENT_CARRIER_EXAMPLE,
};
