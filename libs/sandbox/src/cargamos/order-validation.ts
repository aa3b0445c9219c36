import { errorItem, type CargamosErrorItem } from './api-errors.js';
import { parseServiceDate } from './service-level.js';

/**
 * Schema checks of a delivery order (FACTS §3.1–3.4), reported like INT's example: every failure at once, each with
 * `location: "request.body"` and the field path written with `->` (INT: `recipientLocation->country`). Business
 * rules (coverage, service level, uniqueness) run afterwards and use `.` (INT: `recipientLocation.postalCode`).
 */

/** INT: "Value is not a valid enumeration member; permitted: 'mx', 'co', 'us', 'br'." Compared case-insensitively. */
export const CARGAMOS_COUNTRIES = ['mx', 'co', 'us', 'br'] as const;
export const PACKAGE_TYPES = ['UNIT', 'BOX', 'ENVELOPE', 'BAG', 'BUNDLE', 'PALLET', 'DUMMY'] as const;
export const WEIGHT_UNITS = ['G', 'KG', 'OZ', 'LB', 'T'] as const;
/** FACTS §3.3: CM is the default, the other values are NOT FOUND; MM, M, IN and FT are an assumption. */
export const DIMENSION_UNITS = ['CM', 'MM', 'M', 'IN', 'FT'] as const;

/** Components of the "by components" address form (FACTS §3.1); `fullAddress` excludes all of them. */
export const ADDRESS_COMPONENTS = ['street', 'number', 'intNumber', 'neighborhood', 'administrativeArea', 'subAdministrativeArea'] as const;
const REQUIRED_COMPONENTS = ['street', 'number', 'neighborhood', 'administrativeArea', 'subAdministrativeArea'] as const;

/** shipperTrackingId goes into a Code128/QR barcode (FACTS §3.4): 1–50 of A–Z, a–z, 0–9, `-`, `_` (assumption). */
export const SHIPPER_TRACKING_ID_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;

/** FACTS §3.2's four phone forms (`5511112222`, `+525511112222`, `+52 5511112222`, `+52 55 11112222`) and the like. */
const PHONE_PATTERN = /^(\+\d{1,3})?\d{10}$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const enumDetails = (values: readonly string[]) => `Value is not a valid enumeration member; permitted: ${values.map((v) => `'${v}'`).join(', ')}.`;

class Checker {
  readonly errors: CargamosErrorItem[] = [];

  invalid(path: string, details: string): void {
    this.errors.push(errorItem('INVALID_PARAMETER', details, 'request.body', path));
  }

  missing(path: string, details = 'field required'): void {
    this.errors.push(errorItem('MISSING_PARAMETER', details, 'request.body', path));
  }

  /** A required or optional string; `nonEmpty` refuses "" and blanks. */
  string(obj: Json, key: string, path: string, opts: { required?: boolean } = {}): void {
    if (!(key in obj) || obj[key] === null) {
      if (opts.required) this.missing(path);
      return;
    }
    const v = obj[key];
    if (typeof v !== 'string') return this.invalid(path, 'str type expected');
    if (opts.required && v.trim() === '') this.invalid(path, 'ensure this value has at least 1 characters');
  }

  number(obj: Json, key: string, path: string, opts: { integer?: boolean; positive?: boolean; min?: number; max?: number } = {}): void {
    if (!(key in obj) || obj[key] === null) return;
    const v = obj[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.invalid(path, opts.integer ? 'value is not a valid integer' : 'value is not a valid float');
    if (opts.integer && !Number.isInteger(v)) return this.invalid(path, 'value is not a valid integer');
    if (opts.positive && !(v > 0)) return this.invalid(path, 'ensure this value is greater than 0');
    if (opts.min !== undefined && v < opts.min) return this.invalid(path, `ensure this value is greater than or equal to ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) return this.invalid(path, `ensure this value is less than or equal to ${opts.max}`);
  }

  enumOf(obj: Json, key: string, path: string, values: readonly string[], caseInsensitive = false): void {
    if (!(key in obj) || obj[key] === null) return;
    const v = obj[key];
    const given = typeof v === 'string' ? (caseInsensitive ? v.toLowerCase() : v) : undefined;
    if (given === undefined || !values.includes(given)) this.invalid(path, enumDetails(values));
  }

  /** A required block: absent → MISSING_PARAMETER; not an object → INVALID_PARAMETER. */
  block(body: Json, key: string): Json | null {
    if (!(key in body) || body[key] === null) {
      this.missing(key);
      return null;
    }
    if (!isObject(body[key])) {
      this.invalid(key, 'value is not a valid dict');
      return null;
    }
    return body[key] as Json;
  }
}

function checkLocation(c: Checker, loc: Json): void {
  const p = (k: string) => `recipientLocation->${k}`;
  const components = ADDRESS_COMPONENTS.filter((k) => k in loc && loc[k] !== null);
  const hasFullAddress = 'fullAddress' in loc && loc.fullAddress !== null;
  if (hasFullAddress && components.length > 0) {
    c.invalid(
      'recipientLocation',
      `Provide the address either by components or as fullAddress, never both (got fullAddress and ${components.join(', ')}).`,
    );
  } else if (hasFullAddress) {
    c.string(loc, 'fullAddress', p('fullAddress'), { required: true });
  } else if (components.length === 0) {
    c.missing('recipientLocation', 'Provide the address by components (street, number, neighborhood, administrativeArea, subAdministrativeArea) or as fullAddress.');
  } else {
    for (const k of REQUIRED_COMPONENTS) c.string(loc, k, p(k), { required: true });
    c.string(loc, 'intNumber', p('intNumber'));
  }
  c.string(loc, 'postalCode', p('postalCode'), { required: true });
  c.enumOf(loc, 'country', p('country'), CARGAMOS_COUNTRIES, true);
  c.number(loc, 'lat', p('lat'), { min: -90, max: 90 });
  c.number(loc, 'lng', p('lng'), { min: -180, max: 180 });
  c.string(loc, 'notes', p('notes'));
  c.string(loc, 'reference', p('reference'));
}

function checkInformation(c: Checker, info: Json): void {
  const p = (k: string) => `recipientInformation->${k}`;
  c.string(info, 'fullName', p('fullName'), { required: true });
  c.string(info, 'phone', p('phone'), { required: true });
  if (typeof info.phone === 'string' && info.phone.trim() !== '' && !PHONE_PATTERN.test(info.phone.replace(/[\s-]/g, ''))) {
    c.invalid(p('phone'), 'value is not a valid phone number');
  }
  c.string(info, 'email', p('email'));
  if (typeof info.email === 'string' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(info.email)) c.invalid(p('email'), 'value is not a valid email address');
}

function checkPackage(c: Checker, pkg: Json): void {
  const p = (k: string) => `package->${k}`;
  c.enumOf(pkg, 'packageType', p('packageType'), PACKAGE_TYPES);
  c.string(pkg, 'description', p('description'));
  c.number(pkg, 'contentValue', p('contentValue'), { integer: true, min: 0 });
  c.string(pkg, 'valueCurrency', p('valueCurrency'));
  c.number(pkg, 'weight', p('weight'), { positive: true });
  c.enumOf(pkg, 'weightUnit', p('weightUnit'), WEIGHT_UNITS);
  for (const k of ['length', 'width', 'height']) c.number(pkg, k, p(k), { positive: true });
  c.enumOf(pkg, 'dimensionsUnit', p('dimensionsUnit'), DIMENSION_UNITS);
  if (!('items' in pkg) || pkg.items === null) return;
  if (!Array.isArray(pkg.items)) return c.invalid(p('items'), 'value is not a valid list');
  pkg.items.forEach((item, i) => {
    const ip = (k: string) => `package->items->${i}->${k}`;
    if (!isObject(item)) return c.invalid(`package->items->${i}`, 'value is not a valid dict');
    c.number(item, 'units', ip('units'), { integer: true, positive: true });
    for (const k of ['c_ClaveUnidadPeso', 'c_ClaveProdServCp', 'c_MaterialPeligroso', 'c_TipoEmbalaje', 'valueCurrency']) c.string(item, k, ip(k));
    // FACTS §3.3: the item's contentValue is typed String in the docs (sic); a number is accepted too.
    if ('contentValue' in item && item.contentValue !== null && typeof item.contentValue !== 'string' && typeof item.contentValue !== 'number') {
      c.invalid(ip('contentValue'), 'str type expected');
    }
  });
}

function checkServiceLevel(c: Checker, body: Json): void {
  for (const key of ['shipperDropoffDate', 'expectedDeliveryDate']) {
    if (!(key in body) || body[key] === null) {
      c.missing(key);
    } else if (typeof body[key] !== 'string' || parseServiceDate(body[key] as string) === null) {
      c.invalid(key, 'invalid date format; expected YYYY-MM-DD or an ISO 8601 date-time with offset');
    }
  }
  if ('lotId' in body && body.lotId !== null && typeof body.lotId !== 'string' && !Number.isInteger(body.lotId)) {
    c.invalid('lotId', 'str type expected');
  }
  if ('shipperTrackingId' in body && body.shipperTrackingId !== null) {
    if (typeof body.shipperTrackingId !== 'string') c.invalid('shipperTrackingId', 'str type expected');
    else if (!SHIPPER_TRACKING_ID_PATTERN.test(body.shipperTrackingId)) {
      c.invalid('shipperTrackingId', 'string does not match regex "^[A-Za-z0-9_-]{1,50}$"');
    }
  }
}

/** Every schema failure of `body`, in field order; empty when the order can go on to the business checks. */
export function validateOrderSchema(body: unknown): CargamosErrorItem[] {
  const c = new Checker();
  if (!isObject(body)) {
    c.invalid('body', 'value is not a valid dict');
    return c.errors;
  }
  const loc = c.block(body, 'recipientLocation');
  if (loc) checkLocation(c, loc);
  const info = c.block(body, 'recipientInformation');
  if (info) checkInformation(c, info);
  const pkg = c.block(body, 'package');
  if (pkg) checkPackage(c, pkg);
  checkServiceLevel(c, body);
  return c.errors;
}
