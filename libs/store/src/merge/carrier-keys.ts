import type { CarrierIdentifiers, CarrierPatch, ShipmentCarrier } from '@waybill/canonical';

/**
 * The keys a carrier is matched on, in matching order (ARCHITECTURE.md, Identity: MC number, then USDOT, then VAT
 * code, then dispatch e-mail), each normalized: digits only; VAT upper-case without spaces; e-mail lower-case.
 * Shipments store the same keys of their carrier, so both sides of the link are compared the same way.
 */
export interface CarrierKeys {
  mc: string | null;
  usdot: string | null;
  vat: string | null;
  email: string | null;
}

export const CARRIER_KEY_ORDER = ['mc', 'usdot', 'vat', 'email'] as const;
export type CarrierKeyName = (typeof CARRIER_KEY_ORDER)[number];

/** The carriers column and the canonical identifier name of each key. */
export const CARRIER_KEY_COLUMNS: Record<CarrierKeyName, { column: string; identifier: keyof CarrierIdentifiers | 'email' }> = {
  mc: { column: 'mc_number', identifier: 'mcNumber' },
  usdot: { column: 'usdot_number', identifier: 'usdotNumber' },
  vat: { column: 'vat_code', identifier: 'vatCode' },
  email: { column: 'email', identifier: 'email' },
};

/** Keys that name one legal entity: two different values of one of them mean two carriers. E-mail is not one. */
export const CONTRADICTING_KEYS: CarrierKeyName[] = ['mc', 'usdot', 'vat'];

export function normalizeDigits(value: string | null | undefined): string | null {
  const digits = value?.replace(/\D/g, '') ?? '';
  return digits || null;
}

export function normalizeVat(value: string | null | undefined): string | null {
  const vat = value?.replace(/\s+/g, '').toUpperCase() ?? '';
  return vat || null;
}

export function normalizeEmail(value: string | null | undefined): string | null {
  const email = value?.trim().toLowerCase() ?? '';
  return email || null;
}

export function carrierKeys(ids: Partial<CarrierIdentifiers> | null | undefined, email: string | null | undefined): CarrierKeys {
  return {
    mc: normalizeDigits(ids?.mcNumber),
    usdot: normalizeDigits(ids?.usdotNumber),
    vat: normalizeVat(ids?.vatCode),
    email: normalizeEmail(email),
  };
}

export function keysOfCarrierPatch(patch: CarrierPatch): CarrierKeys {
  return carrierKeys(patch.identifiers, patch.dispatch?.email);
}

export function keysOfShipmentCarrier(carrier: ShipmentCarrier | null | undefined): CarrierKeys {
  return carrierKeys(carrier, carrier?.email);
}

/** Advisory lock keys: a shipment merge and a carrier merge that share a key are serialised, so linking never races. */
export function carrierKeyLocks(keys: CarrierKeys): string[] {
  return CARRIER_KEY_ORDER.filter((k) => keys[k]).map((k) => `ckey|${k}|${keys[k]}`);
}

/**
 * The canonical carrier of a shipment's keys, as one SQL expression: the oldest carrier on the first key that
 * matches, in matching order. Used when a shipment merges and when a carrier merges, so the link does not depend on
 * which arrived first. The four arguments are SQL expressions (parameters or columns).
 */
export function resolveCarrierSql(mc: string, usdot: string, vat: string, email: string): string {
  const one = (column: string, value: string) =>
    `(SELECT c.id FROM carriers c WHERE c.${column} = ${value} ORDER BY c.created_at, c.id LIMIT 1)`;
  return `COALESCE(${one('mc_number', mc)}, ${one('usdot_number', usdot)}, ${one('vat_code', vat)}, ${one('email', email)})`;
}
