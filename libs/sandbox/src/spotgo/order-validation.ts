import { validation, type FieldError } from './api-errors.js';
import {
  DOCUMENT_TYPES, LOCATION_TYPES, type OrderInput, type SpotgoCarrier, type SpotgoDetails, type SpotgoDocumentType,
  type SpotgoLocation, type SpotgoPerson,
} from './spotgo.types.js';

/** README "Order body": absent optional fields are `undefined` (kept as stored on an update). */
export type OrderFields = { [K in keyof OrderInput]?: OrderInput[K] };

export const DEFAULT_REQUIRED_DOCUMENT_TYPES: SpotgoDocumentType[] = ['cmr'];
const MAX_ORDER_NUMBER = 100;
const MAX_TEXT = 2_000;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Case-insensitive match against SpotGoDocumentType; null when unknown. */
export function parseDocumentType(raw: unknown): SpotgoDocumentType | null {
  if (typeof raw !== 'string') return null;
  const t = raw.trim().toLowerCase();
  return DOCUMENT_TYPES.find((d) => d.toLowerCase() === t) ?? null;
}

/**
 * Validates an order body (POST /orders, POST /orders/upsert: `orderNumber` and `carrier.vatCode` required; PUT: all
 * optional) and collects every field error, so a 400 names all of them (README "Errors").
 */
export function parseOrderBody(body: unknown, mode: 'create' | 'update'): OrderFields {
  if (!isObj(body)) throw validation([{ field: '$', code: 'Invalid', message: 'The request body must be a JSON object.' }]);
  const errors: FieldError[] = [];
  const err = (field: string, message: string, code = 'Invalid') => errors.push({ field, code, message });
  const out: OrderFields = {};

  if (body.orderNumber === undefined || body.orderNumber === null) {
    if (mode === 'create') err('orderNumber', 'orderNumber is required.', 'Required');
  } else if (typeof body.orderNumber !== 'string' || body.orderNumber.trim() === '') {
    err('orderNumber', 'orderNumber must be a non-empty string.');
  } else if (body.orderNumber.trim().length > MAX_ORDER_NUMBER) {
    err('orderNumber', `orderNumber must be at most ${MAX_ORDER_NUMBER} characters.`, 'TooLong');
  } else {
    out.orderNumber = body.orderNumber.trim();
  }

  if (body.manager !== undefined) out.manager = body.manager === null ? null : person(body.manager, 'manager', err);

  if (body.carrier === undefined || body.carrier === null) {
    if (mode === 'create') err('carrier', 'carrier is required.', 'Required');
  } else {
    const c = carrier(body.carrier, err);
    if (c) out.carrier = c;
  }

  if (body.internalComments !== undefined) {
    const t = text(body.internalComments, 'internalComments', err, MAX_TEXT);
    if (t !== undefined) out.internalComments = t;
  }

  if (body.requiredDocumentTypes !== undefined && body.requiredDocumentTypes !== null) {
    const types = documentTypes(body.requiredDocumentTypes, err);
    if (types) out.requiredDocumentTypes = types;
  } else if (mode === 'create') {
    out.requiredDocumentTypes = [...DEFAULT_REQUIRED_DOCUMENT_TYPES];
  }

  if (body.details !== undefined && body.details !== null) {
    const d = details(body.details, err);
    if (d) out.details = d;
  }

  if (body.locations !== undefined && body.locations !== null) {
    const l = locations(body.locations, err);
    if (l) out.locations = l;
  }

  if (errors.length > 0) throw validation(errors);
  return out;
}

type Err = (field: string, message: string, code?: string) => void;

function text(v: unknown, field: string, err: Err, max = 200): string | null | undefined {
  if (v === null) return null;
  if (typeof v !== 'string') {
    err(field, `${field} must be a string.`);
    return undefined;
  }
  if (v.length > max) {
    err(field, `${field} must be at most ${max} characters.`, 'TooLong');
    return undefined;
  }
  return v;
}

function email(v: unknown, field: string, err: Err): string | null | undefined {
  const t = text(v, field, err);
  if (typeof t === 'string' && !EMAIL.test(t)) {
    err(field, `${field} must be an e-mail address.`);
    return undefined;
  }
  return t;
}

function person(v: unknown, field: string, err: Err): SpotgoPerson | null {
  if (!isObj(v)) {
    err(field, `${field} must be an object.`);
    return null;
  }
  return { name: text(v.name ?? null, `${field}.name`, err) ?? null, email: email(v.email ?? null, `${field}.email`, err) ?? null };
}

function carrier(v: unknown, err: Err): SpotgoCarrier | null {
  if (!isObj(v)) {
    err('carrier', 'carrier must be an object.');
    return null;
  }
  const name = text(v.name ?? null, 'carrier.name', err) ?? null;
  const mail = email(v.email ?? null, 'carrier.email', err) ?? null;
  if (typeof v.vatCode !== 'string' || v.vatCode.trim() === '') {
    err('carrier.vatCode', 'carrier.vatCode is required.', 'Required');
    return null;
  }
  return { name, email: mail, vatCode: v.vatCode.trim() };
}

/** The docs' sample sends one value (`"cmr"`); a list, or a comma-separated string (a .NET flags enum), is accepted. */
function documentTypes(v: unknown, err: Err): SpotgoDocumentType[] | null {
  const raw = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : null;
  if (raw === null) {
    err('requiredDocumentTypes', 'requiredDocumentTypes must be a document type or a list of them.');
    return null;
  }
  const out: SpotgoDocumentType[] = [];
  for (const [i, item] of raw.entries()) {
    const t = parseDocumentType(item);
    if (t === null) {
      err(`requiredDocumentTypes[${i}]`, `Unknown document type "${String(item)}" (known: ${DOCUMENT_TYPES.join(', ')}).`, 'UnknownDocumentType');
      return null;
    }
    if (!out.includes(t)) out.push(t);
  }
  if (out.length === 0) {
    err('requiredDocumentTypes', 'requiredDocumentTypes must name at least one document type.');
    return null;
  }
  return out;
}

function details(v: unknown, err: Err): SpotgoDetails | null {
  if (!isObj(v)) {
    err('details', 'details must be an object.');
    return null;
  }
  let weight: number | null = null;
  if (v.weight !== undefined && v.weight !== null) {
    if (typeof v.weight !== 'number' || !Number.isFinite(v.weight) || v.weight < 0) err('details.weight', 'details.weight must be a number >= 0.');
    else weight = v.weight;
  }
  let plates: string[] = [];
  if (v.licensePlates !== undefined && v.licensePlates !== null) {
    if (!Array.isArray(v.licensePlates) || !v.licensePlates.every((p) => typeof p === 'string')) {
      err('details.licensePlates', 'details.licensePlates must be a list of strings.');
    } else plates = [...v.licensePlates];
  }
  return { weight, licensePlates: plates };
}

function date(v: unknown, field: string, err: Err): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || !ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v))) {
    err(field, `${field} must be an ISO 8601 date-time with an offset (e.g. 2019-08-24T14:15:22.123Z).`);
    return null;
  }
  return new Date(Date.parse(v)).toISOString();
}

function locations(v: unknown, err: Err): SpotgoLocation[] | null {
  if (!Array.isArray(v)) {
    err('locations', 'locations must be a list.');
    return null;
  }
  const out: SpotgoLocation[] = [];
  const seen = new Set<number>();
  v.forEach((raw, i) => {
    const f = `locations[${i}]`;
    if (!isObj(raw)) return err(f, `${f} must be an object.`);
    const seq = raw.sequence;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) err(`${f}.sequence`, `${f}.sequence must be an integer >= 0.`);
    else if (seen.has(seq)) err(`${f}.sequence`, `${f}.sequence ${seq} is used twice.`, 'Duplicate');
    else seen.add(seq);
    const type = LOCATION_TYPES.find((t) => typeof raw.type === 'string' && t.toLowerCase() === raw.type.toLowerCase());
    if (!type) err(`${f}.type`, `${f}.type must be one of ${LOCATION_TYPES.join(', ')}.`);
    const startDate = date(raw.startDate, `${f}.startDate`, err);
    const endDate = date(raw.endDate, `${f}.endDate`, err);
    if (startDate && endDate && endDate < startDate) err(`${f}.endDate`, `${f}.endDate must not be before startDate.`);
    let countryCode: string | null = null;
    if (raw.countryCode !== undefined && raw.countryCode !== null) {
      if (typeof raw.countryCode !== 'string' || !/^[A-Za-z]{2}$/.test(raw.countryCode)) err(`${f}.countryCode`, `${f}.countryCode must be two letters (ISO 3166-1 alpha-2).`);
      else countryCode = raw.countryCode.toUpperCase();
    }
    let position: SpotgoLocation['position'] = null;
    if (raw.position !== undefined && raw.position !== null) {
      const p = raw.position as Obj;
      const lat = isObj(p) ? p.latitude : undefined;
      const lon = isObj(p) ? p.longitude : undefined;
      if (typeof lat !== 'number' || lat < -90 || lat > 90 || typeof lon !== 'number' || lon < -180 || lon > 180) {
        err(`${f}.position`, `${f}.position needs latitude (-90..90) and longitude (-180..180).`);
      } else position = { latitude: lat, longitude: lon };
    }
    out.push({
      sequence: typeof seq === 'number' ? seq : i,
      type: type ?? 'Loading',
      startDate,
      endDate,
      name: text(raw.name ?? null, `${f}.name`, err) ?? null,
      countryCode,
      postalCode: text(raw.postalCode ?? null, `${f}.postalCode`, err) ?? null,
      city: text(raw.city ?? null, `${f}.city`, err) ?? null,
      street: text(raw.street ?? null, `${f}.street`, err) ?? null,
      position,
    });
  });
  return out.sort((a, b) => a.sequence - b.sequence);
}
