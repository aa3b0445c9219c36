import {
  CanonicalError,
  epochMsToIso,
  localWindowToUtc,
  utcDateOfEpochMs,
  type Address,
  type Contact,
  type KnownLocation,
  type Party,
  type Shipment,
  type ShipmentCarrier,
  type ShipmentPatch,
  type ShipmentReference,
  type Stop,
  type StopType,
  type TimeWindow,
  type Tracking,
  type Vehicle,
} from '@waybill/canonical';
import { ProviderError, type ProviderFieldError, type ProviderRecord } from '@waybill/provider-kit';
import type {
  TrailflowCarrier,
  TrailflowCustomer,
  TrailflowLastKnownLocation,
  TrailflowLoad,
  TrailflowStop,
  TrailflowStopKind,
  TrailflowTracking,
  TrailflowVehicle,
} from './trailflow.schemas.js';
import { mapTrailflowStatus } from './trailflow.status-map.js';

// Pure functions: a validated TrailFlow load → canonical (README "Mapping"); a canonical shipment → a load write
// (README "Writes"). No I/O, the input is never mutated.
// A key is left out of the patch (undefined) when the load does not carry it, so a webhook's bare load never erases
// the stops or parties that a full poll stored (README assumption 9).

export function toShipmentPatch(load: TrailflowLoad): ShipmentPatch {
  const patch: ShipmentPatch = {
    reference: present(load.orderNumber) ?? present(load.externalId) ?? load.id,
    status: mapTrailflowStatus(load.status).status,
    providerStatus: { status: load.status, at: epochMsToIso(load.updatedAt) },
    references: toReferences(load),
  };
  // An embed asked for with `include` is present as an object, or as null when the load has none (README
  // assumption 3); null then clears what was stored (a carrier unassigned). Absent means "not carried".
  if (load.customer !== undefined) patch.customer = load.customer === null ? null : toCustomer(load.customer);
  if (load.carrier !== undefined) patch.carrier = load.carrier === null ? null : toCarrier(load.carrier);
  if (load.vehicle !== undefined) patch.vehicle = load.vehicle === null ? null : toVehicle(load.vehicle);
  if (Array.isArray(load.stops)) patch.stops = load.stops.map((stop, i) => toStop(stop, i));
  const tracking = toTracking(load);
  if (tracking !== undefined) patch.tracking = tracking;
  // README assumption 7: a plain number with no currency. null is TrailFlow saying "no rate".
  if (load.rate !== undefined) patch.rate = load.rate === null ? null : { amount: load.rate, currency: null };
  if (load.notes !== undefined) patch.notes = load.notes;
  return patch;
}

/** FACTS §4 "Identifiers": `id` is TrailFlow's canonical id, so it keys the source record. */
export function toRecord(load: TrailflowLoad, raw: unknown): ProviderRecord {
  return { kind: 'shipment', externalId: load.id, providerUpdatedAt: epochMsToIso(load.updatedAt), raw };
}

function toReferences(load: TrailflowLoad): NonNullable<ShipmentPatch['references']> {
  const refs: Omit<ShipmentReference, 'provider' | 'connection'>[] = [{ kind: 'load', value: load.id }];
  const externalId = present(load.externalId);
  if (externalId !== null) refs.push({ kind: 'external', value: externalId });
  const orderNumber = present(load.orderNumber);
  if (orderNumber !== null) refs.push({ kind: 'order', value: orderNumber });
  return refs;
}

function toCustomer(c: TrailflowCustomer): Party {
  return {
    id: c.id ?? null,
    code: c.customerCode ?? null,
    name: c.customerName ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
  };
}

function toCarrier(c: TrailflowCarrier): ShipmentCarrier {
  // TrailFlow documents no tax or authority identifiers for carriers (EX "List Carriers Response").
  return {
    id: c.id ?? null,
    name: c.carrierName ?? null,
    legalName: c.company ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    vatCode: null,
    mcNumber: null,
    usdotNumber: null,
  };
}

function toVehicle(v: TrailflowVehicle): Vehicle {
  // README assumption 14: plates are not documented.
  return { unitNumber: v.unitNumber ?? null, type: v.type ?? null, licensePlates: [] };
}

const STOP_TYPES_BY_KIND: Record<TrailflowStopKind, StopType> = { pickup: 'PICKUP', delivery: 'DELIVERY' };

function toStop(s: TrailflowStop, index: number): Stop {
  const hasPosition = typeof s.latitude === 'number' && typeof s.longitude === 'number';
  return {
    sequence: s.sequence,
    type: STOP_TYPES_BY_KIND[s.kind],
    name: null,
    address: parseTrailflowAddress(s.address),
    position: hasPosition ? { latitude: s.latitude as number, longitude: s.longitude as number } : null,
    window: toWindow(s, index),
    contact: toContact(s),
    status: s.status ?? null,
    notes: s.notes ?? null,
  };
}

const US_ADDRESS_TAIL = /^([A-Z]{2}) (\d{5}(?:-\d{4})?)$/;

/**
 * README assumption 6: `"<line1>, <city>, <ST> <zip>"` is split (a US address); any other shape is kept only as
 * `formatted`, because splitting an address we do not understand would invent structure.
 */
export function parseTrailflowAddress(address: string | null | undefined): Address | null {
  if (address == null || address.trim() === '') return null;
  const formatted = address;
  const parts = address.split(',').map((p) => p.trim());
  const tail = parts.length === 3 ? US_ADDRESS_TAIL.exec(parts[2]) : null;
  if (tail && parts[0] !== '' && parts[1] !== '') {
    return { line1: parts[0], city: parts[1], region: tail[1], postalCode: tail[2], countryCode: 'US', formatted };
  }
  return { line1: null, city: null, region: null, postalCode: null, countryCode: null, formatted };
}

// The canonical time helpers name their own inputs; these are the TrailFlow fields they came from.
const WINDOW_FIELDS: Record<string, keyof TrailflowStop> = {
  date: 'scheduledDate',
  epochMs: 'scheduledDate',
  startTime: 'scheduledTime',
  endTime: 'scheduledEndTime',
  timezone: 'timezone',
};

/**
 * README assumption 5: `scheduledDate` is midnight UTC of the LOCAL calendar date, so its UTC date is the local
 * date; the times are local wall-clock in `timezone`. Without a date or a zone there is no instant to compute.
 */
function toWindow(s: TrailflowStop, index: number): TimeWindow | null {
  if (s.scheduledDate == null || s.timezone == null) return null;
  try {
    return localWindowToUtc(
      utcDateOfEpochMs(s.scheduledDate),
      s.scheduledTime ?? null,
      s.scheduledEndTime ?? null,
      s.timezone,
    );
  } catch (e) {
    if (!(e instanceof CanonicalError)) throw e;
    const field = `stops[${index}].${WINDOW_FIELDS[e.field ?? ''] ?? 'scheduledDate'}`;
    throw new ProviderError('bad_payload', `TrailFlow load is invalid: ${field}: ${e.message}`, {
      provider: 'trailflow',
      code: e.code,
      details: [{ field, message: e.message }],
      cause: e,
    });
  }
}

function toContact(s: TrailflowStop): Contact | null {
  if (s.contactName == null && s.email == null && s.phone == null) return null;
  return { name: s.contactName ?? null, email: s.email ?? null, phone: s.phone ?? null };
}

/**
 * The embedded tracking object (include=tracking) is TrailFlow's whole tracking state. Without it, only the
 * load's own `eligibleForTracking` is known, so only `eligible` is said and the rest is left as stored.
 */
function toTracking(load: TrailflowLoad): Partial<Tracking> | undefined {
  if (isObject(load.tracking)) return fromTrackingObject(load.tracking, load.eligibleForTracking);
  if (typeof load.eligibleForTracking === 'boolean') return { eligible: load.eligibleForTracking };
  return undefined;
}

function fromTrackingObject(t: TrailflowTracking, loadEligible: boolean | null | undefined): Partial<Tracking> {
  return {
    eligible: t.eligibleForTracking ?? loadEligible ?? null,
    reason: t.eligibilityReason ?? null,
    lastKnownLocation: isObject(t.lastKnownLocation) ? toLocation(t.lastKnownLocation) : null,
  };
}

function toLocation(l: TrailflowLastKnownLocation): KnownLocation {
  return {
    latitude: l.latitude,
    longitude: l.longitude,
    recordedAt: epochMsToIso(l.recordedAt),
    source: l.source ?? null,
  };
}

function present(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isObject<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && typeof value === 'object';
}

// ── Writes (README "Writes"): canonical shipment → TrailFlow load write body; TrailFlow refusal → field errors. ──

/**
 * The body of `POST /v1/loads/upsert` for a dispatch (README assumption 10: the documented write fields only).
 * `externalId` is the Waybill shipment id, so the upsert is keyed by it: however many times a dispatch is repeated it
 * names one load. `orderNumber` is the business reference, which the next sync maps back to the shipment's reference
 * (toShipmentPatch), so the polled load merges into the same shipment. Fields the shipment does not have are left
 * out (an upsert changes only the fields sent); stops, cargo and documents have no documented write field.
 */
export function toTrailflowLoadWrite(shipment: Shipment): TrailflowLoadWrite {
  const body: TrailflowLoadWrite = { externalId: shipment.id, orderNumber: shipment.reference ?? shipment.id };
  const customerCode = present(shipment.customer?.code);
  if (customerCode !== null) body.customerCode = customerCode;
  const carrierName = present(shipment.carrier?.name);
  if (carrierName !== null) body.carrierName = carrierName;
  if (shipment.rate) body.rate = shipment.rate.amount;
  if (shipment.notes != null) body.notes = shipment.notes;
  return body;
}

/** The write fields of README assumption 10 (the client's TrailflowLoadWriteBody, repeated here to keep this file pure). */
export interface TrailflowLoadWrite {
  externalId?: string;
  orderNumber?: string;
  status?: string;
  customerCode?: string;
  carrierName?: string;
  rate?: number;
  notes?: string;
}

/** Each write field and the canonical path it is written from. */
export const TRAILFLOW_WRITE_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  externalId: 'id',
  orderNumber: 'reference',
  status: 'status',
  customerCode: 'customer.code',
  carrierName: 'carrier.name',
  rate: 'rate.amount',
  notes: 'notes',
});

/**
 * A TrailFlow `400 bad_request` names the wrong field at the start of its message (`customerCode "X" does not match
 * any customer`, `rate must be a non-negative number or null`): that field and its canonical path are the detail.
 * A message naming no write field keeps both null and the message whole.
 */
export function toTrailflowFieldErrors(envelope: unknown): ProviderFieldError[] {
  const error = (envelope as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : null;
  const message = typeof error?.message === 'string' ? error.message : 'TrailFlow refused the load';
  const first = /^([A-Za-z]+)\b/.exec(message)?.[1];
  const providerField = first !== undefined && Object.hasOwn(TRAILFLOW_WRITE_FIELDS, first) ? first : null;
  return [{ field: providerField ? TRAILFLOW_WRITE_FIELDS[providerField]! : null, providerField, code, message }];
}
