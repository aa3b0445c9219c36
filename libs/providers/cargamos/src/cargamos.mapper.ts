import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Address, Shipment, ShipmentPatch, Stop } from '@waybill/canonical';
import { ProviderError, type ProviderFieldError, type ProviderRecord } from '@waybill/provider-kit';
import {
  CARGAMOS,
  cargamosBadPayload,
  type CargamosIntegrationView,
  type CargamosTrackingView,
  type CargamosWebhookPayload,
} from './cargamos.schemas.js';
import { mapCargamosState } from './cargamos.status-map.js';

// Pure functions (no I/O, inputs never mutated): a canonical shipment → the delivery order (README "Dispatch"), a
// provider field path → the canonical one (README "Envelopes and errors"), and Cargamos payloads → shipment patches.

/** Service-level dates are calendar days in Mexico City (README "Service level"). */
export const CARGAMOS_ZONE = 'America/Mexico_City';

// ---------------------------------------------------------------------------------------------------------------
// canonical → delivery order

export interface CargamosRecipientLocation {
  street?: string;
  number?: string;
  intNumber?: string;
  neighborhood?: string;
  administrativeArea?: string;
  subAdministrativeArea?: string;
  fullAddress?: string;
  postalCode?: string;
  country?: string;
  lat?: number;
  lng?: number;
  notes?: string;
}

export interface CargamosDeliveryOrder {
  recipientLocation: CargamosRecipientLocation;
  recipientInformation: { fullName?: string; phone?: string; email?: string };
  package: {
    packageType?: string;
    description?: string;
    weight?: number;
    weightUnit: 'KG';
    length?: number;
    width?: number;
    height?: number;
    dimensionsUnit: 'CM';
  };
  shipperDropoffDate?: string;
  expectedDeliveryDate?: string;
  lotId?: string;
  shipperTrackingId: string;
}

/** Where each part of the order came from, so a provider error maps back to the canonical field it names. */
export interface OrderContext {
  /** Index in `shipment.stops` of the delivery stop (the recipient). */
  delivery: number;
  /** Index of the stop whose window gave the dropoff date (the pickup stop, else the delivery stop). */
  dropoff: number;
  /** Whether the address went as components or as one line. */
  addressForm: 'components' | 'fullAddress';
  /** `cargo.weightKg`, or `cargo.packages[0].weightKg` when the weight was summed from the packages. */
  weightField: string;
  /** Where the package description came from. */
  descriptionField: string;
  /** Whether `shipperTrackingId` is the shipment's reference (else derived from the idempotency key). */
  trackingIdFrom: 'reference' | 'idempotencyKey';
}

/** `POST /v1/shipments/{id}/dispatch` `options` Cargamos reads. */
export interface CargamosDispatchOptions {
  packageType?: string;
  lotId?: string;
}

/**
 * Canonical shipment → one delivery order, built from the LAST delivery stop. Nothing the provider decides is
 * pre-validated (a six-digit postal code, a country it does not serve, a missing phone: all sent as they are, so the
 * TMS gets Cargamos' own answer). Only a shipment with no delivery stop at all is refused here: there is no order.
 */
export function toDeliveryOrder(
  shipment: Shipment,
  options: CargamosDispatchOptions = {},
  idempotencyKey = '',
): { body: CargamosDeliveryOrder; context: OrderContext } {
  const delivery = lastIndex(shipment.stops, (s) => s.type === 'DELIVERY');
  if (delivery === -1) {
    throw refused([{ field: 'stops', providerField: 'recipientLocation', code: 'MISSING_PARAMETER', message: 'a Cargamos delivery order needs a DELIVERY stop (the recipient)' }]);
  }
  const stop = shipment.stops[delivery];
  const pickup = shipment.stops.findIndex((s) => s.type === 'PICKUP');
  const dropoff = pickup === -1 ? delivery : pickup;

  const { location, form } = recipientLocation(stop);
  const contact = stop.contact;
  const recipientInformation: CargamosDeliveryOrder['recipientInformation'] = {};
  const fullName = text(contact?.name) ?? text(stop.name) ?? text(shipment.customer?.name);
  if (fullName !== null) recipientInformation.fullName = fullName;
  const phone = normalizePhone(contact?.phone);
  if (phone !== null) recipientInformation.phone = phone;
  const email = text(contact?.email);
  if (email !== null) recipientInformation.email = email;

  const { pkg, weightField, descriptionField } = packageBlock(shipment, options);

  const reference = text(shipment.reference);
  const shipperTrackingId = reference ?? trackingIdFromKey(idempotencyKey);
  const body: CargamosDeliveryOrder = {
    recipientLocation: location,
    recipientInformation,
    package: pkg,
    shipperTrackingId,
  };
  const dropoffDay = mexicoDay(shipment.stops[dropoff].window?.start ?? shipment.stops[dropoff].window?.end ?? null);
  if (dropoffDay !== null) body.shipperDropoffDate = dropoffDay;
  const deliveryDay = mexicoDay(stop.window?.end ?? stop.window?.start ?? null);
  if (deliveryDay !== null) body.expectedDeliveryDate = deliveryDay;
  if (options.lotId !== undefined) body.lotId = options.lotId;
  return {
    body,
    context: { delivery, dropoff, addressForm: form, weightField, descriptionField, trackingIdFrom: reference === null ? 'idempotencyKey' : 'reference' },
  };
}

/** Validates the dispatch `options`; unknown keys are refused so a typo is not silently ignored. */
export function readDispatchOptions(options: Record<string, unknown>): CargamosDispatchOptions {
  const problems: ProviderFieldError[] = [];
  const out: CargamosDispatchOptions = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if ((key === 'packageType' || key === 'lotId') && typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
    else if (key === 'packageType' || key === 'lotId') problems.push({ field: `options.${key}`, providerField: key === 'lotId' ? 'lotId' : 'package->packageType', code: 'INVALID_PARAMETER', message: 'a non-empty string' });
    else problems.push({ field: `options.${key}`, providerField: null, code: 'UNKNOWN_OPTION', message: 'Cargamos reads only packageType and lotId' });
  }
  if (problems.length > 0) throw refused(problems);
  return out;
}

/**
 * Components when the canonical address can be split (line1 = "<street> <number>[ Int <intNumber>][, <neighborhood>]",
 * the neighborhood from line1 or from `formatted`, city = alcaldía/municipio, region = state), else one line
 * (`fullAddress` from `formatted`, else the parts joined). Postal code, country, position and notes in both forms.
 */
export function recipientLocation(stop: Stop): { location: CargamosRecipientLocation; form: OrderContext['addressForm'] } {
  const address = stop.address;
  const split = address ? splitAddress(address) : null;
  const location: CargamosRecipientLocation = {};
  let form: OrderContext['addressForm'];
  if (split) {
    form = 'components';
    location.street = split.street;
    location.number = split.number;
    if (split.intNumber !== null) location.intNumber = split.intNumber;
    location.neighborhood = split.neighborhood;
    location.administrativeArea = split.administrativeArea;
    location.subAdministrativeArea = split.subAdministrativeArea;
  } else {
    form = 'fullAddress';
    const line = text(address?.formatted) ?? oneLine(address);
    if (line !== null) location.fullAddress = line;
  }
  const postalCode = text(address?.postalCode);
  if (postalCode !== null) location.postalCode = postalCode;
  const country = countryCode(address?.countryCode);
  if (country !== null) location.country = country;
  if (stop.position) {
    location.lat = stop.position.latitude;
    location.lng = stop.position.longitude;
  }
  const notes = text(stop.notes);
  if (notes !== null) location.notes = notes;
  return { location, form };
}

export interface SplitAddress {
  street: string;
  number: string;
  intNumber: string | null;
  neighborhood: string;
  administrativeArea: string;
  subAdministrativeArea: string;
}

const STREET_NUMBER = /^(.*?\S)\s+(?:No\.?\s*|Núm\.?\s*|#\s*)?(\d+[A-Za-z]?(?:-\d+[A-Za-z]?)?|S\/N)(?:\s*(?:,\s*)?(?:Int\.?|Interior|Depto\.?|Dpto\.?|Desp\.?|#)\s*([A-Za-z0-9-]+))?$/i;
const NEIGHBORHOOD_PREFIX = /^(?:Col\.?|Colonia)\s+/i;

/** null when any required component cannot be found: the address then goes as one line. */
export function splitAddress(address: Address): SplitAddress | null {
  const line1 = text(address.line1);
  const city = text(address.city);
  const region = text(address.region);
  if (line1 === null || city === null || region === null) return null;
  const [streetPart, ...rest] = line1.split(',').map((s) => s.trim());
  const m = STREET_NUMBER.exec(streetPart);
  if (!m) return null;
  let neighborhood = rest.find((s) => s !== '') ?? null;
  if (neighborhood === null) neighborhood = neighborhoodFromFormatted(address, streetPart);
  if (neighborhood === null) return null;
  neighborhood = neighborhood.replace(NEIGHBORHOOD_PREFIX, '').trim();
  if (neighborhood === '') return null;
  return { street: m[1].trim(), number: m[2], intNumber: m[3] ?? null, neighborhood, administrativeArea: region, subAdministrativeArea: city };
}

/** `formatted` = "<line1>, <neighborhood>, <postal code> <city>, …": the segment after line1 that is not the postal/city one. */
function neighborhoodFromFormatted(address: Address, streetPart: string): string | null {
  const formatted = text(address.formatted);
  if (formatted === null) return null;
  const parts = formatted.split(',').map((s) => s.trim());
  if (parts.length < 3 || parts[0] !== streetPart) return null;
  const candidate = parts[1];
  const postal = text(address.postalCode);
  if (candidate === '' || (postal !== null && candidate.includes(postal))) return null;
  if (NEIGHBORHOOD_PREFIX.test(candidate)) return candidate;
  // Without the "Col." marker the segment must not be the city, the region or the country.
  const others = [address.city, address.region, address.countryCode].map((v) => text(v)?.toLowerCase());
  return others.includes(candidate.toLowerCase()) ? null : candidate;
}

function oneLine(address: Address | null | undefined): string | null {
  if (!address) return null;
  const place = [text(address.postalCode), text(address.city)].filter((v) => v !== null).join(' ');
  const parts = [text(address.line1), place === '' ? null : place, text(address.region), text(address.countryCode)].filter((v) => v !== null);
  return parts.length === 0 ? null : parts.join(', ');
}

const ALPHA3: Readonly<Record<string, string>> = Object.freeze({ MEX: 'MX', COL: 'CO', USA: 'US', BRA: 'BR' });

/** ISO alpha-2, upper case (README: `MX`); an alpha-3 of a served country is shortened. Anything else is sent as given. */
export function countryCode(value: string | null | undefined): string | null {
  const v = text(value)?.toUpperCase() ?? null;
  if (v === null) return null;
  return Object.hasOwn(ALPHA3, v) ? ALPHA3[v] : v;
}

/**
 * INT's four forms (`5511112222`, `+525511112222`, `+52 5511112222`, `+52 55 11112222`) and the usual writings
 * (`(55) 1111-2222`, `55.1111.2222`, `0052…`, the retired mobile `+52 1`) → digits with an optional `+country`.
 * Not validated: Cargamos says whether it can reach the number.
 */
export function normalizePhone(value: string | null | undefined): string | null {
  const t = text(value);
  if (t === null) return null;
  let p = t.replace(/[\s\-().]/g, '');
  if (p.startsWith('00')) p = `+${p.slice(2)}`;
  if (/^\+521\d{10}$/.test(p)) p = `+52${p.slice(4)}`;
  return p === '' ? null : p;
}

/** A UTC instant → its calendar day in Mexico City (`YYYY-MM-DD`); null stays null, an unreadable instant too. */
export function mexicoDay(instant: string | null): string | null {
  if (instant === null) return null;
  const dt = DateTime.fromISO(instant, { setZone: true });
  return dt.isValid ? dt.setZone(CARGAMOS_ZONE).toISODate() : null;
}

function packageBlock(shipment: Shipment, options: CargamosDispatchOptions): { pkg: CargamosDeliveryOrder['package']; weightField: string; descriptionField: string } {
  const cargo = shipment.cargo;
  const packages = cargo?.packages ?? [];
  // FACTS §3.3: the units default to grams; the adapter always says KG and CM.
  const pkg: CargamosDeliveryOrder['package'] = { weightUnit: 'KG', dimensionsUnit: 'CM' };
  if (options.packageType !== undefined) pkg.packageType = options.packageType;
  let weightField = 'cargo.weightKg';
  if (cargo?.weightKg !== null && cargo?.weightKg !== undefined) pkg.weight = cargo.weightKg;
  else if (packages.length > 0 && packages.every((p) => p.weightKg !== null)) {
    pkg.weight = round(packages.reduce((sum, p) => sum + (p.weightKg ?? 0), 0));
    weightField = 'cargo.packages[0].weightKg';
  }
  // One consolidated package per shipment (FACTS §3.3): dimensions only when there is exactly one.
  if (packages.length === 1) {
    const only = packages[0];
    if (only.lengthCm !== null) pkg.length = only.lengthCm;
    if (only.widthCm !== null) pkg.width = only.widthCm;
    if (only.heightCm !== null) pkg.height = only.heightCm;
  }
  let descriptionField = 'cargo.description';
  const description = text(cargo?.description) ?? (packages.length === 1 ? text(packages[0].description) : null);
  if (description !== null) {
    pkg.description = description;
    if (text(cargo?.description) === null) descriptionField = 'cargo.packages[0].description';
  }
  return { pkg, weightField, descriptionField };
}

/** 1–50 of `A–Z a–z 0–9 - _`: `WB-` and 40 hex characters of the key's hash (a shipment without a reference). */
export function trackingIdFromKey(idempotencyKey: string): string {
  return `WB-${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// provider field → canonical field

/** `recipientLocation->postalCode`, `recipientLocation.postalCode`, `package->items->0->units` → `['recipientLocation', 'postalCode']`… */
export function providerPath(providerField: string): string[] {
  return providerField.split(/->|\./).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * README "Envelopes and errors": both notations (`->` and `.`) map to the canonical path of the field the adapter
 * built it from; null where the order has no canonical source (the adapter's own units, Carta Porte items).
 */
export function canonicalFieldOf(providerField: string | null | undefined, ctx: OrderContext): string | null {
  if (!providerField) return null;
  const [block, field, ...rest] = providerPath(providerField);
  const d = `stops[${ctx.delivery}]`;
  if (block === 'recipientLocation') {
    if (field === undefined) return `${d}.address`;
    const byField: Record<string, string> = {
      postalCode: `${d}.address.postalCode`,
      country: `${d}.address.countryCode`,
      street: `${d}.address.line1`,
      number: `${d}.address.line1`,
      intNumber: `${d}.address.line1`,
      neighborhood: `${d}.address.line1`,
      administrativeArea: `${d}.address.region`,
      subAdministrativeArea: `${d}.address.city`,
      fullAddress: `${d}.address.formatted`,
      lat: `${d}.position.latitude`,
      lng: `${d}.position.longitude`,
      notes: `${d}.notes`,
    };
    return Object.hasOwn(byField, field) ? byField[field] : `${d}.address`;
  }
  if (block === 'recipientInformation') {
    if (field === undefined) return `${d}.contact`;
    const byField: Record<string, string> = { fullName: `${d}.contact.name`, phone: `${d}.contact.phone`, email: `${d}.contact.email` };
    return Object.hasOwn(byField, field) ? byField[field] : `${d}.contact`;
  }
  if (block === 'package') {
    if (field === undefined) return 'cargo';
    const byField: Record<string, string> = {
      weight: ctx.weightField,
      length: 'cargo.packages[0].lengthCm',
      width: 'cargo.packages[0].widthCm',
      height: 'cargo.packages[0].heightCm',
      description: ctx.descriptionField,
      packageType: 'options.packageType',
    };
    if (Object.hasOwn(byField, field) && rest.length === 0) return byField[field];
    return null;
  }
  if (field !== undefined) return null;
  if (block === 'shipperTrackingId') return ctx.trackingIdFrom === 'reference' ? 'reference' : null;
  if (block === 'shipperDropoffDate') return `stops[${ctx.dropoff}].window.start`;
  if (block === 'expectedDeliveryDate') return `${d}.window.end`;
  if (block === 'lotId') return 'options.lotId';
  return null;
}

function refused(problems: ProviderFieldError[]): ProviderError {
  return new ProviderError('invalid_request', `Cargamos cannot take this shipment: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, {
    provider: CARGAMOS,
    details: problems,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cargamos → canonical

/** Epoch ms → UTC ISO with milliseconds. */
export function isoOfEpochMs(ms: number): string {
  const dt = DateTime.fromMillis(ms, { zone: 'utc' });
  if (!dt.isValid) throw cargamosBadPayload('payload', [{ field: 'timestamp', message: 'not epoch milliseconds' }]);
  return dt.toISO()!;
}

/** A tracking view as a record: externalId = trackingId (the webhook's `label_id`), provider time = `updatedAt`. */
export function trackingRecord(view: CargamosTrackingView, raw: unknown): ProviderRecord {
  return { kind: 'shipment', externalId: view.trackingId, providerUpdatedAt: isoOfEpochMs(view.updatedAt), raw };
}

export function trackingPatch(view: CargamosTrackingView): ShipmentPatch {
  const last = view.history && view.history.length > 0 ? view.history[view.history.length - 1] : undefined;
  const state = mapCargamosState(view.state, last && last.state === view.state ? last.anomalies : null);
  const patch: ShipmentPatch = {
    status: state.status,
    statusReason: state.statusReason,
    providerStatus: { status: state.rawStatus, at: isoOfEpochMs(view.updatedAt) },
    references: idReferences(view.trackingId, view.shipmentId),
    tracking: { trackingId: view.trackingId },
  };
  const reference = text(view.shipperTrackingId);
  if (reference !== null) patch.reference = reference;
  return patch;
}

/** A webhook: no time, no reference; the state and the anomaly only. */
export function webhookPatch(payload: CargamosWebhookPayload): ShipmentPatch {
  const state = mapCargamosState(payload.state, payload.anomalies ?? null);
  return {
    status: state.status,
    statusReason: state.statusReason,
    providerStatus: { status: state.rawStatus, at: null },
    references: [{ kind: 'tracking', value: payload.label_id }],
    tracking: { trackingId: payload.label_id },
  };
}

/** The integration answer (the order echoed with trackingId and shipmentId): the shipment is CREATED. */
export function integrationPatch(view: CargamosIntegrationView): ShipmentPatch {
  const state = mapCargamosState('CREATED');
  const patch: ShipmentPatch = {
    status: state.status,
    statusReason: null,
    providerStatus: { status: 'CREATED', at: null },
    references: idReferences(view.trackingId, view.shipmentId),
    tracking: { trackingId: view.trackingId },
  };
  const reference = text(view.shipperTrackingId);
  if (reference !== null) patch.reference = reference;
  return patch;
}

function idReferences(trackingId: string, shipmentId: string): NonNullable<ShipmentPatch['references']> {
  return [
    { kind: 'tracking', value: trackingId },
    { kind: 'shipment', value: shipmentId },
  ];
}

function lastIndex<T>(items: T[], pred: (t: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i])) return i;
  return -1;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}
