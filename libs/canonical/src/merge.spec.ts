import { applyPatch, sameContent, type MergeSource } from './merge.js';
import type { Shipment, ShipmentDocument, ShipmentPatch, Stop } from './shipment.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const INIT = { id: 'shp_new', now: '2024-03-19T12:00:00.000Z' };

function source(overrides: Partial<MergeSource> = {}): MergeSource {
  return {
    provider: 'trailflow',
    connection: 'default',
    externalId: 'load-1',
    providerUpdatedAt: '2024-03-19T11:00:00.000Z',
    via: 'poll',
    syncedAt: '2024-03-19T12:00:00.000Z',
    ...overrides,
  };
}

function stop(sequence: number, name: string): Stop {
  return {
    sequence,
    type: sequence === 1 ? 'PICKUP' : 'DELIVERY',
    name,
    address: { line1: `${sequence} Main St`, city: 'Chicago', region: 'IL', postalCode: '60601', countryCode: 'US', formatted: null },
    position: { latitude: 41.88, longitude: -87.63 },
    window: { start: '2024-03-19T13:00:00.000Z', end: '2024-03-19T15:00:00.000Z', timezone: 'America/Chicago' },
    contact: null,
    status: null,
    notes: null,
  };
}

function doc(externalId: string, status: ShipmentDocument['status'], provider: ShipmentDocument['provider'] = 'trailflow'): ShipmentDocument {
  return { id: `doc_${externalId}`, type: 'POD', status, name: `${externalId}.pdf`, mimeType: 'application/pdf', sizeBytes: 100, expiresOn: null, provider, externalId };
}

/** A shipment as stored after one TrailFlow poll: every field filled, so a test sees what a patch keeps. */
function stored(): Shipment {
  return {
    id: 'shp_1',
    reference: 'PO-1001',
    status: 'IN_TRANSIT',
    statusReason: null,
    createdAt: '2024-03-18T09:00:00.000Z',
    updatedAt: '2024-03-19T10:00:00.000Z',
    version: 3,
    providerStatuses: [{ provider: 'trailflow', connection: 'default', status: 'in_transit', at: '2024-03-19T10:00:00.000Z', mapped: 'IN_TRANSIT' }],
    references: [{ provider: 'trailflow', connection: 'default', kind: 'load', value: 'load-1' }],
    customer: { id: 'cus_1', code: 'ACME', name: 'Acme', email: 'ops@acme.test', phone: null },
    carrier: { id: 'car_1', name: 'Fast Freight', legalName: null, email: null, phone: null, vatCode: null, mcNumber: 'MC123', usdotNumber: null },
    vehicle: { unitNumber: 'T-9', type: 'DRY_VAN', licensePlates: ['IL-1234'] },
    stops: [stop(1, 'Warehouse'), stop(2, 'Store')],
    cargo: { weightKg: 1000, packages: [], description: 'Pallets' },
    rate: { amount: 1500, currency: 'USD' },
    notes: 'Call before arrival',
    documents: [doc('d1', 'IN_REVIEW'), doc('d2', 'ACCEPTED')],
    tracking: {
      eligible: true,
      reason: null,
      trackingId: 'trk-1',
      shareUrl: 'https://track.test/trk-1',
      lastKnownLocation: { latitude: 41.0, longitude: -88.0, recordedAt: '2024-03-19T09:00:00.000Z', source: 'ELD' },
      eta: '2024-03-19T15:00:00.000Z',
    },
    sources: [
      { provider: 'trailflow', connection: 'default', externalId: 'load-1', providerUpdatedAt: '2024-03-19T10:00:00.000Z', syncedAt: '2024-03-19T10:00:05.000Z', via: 'poll' },
    ],
  };
}

describe('applyPatch: creating a shipment', () => {
  it('builds a new shipment from init, with empty lists and nulls where the patch says nothing', () => {
    const result = applyPatch(null, { status: 'ASSIGNED', reference: 'PO-7' }, source(), INIT);
    expect(result).toEqual({
      id: 'shp_new',
      reference: 'PO-7',
      status: 'ASSIGNED',
      statusReason: null,
      createdAt: '2024-03-19T12:00:00.000Z',
      updatedAt: '2024-03-19T12:00:00.000Z',
      version: 0,
      providerStatuses: [],
      references: [],
      customer: null,
      carrier: null,
      vehicle: null,
      stops: [],
      cargo: null,
      rate: null,
      notes: null,
      documents: [],
      tracking: null,
      sources: [source()],
    });
  });

  it('uses UNKNOWN when the patch has no status', () => {
    expect(applyPatch(null, { reference: 'PO-7' }, source(), INIT).status).toBe('UNKNOWN');
  });

  it('ignores init when a shipment exists', () => {
    const result = applyPatch(stored(), { notes: 'x' }, source(), INIT);
    expect(result.id).toBe('shp_1');
    expect(result.createdAt).toBe('2024-03-18T09:00:00.000Z');
  });
});

describe('applyPatch: undefined keeps, null clears', () => {
  it('keeps every stored field that a thin patch (status only) does not carry', () => {
    const current = stored();
    const result = applyPatch(current, { status: 'DELIVERED', providerStatus: { status: 'delivered', at: '2024-03-19T11:00:00.000Z' } }, source(), INIT);
    expect(result).toEqual({
      ...current,
      status: 'DELIVERED',
      providerStatuses: [{ provider: 'trailflow', connection: 'default', status: 'delivered', at: '2024-03-19T11:00:00.000Z', mapped: 'DELIVERED' }],
      sources: [source()],
    });
  });

  it.each(['reference', 'customer', 'carrier', 'vehicle', 'cargo', 'rate', 'notes', 'tracking'] as const)('sets %s to null when the patch says null', (field) => {
    const result = applyPatch(stored(), { [field]: null }, source(), INIT);
    expect(result[field]).toBeNull();
    expect(stored()[field]).not.toBeNull();
  });

  it('keeps a field whose key is present but undefined', () => {
    const result = applyPatch(stored(), { customer: undefined, notes: undefined, stops: undefined }, source(), INIT);
    expect(result.customer).toEqual(stored().customer);
    expect(result.notes).toBe('Call before arrival');
    expect(result.stops).toEqual(stored().stops);
  });
});

describe('applyPatch: whole-object fields', () => {
  it('replaces customer, carrier, vehicle, cargo and rate whole, without mixing old sub-fields in', () => {
    const patch: ShipmentPatch = {
      customer: { id: 'cus_1', code: null, name: 'Acme Corp', email: null, phone: '+1 555 0100' },
      carrier: { id: null, name: 'Slow Freight', legalName: null, email: null, phone: null, vatCode: null, mcNumber: null, usdotNumber: '999' },
      vehicle: { unitNumber: 'T-10', type: null, licensePlates: [] },
      cargo: { weightKg: null, packages: [{ weightKg: 5, lengthCm: null, widthCm: null, heightCm: null, description: 'box' }], description: null },
      rate: { amount: 1750.5, currency: null },
    };
    const result = applyPatch(stored(), patch, source(), INIT);
    expect(result.customer).toEqual(patch.customer);
    expect(result.carrier).toEqual(patch.carrier);
    expect(result.vehicle).toEqual(patch.vehicle);
    expect(result.cargo).toEqual(patch.cargo);
    expect(result.rate).toEqual(patch.rate);
  });

  it('replaces reference and notes when given', () => {
    const result = applyPatch(stored(), { reference: 'PO-2002', notes: 'Dock 4' }, source(), INIT);
    expect(result.reference).toBe('PO-2002');
    expect(result.notes).toBe('Dock 4');
  });
});

describe('applyPatch: tracking', () => {
  it('changes only the keys present in the patch', () => {
    const result = applyPatch(stored(), { tracking: { eta: '2024-03-19T16:30:00.000Z', eligible: false } }, source(), INIT);
    expect(result.tracking).toEqual({ ...stored().tracking, eta: '2024-03-19T16:30:00.000Z', eligible: false });
  });

  it('replaces lastKnownLocation whole', () => {
    const location = { latitude: 42.0, longitude: -89.0, recordedAt: null, source: null };
    const result = applyPatch(stored(), { tracking: { lastKnownLocation: location } }, source(), INIT);
    expect(result.tracking?.lastKnownLocation).toEqual(location);
    expect(result.tracking?.trackingId).toBe('trk-1');
  });

  it('can clear one key with null while keeping the others', () => {
    const result = applyPatch(stored(), { tracking: { shareUrl: null } }, source(), INIT);
    expect(result.tracking).toEqual({ ...stored().tracking, shareUrl: null });
  });

  it('starts from an all-null tracking when none is stored', () => {
    const result = applyPatch(null, { tracking: { trackingId: 'trk-9' } }, source(), INIT);
    expect(result.tracking).toEqual({ eligible: null, reason: null, trackingId: 'trk-9', shareUrl: null, lastKnownLocation: null, eta: null });
  });
});

describe('applyPatch: stops', () => {
  it('replaces the list with the given one, sorted by sequence', () => {
    const result = applyPatch(stored(), { stops: [stop(3, 'C'), stop(1, 'A'), stop(2, 'B')] }, source(), INIT);
    expect(result.stops.map((s) => [s.sequence, s.name])).toEqual([[1, 'A'], [2, 'B'], [3, 'C']]);
  });

  it('clears the stops when the patch gives an empty list', () => {
    expect(applyPatch(stored(), { stops: [] }, source(), INIT).stops).toEqual([]);
  });
});

describe('applyPatch: references', () => {
  it('stamps the source on the patch items and unions them with the stored ones, without duplicates', () => {
    const patch: ShipmentPatch = {
      references: [
        { kind: 'load', value: 'load-1' }, // already stored for this source
        { kind: 'order', value: 'PO-1001' },
        { kind: 'order', value: 'PO-1001' }, // twice in one payload
      ],
    };
    const result = applyPatch(stored(), patch, source(), INIT);
    expect(result.references).toEqual([
      { provider: 'trailflow', connection: 'default', kind: 'load', value: 'load-1' },
      { provider: 'trailflow', connection: 'default', kind: 'order', value: 'PO-1001' },
    ]);
  });

  it('keeps the same value from another connection or provider as a separate reference', () => {
    const fromEu = applyPatch(stored(), { references: [{ kind: 'load', value: 'load-1' }] }, source({ connection: 'eu' }), INIT);
    const fromSpotgo = applyPatch(fromEu, { references: [{ kind: 'load', value: 'load-1' }] }, source({ provider: 'spotgo' }), INIT);
    expect(fromSpotgo.references).toEqual([
      { provider: 'trailflow', connection: 'default', kind: 'load', value: 'load-1' },
      { provider: 'trailflow', connection: 'eu', kind: 'load', value: 'load-1' },
      { provider: 'spotgo', connection: 'default', kind: 'load', value: 'load-1' },
    ]);
  });

  it('never drops stored references that the patch does not repeat', () => {
    const result = applyPatch(stored(), { references: [] }, source(), INIT);
    expect(result.references).toEqual(stored().references);
  });
});

describe('applyPatch: documents', () => {
  it('upserts by (provider, externalId) and keeps the others in place', () => {
    const result = applyPatch(stored(), { documents: [doc('d1', 'ACCEPTED'), doc('d3', 'PROCESSING'), doc('d2', 'REJECTED', 'spotgo')] }, source(), INIT);
    expect(result.documents).toEqual([doc('d1', 'ACCEPTED'), doc('d2', 'ACCEPTED'), doc('d3', 'PROCESSING'), doc('d2', 'REJECTED', 'spotgo')]);
  });
});

describe('applyPatch: provider statuses and the shipment status', () => {
  const at = (hhmm: string) => `2024-03-19T${hhmm}:00.000Z`;

  it('replaces the entry of the same provider and connection and records the mapped status', () => {
    const result = applyPatch(stored(), { status: 'OUT_FOR_DELIVERY', providerStatus: { status: 'out_for_delivery', at: at('11:00') } }, source(), INIT);
    expect(result.providerStatuses).toEqual([
      { provider: 'trailflow', connection: 'default', status: 'out_for_delivery', at: at('11:00'), mapped: 'OUT_FOR_DELIVERY' },
    ]);
    expect(result.status).toBe('OUT_FOR_DELIVERY');
  });

  it('adds an entry for another connection of the same provider', () => {
    const result = applyPatch(stored(), { status: 'ASSIGNED', providerStatus: { status: 'assigned', at: at('11:00') } }, source({ connection: 'eu' }), INIT);
    expect(result.providerStatuses.map((s) => [s.connection, s.status])).toEqual([['default', 'in_transit'], ['eu', 'assigned']]);
  });

  it('follows a single source backwards when it corrects itself (DELIVERED → IN_TRANSIT)', () => {
    const delivered = applyPatch(stored(), { status: 'DELIVERED', providerStatus: { status: 'delivered', at: at('11:00') } }, source(), INIT);
    const corrected = applyPatch(delivered, { status: 'IN_TRANSIT', providerStatus: { status: 'in_transit', at: at('11:30') } }, source(), INIT);
    expect(delivered.status).toBe('DELIVERED');
    expect(corrected.status).toBe('IN_TRANSIT');
  });

  it('keeps the furthest status across sources: a lagging source cannot pull the shipment back', () => {
    const delivered = applyPatch(stored(), { status: 'DELIVERED', providerStatus: { status: 'delivered', at: at('11:00') } }, source(), INIT);
    const lagging = applyPatch(
      delivered,
      { status: 'IN_TRANSIT', providerStatus: { status: 'EN_ROUTE', at: at('12:00') } },
      source({ provider: 'spotgo', externalId: 'sg-1' }),
      INIT,
    );
    expect(lagging.status).toBe('DELIVERED');
    expect(lagging.providerStatuses.map((s) => [s.provider, s.status, s.mapped])).toEqual([
      ['trailflow', 'delivered', 'DELIVERED'],
      ['spotgo', 'EN_ROUTE', 'IN_TRANSIT'],
    ]);
  });

  it('falls back to the next source when the leading one corrects itself', () => {
    const two = applyPatch(stored(), { status: 'ASSIGNED', providerStatus: { status: 'ASSIGNED', at: at('10:30') } }, source({ provider: 'spotgo' }), INIT);
    const delivered = applyPatch(two, { status: 'DELIVERED', providerStatus: { status: 'delivered', at: at('11:00') } }, source(), INIT);
    const corrected = applyPatch(delivered, { status: 'PENDING', providerStatus: { status: 'pending', at: at('11:30') } }, source(), INIT);
    expect(corrected.status).toBe('ASSIGNED'); // spotgo's ASSIGNED outranks trailflow's PENDING
  });

  it('breaks a rank tie with the most recent report', () => {
    const ofd = applyPatch(stored(), { status: 'OUT_FOR_DELIVERY', providerStatus: { status: 'out_for_delivery', at: at('11:00') } }, source(), INIT);
    const laterException = applyPatch(ofd, { status: 'EXCEPTION', providerStatus: { status: 'DELAYED', at: at('11:05') } }, source({ provider: 'spotgo' }), INIT);
    const earlierException = applyPatch(ofd, { status: 'EXCEPTION', providerStatus: { status: 'DELAYED', at: at('10:55') } }, source({ provider: 'spotgo' }), INIT);
    const undatedException = applyPatch(ofd, { status: 'EXCEPTION', providerStatus: { status: 'DELAYED', at: null } }, source({ provider: 'spotgo' }), INIT);
    expect(laterException.status).toBe('EXCEPTION');
    expect(earlierException.status).toBe('OUT_FOR_DELIVERY');
    expect(undatedException.status).toBe('OUT_FOR_DELIVERY');
  });

  it('compares report times as instants, not as text', () => {
    const ofd = applyPatch(stored(), { status: 'OUT_FOR_DELIVERY', providerStatus: { status: 'ofd', at: '2024-03-19T11:00:00.000Z' } }, source(), INIT);
    // 07:30-04:00 is 11:30Z: later, although it sorts before "2024-03-19T11" as a string.
    const result = applyPatch(ofd, { status: 'EXCEPTION', providerStatus: { status: 'DELAYED', at: '2024-03-19T07:30:00-04:00' } }, source({ provider: 'spotgo' }), INIT);
    expect(result.status).toBe('EXCEPTION');
  });

  it('gives a full tie to the source of the patch', () => {
    const ofd = applyPatch(stored(), { status: 'OUT_FOR_DELIVERY', providerStatus: { status: 'ofd', at: at('11:00') } }, source(), INIT);
    const result = applyPatch(ofd, { status: 'EXCEPTION', providerStatus: { status: 'DELAYED', at: at('11:00') } }, source({ provider: 'spotgo' }), INIT);
    expect(result.status).toBe('EXCEPTION');
  });

  it('uses patch.status when no provider status carries a mapped status', () => {
    const legacy: Shipment = { ...stored(), providerStatuses: [{ provider: 'trailflow', connection: 'default', status: 'in_transit', at: null }] };
    expect(applyPatch(legacy, { status: 'DELIVERED' }, source(), INIT).status).toBe('DELIVERED');
    expect(applyPatch({ ...stored(), providerStatuses: [] }, { status: 'DELIVERED' }, source(), INIT).status).toBe('DELIVERED');
  });

  it('keeps the stored status when nothing in the patch speaks about status', () => {
    const legacy: Shipment = { ...stored(), status: 'ASSIGNED', providerStatuses: [] };
    expect(applyPatch(legacy, { notes: 'n' }, source(), INIT).status).toBe('ASSIGNED');
  });

  it('stores a raw status without a mapped one when the patch gives no canonical status', () => {
    const result = applyPatch({ ...stored(), status: 'ASSIGNED' }, { providerStatus: { status: 'weird', at: at('11:00') } }, source(), INIT);
    expect(result.providerStatuses).toEqual([{ provider: 'trailflow', connection: 'default', status: 'weird', at: at('11:00') }]);
    expect(result.status).toBe('ASSIGNED');
  });

  describe('statusReason', () => {
    const delivered = () =>
      applyPatch(stored(), { status: 'DELIVERED', statusReason: 'Left at dock', providerStatus: { status: 'delivered', at: at('11:00') } }, source(), INIT);

    it('is taken from the source that decides the status', () => {
      expect(delivered().statusReason).toBe('Left at dock');
    });

    it('is not taken from a source whose status lost', () => {
      const result = applyPatch(
        delivered(),
        { status: 'EXCEPTION', statusReason: 'Truck broke down', providerStatus: { status: 'DELAYED', at: at('12:00') } },
        source({ provider: 'spotgo' }),
        INIT,
      );
      expect(result.status).toBe('DELIVERED');
      expect(result.statusReason).toBe('Left at dock');
    });

    it('is kept when the patch does not give one, and cleared when it gives null', () => {
      const kept = applyPatch(delivered(), { status: 'DELIVERED', providerStatus: { status: 'delivered', at: at('11:10') } }, source(), INIT);
      const cleared = applyPatch(delivered(), { statusReason: null }, source(), INIT);
      expect(kept.statusReason).toBe('Left at dock');
      expect(cleared.statusReason).toBeNull();
    });

    it('is taken when no source carries a mapped status', () => {
      expect(applyPatch(null, { status: 'EXCEPTION', statusReason: 'Weather' }, source(), INIT).statusReason).toBe('Weather');
    });
  });
});

describe('applyPatch: sources', () => {
  it('updates the entry of the same (provider, connection, externalId)', () => {
    const s = source({ providerUpdatedAt: '2024-03-19T11:30:00.000Z', syncedAt: '2024-03-19T11:31:00.000Z', via: 'webhook' });
    expect(applyPatch(stored(), { notes: 'x' }, s, INIT).sources).toEqual([s]);
  });

  it('adds an entry for another external id, connection or provider', () => {
    const a = source({ externalId: 'load-2' });
    const b = source({ connection: 'eu' });
    const c = source({ provider: 'cargamos' });
    const result = [a, b, c].reduce((sh, s) => applyPatch(sh, {}, s, INIT), stored());
    expect(result.sources).toEqual([stored().sources[0], a, b, c]);
  });
});

describe('applyPatch: bookkeeping and purity', () => {
  it('leaves version and updatedAt to the store', () => {
    const result = applyPatch(stored(), { status: 'DELIVERED', notes: 'changed' }, source(), INIT);
    expect(result.version).toBe(3);
    expect(result.updatedAt).toBe('2024-03-19T10:00:00.000Z');
  });

  it('never mutates its inputs (all deep-frozen) and returns objects it does not share with them', () => {
    const current = deepFreeze(stored());
    const patch = deepFreeze<ShipmentPatch>({
      status: 'DELIVERED',
      statusReason: 'ok',
      providerStatus: { status: 'delivered', at: '2024-03-19T11:00:00.000Z' },
      references: [{ kind: 'order', value: 'PO-1001' }],
      customer: { id: 'cus_2', code: null, name: 'Beta', email: null, phone: null },
      stops: [stop(2, 'B'), stop(1, 'A')],
      documents: [doc('d1', 'ACCEPTED'), doc('d9', 'PROCESSING')],
      tracking: { eta: '2024-03-19T16:00:00.000Z' },
    });
    const src = deepFreeze(source());
    const init = deepFreeze({ ...INIT });
    const before = JSON.stringify([current, patch, src, init]);

    const result = applyPatch(current, patch, src, init);

    expect(JSON.stringify([current, patch, src, init])).toBe(before);
    expect(result.stops.map((s) => s.name)).toEqual(['A', 'B']);
    // Writable all the way down: nothing frozen from the inputs leaked into the result.
    expect(() => {
      result.stops[0]!.name = 'changed';
      result.customer!.name = 'changed';
      result.tracking!.trackingId = 'changed';
      result.documents[0]!.status = 'REJECTED';
      result.references.push({ provider: 'spotgo', connection: 'x', kind: 'order', value: 'y' });
      result.sources[0]!.via = 'command';
    }).not.toThrow();
    expect(JSON.stringify([current, patch, src, init])).toBe(before);
  });

  it('does not mutate a frozen null-current creation either', () => {
    const patch = deepFreeze<ShipmentPatch>({ stops: [stop(1, 'A')], references: [{ kind: 'load', value: 'L' }] });
    const result = applyPatch(null, patch, deepFreeze(source()), deepFreeze({ ...INIT }));
    expect(() => {
      result.stops[0]!.name = 'changed';
    }).not.toThrow();
    expect(patch.stops![0]!.name).toBe('A');
  });
});

describe('sameContent', () => {
  it('recognises a re-delivery of identical data as no change', () => {
    const patch: ShipmentPatch = { status: 'DELIVERED', providerStatus: { status: 'delivered', at: '2024-03-19T11:00:00.000Z' }, stops: [stop(1, 'A')] };
    const first = applyPatch(stored(), patch, source(), INIT);
    const again = applyPatch(first, patch, source({ syncedAt: '2024-03-19T13:00:00.000Z', via: 'webhook' }), INIT);
    expect(sameContent(first, again)).toBe(true);
    // As the store holds it: JSON (undefined keys dropped, jsonb reorders keys) with bumped bookkeeping.
    const roundTripped = { ...(JSON.parse(JSON.stringify(first)) as Shipment), version: 4, updatedAt: '2024-03-19T12:00:00.000Z' };
    expect(sameContent(roundTripped, again)).toBe(true);
  });

  it('ignores version, createdAt, updatedAt and sources[].syncedAt / via', () => {
    const a = stored();
    const b: Shipment = {
      ...stored(),
      version: 9,
      createdAt: '2000-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
      sources: [{ ...stored().sources[0]!, syncedAt: '2030-01-01T00:00:00.000Z', via: 'command' }],
    };
    expect(sameContent(a, b)).toBe(true);
  });

  it('treats a missing key and an undefined one alike, and ignores key order', () => {
    const a = stored();
    const { notes, ...rest } = stored();
    const reordered = { notes, ...rest } as Shipment;
    const withUndefined = { ...stored(), providerStatuses: [{ ...stored().providerStatuses[0]!, mapped: undefined }] };
    const withoutMapped = { ...stored(), providerStatuses: [{ provider: 'trailflow', connection: 'default', status: 'in_transit', at: '2024-03-19T10:00:00.000Z' }] } as Shipment;
    expect(sameContent(a, reordered)).toBe(true);
    expect(sameContent(withUndefined, withoutMapped)).toBe(true);
  });

  it.each<[string, (s: Shipment) => Shipment]>([
    ['the status', (s) => ({ ...s, status: 'DELIVERED' })],
    ['a deep field', (s) => ({ ...s, stops: [{ ...s.stops[0]!, address: { ...s.stops[0]!.address!, postalCode: '60602' } }, s.stops[1]!] })],
    ['the order of stops', (s) => ({ ...s, stops: [s.stops[1]!, s.stops[0]!] })],
    ['a source providerUpdatedAt', (s) => ({ ...s, sources: [{ ...s.sources[0]!, providerUpdatedAt: '2024-03-19T10:30:00.000Z' }] })],
    ['a new source', (s) => ({ ...s, sources: [...s.sources, source({ externalId: 'load-2' })] })],
    ['the mapped status of a source', (s) => ({ ...s, providerStatuses: [{ ...s.providerStatuses[0]!, mapped: 'EXCEPTION' }] })],
    ['tracking cleared', (s) => ({ ...s, tracking: null })],
    ['a number', (s) => ({ ...s, rate: { amount: 1500.01, currency: 'USD' } })],
    ['an id', (s) => ({ ...s, id: 'shp_2' })],
  ])('sees a change in %s', (_what, change) => {
    expect(sameContent(stored(), change(stored()))).toBe(false);
    expect(sameContent(change(stored()), stored())).toBe(false);
  });
});

describe('applyPatch: requiredDocuments (TMS-owned, additive)', () => {
  const source = { provider: 'trailflow' as const, connection: 'c', externalId: 'x', providerUpdatedAt: null, syncedAt: '2026-01-01T00:00:00.000Z', via: 'command' as const };
  const init = { id: 's1', now: '2026-01-01T00:00:00.000Z' };

  it('is set when the patch carries it and kept when it does not', () => {
    const created = applyPatch(null, { reference: 'R', requiredDocuments: ['POD'] }, source, init);
    expect(created.requiredDocuments).toStrictEqual(['POD']);
    expect(applyPatch(created, { notes: 'n' }, source, init).requiredDocuments).toStrictEqual(['POD']);
    expect(applyPatch(created, { requiredDocuments: [] }, source, init).requiredDocuments).toStrictEqual([]);
  });

  it('is absent on shipments that never had it', () => {
    expect('requiredDocuments' in applyPatch(null, { reference: 'R' }, source, init)).toBe(false);
  });
});
