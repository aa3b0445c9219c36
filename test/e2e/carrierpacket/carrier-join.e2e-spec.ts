import type { Carrier, Shipment } from '@waybill/canonical';
import { startCarrierpacketHub, TF_CONNECTION, type CarrierpacketHub } from '../../support/carrierpacket-hub.js';

// Issue "The kit grows up", done-when: a TrailFlow shipment whose carrier is also in CarrierPacket shows `carrier.id`
// and the compliance summary; GET /v1/shipments?carrierId= lists it. The two sandboxes share carriers by design
// (the first CarrierPacket submissions are the TrailFlow sandbox's carriers, with the same dispatch e-mails).

const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`one carrier across TrailFlow and CarrierPacket (${ENGINE})`, () => {
  let hub: CarrierpacketHub;

  // A fresh hub per case, so that each case really syncs its first provider into an empty store.
  beforeEach(async () => {
    hub = await startCarrierpacketHub({ sandbox: { submissions: 80 }, withTrailflow: { loads: 200 } });
  });
  afterEach(() => hub.close());

  it.each([
    ['TrailFlow first', [TF_CONNECTION, 'carrierpacket-default']],
    ['CarrierPacket first', ['carrierpacket-default', TF_CONNECTION]],
  ])('joins whichever provider syncs first (%s)', async (_name, order) => {
    for (const connection of order) expect((await hub.syncNow(connection)).lastError).toBeNull();

    // TrailFlow sends no carrier records: its loads name their carrier (e-mail, name), and the hub links each load to
    // the canonical carrier those match. The TrailFlow sandbox with 200 loads has 10 carriers, all of them onboarded
    // at CarrierPacket too.
    const carriers = await hub.all<Carrier>('/v1/carriers?limit=200');
    const tfCarriers = new Set(hub.trailflow!.loads().flatMap((l) => (l.carrier ? [l.carrier.email] : [])));
    const joined = carriers.filter((c) => c.dispatch?.email && tfCarriers.has(c.dispatch.email));
    expect(joined.length).toBe(tfCarriers.size);

    for (const carrier of joined) {
      const listed = await hub.all<Shipment>(`/v1/shipments?carrierId=${carrier.id}&limit=200`);
      const expected = hub.trailflow!.loads().filter((l) => l.carrier?.email === carrier.dispatch?.email);
      expect(listed.map((s) => s.sources.find((src) => src.provider === 'trailflow')!.externalId).sort()).toEqual(
        expected.map((l) => l.id).sort(),
      );
      const one = (await hub.api(`/v1/shipments/${listed[0]!.id}`)).body.data as Shipment;
      expect(one.carrier?.id).toBe(carrier.id);
      const docs = (carrier.compliance?.documents ?? []).filter((d) => d.daysUntilExpiry !== null);
      const expired = docs.filter((d) => d.daysUntilExpiry! < 0).length;
      expect(one.carrier?.compliance).toMatchObject({ status: carrier.compliance?.status, expiredDocuments: expired });
      const next = one.carrier?.compliance?.nextExpiry;
      if (next) expect(docs.some((d) => d.id === next.documentId && d.daysUntilExpiry === next.daysUntilExpiry)).toBe(true);
    }
  });
});
