import type {
  Address,
  Cargo,
  Contact,
  DocumentType,
  Money,
  Package,
  Party,
  Position,
  ShipmentCarrier,
  ShipmentPatch,
  Stop,
  StopType,
  TimeWindow,
} from '@waybill/canonical';

// What the TMS writes through `POST /v1/shipments` and `PATCH /v1/shipments/{id}`: canonical shapes in which every
// field may be left out. These pure functions fill what was left out with null (the canonical "none") and build the
// patch the TMS source merges like any other source.

type Loose<T> = { [K in keyof T]?: T[K] | null };

export interface TmsStopInput {
  sequence: number;
  type: StopType;
  name?: string | null;
  address?: Loose<Address> | null;
  position?: Position | null;
  window?: Loose<TimeWindow> | null;
  contact?: Loose<Contact> | null;
  notes?: string | null;
}

export interface TmsCargoInput {
  weightKg?: number | null;
  packages?: Loose<Package>[];
  description?: string | null;
}

/** The fields the TMS owns: everything `PATCH` may change. */
export interface TmsShipmentFields {
  customer?: Loose<Party> | null;
  carrier?: Loose<Omit<ShipmentCarrier, 'compliance'>> | null;
  stops?: TmsStopInput[];
  cargo?: TmsCargoInput | null;
  rate?: { amount: number; currency?: string | null } | null;
  requiredDocuments?: DocumentType[];
  notes?: string | null;
}

export interface TmsShipmentInput extends TmsShipmentFields {
  /** The business reference: unique in a deployment, and the TMS source's externalId. */
  reference: string;
}

/** The raw status the TMS source reports for a shipment it created: nothing has been sent anywhere yet. */
export const TMS_CREATED_STATUS = 'created';

export function tmsCreatePatch(input: TmsShipmentInput, at: string): ShipmentPatch {
  return {
    ...tmsFieldsPatch(input),
    reference: input.reference,
    status: 'DRAFT',
    providerStatus: { status: TMS_CREATED_STATUS, at },
    references: [{ kind: 'external', value: input.reference }],
  };
}

/** Only the fields present in the input: a field left out of a PATCH keeps what is stored. */
export function tmsFieldsPatch(input: TmsShipmentFields): ShipmentPatch {
  const patch: ShipmentPatch = {};
  if (input.customer !== undefined) patch.customer = input.customer === null ? null : party(input.customer);
  if (input.carrier !== undefined) patch.carrier = input.carrier === null ? null : carrier(input.carrier);
  if (input.stops !== undefined) patch.stops = input.stops.map(stop);
  if (input.cargo !== undefined) patch.cargo = input.cargo === null ? null : cargo(input.cargo);
  if (input.rate !== undefined) patch.rate = input.rate === null ? null : money(input.rate);
  if (input.requiredDocuments !== undefined) patch.requiredDocuments = [...new Set(input.requiredDocuments)];
  if (input.notes !== undefined) patch.notes = input.notes;
  return patch;
}

const n = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

function party(p: Loose<Party>): Party {
  return { id: n(p.id), code: n(p.code), name: n(p.name), email: n(p.email), phone: n(p.phone) };
}

function carrier(c: Loose<Omit<ShipmentCarrier, 'compliance'>>): ShipmentCarrier {
  return {
    id: null, // the canonical carrier's id is linked by the store from the match keys, never taken from a writer
    name: n(c.name),
    legalName: n(c.legalName),
    email: n(c.email),
    phone: n(c.phone),
    vatCode: n(c.vatCode),
    mcNumber: n(c.mcNumber),
    usdotNumber: n(c.usdotNumber),
  };
}

function stop(s: TmsStopInput): Stop {
  return {
    sequence: s.sequence,
    type: s.type,
    name: n(s.name),
    address: s.address == null ? null : {
      line1: n(s.address.line1),
      city: n(s.address.city),
      region: n(s.address.region),
      postalCode: n(s.address.postalCode),
      countryCode: n(s.address.countryCode),
      formatted: n(s.address.formatted),
    },
    position: s.position == null ? null : { latitude: s.position.latitude, longitude: s.position.longitude },
    window: s.window == null ? null : { start: n(s.window.start), end: n(s.window.end), timezone: n(s.window.timezone) },
    contact: s.contact == null ? null : { name: n(s.contact.name), email: n(s.contact.email), phone: n(s.contact.phone) },
    status: null,
    notes: n(s.notes),
  };
}

function cargo(c: TmsCargoInput): Cargo {
  return {
    weightKg: n(c.weightKg),
    packages: (c.packages ?? []).map((p) => ({
      weightKg: n(p.weightKg),
      lengthCm: n(p.lengthCm),
      widthCm: n(p.widthCm),
      heightCm: n(p.heightCm),
      description: n(p.description),
    })),
    description: n(c.description),
  };
}

function money(m: { amount: number; currency?: string | null }): Money {
  return { amount: m.amount, currency: m.currency == null ? null : m.currency.toUpperCase() };
}
