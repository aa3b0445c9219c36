import { daysBetween, expiryBucket } from '@waybill/store';
import { carrierItem, connection, documentItem, openCarrierStore, type CarrierTestStore } from './carrier-store.fixture.js';

const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const CHICAGO = connection('carrierpacket', 'cp-chicago', 'America/Chicago');
const opts = { connectionId: 'cp-chicago' };
const T0 = Date.UTC(2026, 1, 1);

describe(`document expiry and compliance (${ENGINE})`, () => {
  let store: CarrierTestStore;
  let carrierId: string;
  beforeEach(async () => {
    store = await openCarrierStore([CHICAGO]);
    const [c] = await store.mergeService.merge([carrierItem('cp_1', T0, { name: 'Acme' }, opts)]);
    carrierId = c!.entityId!;
  });
  afterEach(() => store.close());

  const complianceChanges = () => store.count(`changes WHERE entity = 'carrier' AND kind = 'compliance'`);
  const carrierVersion = async () => (await store.carriers.get(carrierId))!.version;

  // US DST starts 2026-03-08 at 02:00 in Chicago: local midnight is 06:00Z that day, 05:00Z the next.
  it('commits one compliance change when a document enters the 7-day window at local midnight across spring-forward', async () => {
    await store.mergeService.merge([documentItem('coi', T0, { owner: { kind: 'carrier', externalId: 'cp_1' }, expiresOn: '2026-03-15' }, opts)]);

    // 2026-03-07 23:50 in Chicago (already 03-08 in UTC): 8 local days left, within 30. First sight: a baseline.
    expect(await store.expiry.run(new Date('2026-03-08T05:50:00Z'))).toEqual({ documents: 1, carriers: 0 });
    expect(await complianceChanges()).toBe(0);
    expect(await store.expiry.run(new Date('2026-03-08T05:55:00Z'))).toEqual({ documents: 0, carriers: 0 });

    // 00:05 on 03-08 in Chicago: 7 days, within 7. Exactly one change, and the carrier's version moves.
    const before = await carrierVersion();
    expect(await store.expiry.run(new Date('2026-03-08T06:05:00Z'))).toEqual({ documents: 1, carriers: 1 });
    expect(await complianceChanges()).toBe(1);
    expect(await carrierVersion()).toBe(before + 1);
    const [change] = await store.dataSource.query(`SELECT data, via, provider, connection_id FROM changes WHERE kind = 'compliance'`);
    expect(change).toMatchObject({ via: 'schedule', provider: 'carrierpacket', connection_id: 'cp-chicago' });
    expect(change.data.compliance.documents[0]).toMatchObject({ expiresOn: '2026-03-15', daysUntilExpiry: 7 });

    // A second run, later the same local day (a 23-hour day), commits nothing.
    expect(await store.expiry.run(new Date('2026-03-08T06:20:00Z'))).toEqual({ documents: 0, carriers: 0 });
    expect(await store.expiry.run(new Date('2026-03-09T04:55:00Z'))).toEqual({ documents: 0, carriers: 0 });
    expect(await complianceChanges()).toBe(1);
    const [row] = await store.dataSource.query(`SELECT expiry_bucket, expiry_checked_on::text AS day FROM documents`);
    expect(row).toEqual({ expiry_bucket: 'within_7', day: '2026-03-08' });
  });

  // DST ends 2026-11-01 at 02:00 in Chicago: that day has 25 hours; the next local midnight is 06:00Z.
  it('commits one change when a document expires at local midnight across fall-back, and none again', async () => {
    await store.mergeService.merge([documentItem('coi', T0, { owner: { kind: 'carrier', externalId: 'cp_1' }, expiresOn: '2026-11-01' }, opts)]);
    await store.expiry.run(new Date('2026-10-31T12:00:00Z'));
    // 23:30 on 11-01 in Chicago (05:30Z on 11-02): still valid today, 0 days.
    expect(await store.expiry.run(new Date('2026-11-02T05:30:00Z'))).toEqual({ documents: 0, carriers: 0 });
    store.clock.now = new Date('2026-11-02T05:30:00Z');
    expect((await store.carriers.get(carrierId))!.compliance!.documents[0]!.daysUntilExpiry).toBe(0);
    expect(await store.expiry.run(new Date('2026-11-02T06:10:00Z'))).toEqual({ documents: 1, carriers: 1 });
    expect(await store.expiry.run(new Date('2026-11-02T06:40:00Z'))).toEqual({ documents: 0, carriers: 0 });
    expect(await complianceChanges()).toBe(1);
    const [row] = await store.dataSource.query(`SELECT expiry_bucket FROM documents`);
    expect(row.expiry_bucket).toBe('expired');
  });

  it('commits one change per carrier however many of its documents move at once', async () => {
    const owner = { kind: 'carrier' as const, externalId: 'cp_1' };
    await store.mergeService.merge([
      documentItem('a', T0, { owner, expiresOn: '2026-04-01' }, opts),
      documentItem('b', T0, { owner, expiresOn: '2026-04-01', type: 'W9' }, opts),
    ]);
    await store.expiry.run(new Date('2026-03-01T12:00:00Z'));
    expect(await store.expiry.run(new Date('2026-03-03T12:00:00Z'))).toEqual({ documents: 2, carriers: 1 });
    expect(await complianceChanges()).toBe(1);
  });

  it('computes daysUntilExpiry in the connection zone, the same all local day on DST days', async () => {
    store.clock.now = new Date('2026-03-08T06:30:00Z'); // 00:30 CST, first minutes of the 23-hour day
    const [doc] = await store.mergeService.merge([documentItem('coi', T0, { owner: { kind: 'carrier', externalId: 'cp_1' }, expiresOn: '2026-03-10' }, opts)]);
    expect((await store.documents.get(doc!.entityId!))!.daysUntilExpiry).toBe(2);
    store.clock.now = new Date('2026-03-09T04:30:00Z'); // 23:30 CDT, same local day
    expect((await store.documents.get(doc!.entityId!))!.daysUntilExpiry).toBe(2);
    store.clock.now = new Date('2026-03-09T05:00:00Z'); // local midnight
    expect((await store.documents.get(doc!.entityId!))!.daysUntilExpiry).toBe(1);
    // A connection without a time zone counts in UTC: at 23:30 CDT on 03-08 it is already 03-09 there.
    store.clock.now = new Date('2026-03-09T04:30:00Z');
    const [utcDoc] = await store.mergeService.merge([documentItem('utc', T0, { owner: { kind: 'carrier', externalId: 'x' }, expiresOn: '2026-03-10' })]);
    expect((await store.documents.get(utcDoc!.entityId!))!.daysUntilExpiry).toBe(1);
  });

  it('counts whole calendar days and buckets them', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-03-09')).toBe(-1);
    expect([-1, 0, 7, 8, 30, 31].map(expiryBucket)).toEqual(['expired', 'within_7', 'within_7', 'within_30', 'within_30', 'later']);
  });
});
