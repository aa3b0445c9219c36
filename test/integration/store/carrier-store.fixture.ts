import type { CarrierPatch, DocumentPatch, ProviderCode, ShipmentPatch } from '@waybill/canonical';
import { type Connection, ConnectionRegistry } from '@waybill/provider-kit';
import {
  CarrierQueryRepository,
  ComplianceExpiryJob,
  DocumentQueryRepository,
  ExpiryCalendar,
  type MergeItem,
  MergeService,
  ShipmentQueryRepository,
} from '@waybill/store';
import { openTestStore, type TestStore } from '../../support/test-store.js';

/** Tables every merge path may write: an unchanged re-delivery must leave all of them as they were. */
export const MERGE_TABLES = ['shipments', 'shipment_sources', 'carriers', 'carrier_sources', 'documents', 'raw_payloads', 'changes'];

export interface CarrierTestStore extends TestStore {
  mergeService: MergeService;
  carriers: CarrierQueryRepository;
  documents: DocumentQueryRepository;
  shipmentsAt: ShipmentQueryRepository;
  expiry: ComplianceExpiryJob;
  calendar: ExpiryCalendar;
  clock: { now: Date };
  counts(): Promise<Record<string, number>>;
}

export function connection(provider: ProviderCode, id: string, timezone?: string): Connection {
  return { id, provider, baseUrl: 'http://127.0.0.1:1', credentials: {}, webhookSecrets: [], settings: timezone ? { timezone } : {} };
}

/** A migrated store with the carrier and document reads, the expiry job, a movable clock and connection time zones. */
export async function openCarrierStore(connections: Connection[] = []): Promise<CarrierTestStore> {
  const store = await openTestStore();
  const calendar = new ExpiryCalendar(new ConnectionRegistry(connections));
  const clock = { now: new Date() };
  const now = () => clock.now;
  return {
    ...store,
    mergeService: new MergeService(store.dataSource),
    carriers: new CarrierQueryRepository(store.dataSource, calendar, now),
    documents: new DocumentQueryRepository(store.dataSource, calendar, now),
    shipmentsAt: new ShipmentQueryRepository(store.dataSource, calendar, now),
    expiry: new ComplianceExpiryJob(store.dataSource, calendar),
    calendar,
    clock,
    counts: async () => {
      const out: Record<string, number> = {};
      for (const t of MERGE_TABLES) out[t] = await store.count(t);
      return out;
    },
  };
}

interface ItemOpts {
  provider?: ProviderCode;
  connectionId?: string;
  via?: MergeItem['via'];
}

function base(opts: ItemOpts) {
  return { provider: opts.provider ?? 'carrierpacket', connectionId: opts.connectionId ?? 'cp-test', via: opts.via ?? 'poll' } as const;
}

export function carrierItem(externalId: string, updatedAtMs: number, patch: CarrierPatch, opts: ItemOpts = {}): MergeItem {
  return {
    ...base(opts),
    rawBody: JSON.stringify({ carrier: externalId, updatedAt: updatedAtMs, patch }),
    mapped: { kind: 'carrier', externalId, providerUpdatedAt: new Date(updatedAtMs).toISOString(), patch },
  };
}

export function documentItem(externalId: string, updatedAtMs: number, patch: Partial<DocumentPatch> & Pick<DocumentPatch, 'owner'>, opts: ItemOpts = {}): MergeItem {
  const full: DocumentPatch = {
    type: 'INSURANCE',
    rawType: 'COI',
    status: 'ACCEPTED',
    rawStatus: 'approved',
    name: `${externalId}.pdf`,
    mimeType: 'application/pdf',
    sizeBytes: 1234,
    expiresOn: null,
    uploadedAt: null,
    ...patch,
  };
  return {
    ...base(opts),
    rawBody: JSON.stringify({ document: externalId, updatedAt: updatedAtMs, patch: full }),
    mapped: { kind: 'document', externalId, providerUpdatedAt: new Date(updatedAtMs).toISOString(), patch: full },
  };
}

export function shipmentItem(externalId: string, updatedAtMs: number, patch: ShipmentPatch, opts: ItemOpts = {}): MergeItem {
  return {
    ...base({ provider: 'trailflow', connectionId: 'tf-test', ...opts }),
    rawBody: JSON.stringify({ load: externalId, updatedAt: updatedAtMs, patch }),
    mapped: { kind: 'shipment', externalId, providerUpdatedAt: new Date(updatedAtMs).toISOString(), patch },
  };
}

export const shipmentCarrier = (c: { id?: string; name?: string; email?: string; vatCode?: string; mcNumber?: string; usdotNumber?: string }) => ({
  id: c.id ?? null,
  name: c.name ?? null,
  legalName: null,
  email: c.email ?? null,
  phone: null,
  vatCode: c.vatCode ?? null,
  mcNumber: c.mcNumber ?? null,
  usdotNumber: c.usdotNumber ?? null,
});
