import {
  CanonicalError,
  localDateTimeToUtc,
  type Address,
  type CarrierContact,
  type CarrierIdentifiers,
  type CarrierPatch,
  type DocumentPatch,
} from '@waybill/canonical';
import type { ProviderRecord } from '@waybill/provider-kit';
import { carrierpacketBadPayload, type CarrierpacketDocument, type CarrierpacketSubmission } from './carrierpacket.schemas.js';
import { mapCarrierpacketDocType, mapCarrierpacketStatus } from './carrierpacket.status-map.js';

// Pure functions: a validated CarrierPacket submission or document → canonical (README "Submissions → carriers",
// "Documents"). No I/O, the input is never mutated. A key is left out of the patch (undefined) when the payload does
// not carry it: the REST samples are truncated, and a webhook's submission must not erase what a scan stored.

/** The zone broker wall-clock times are read in when a connection names none (README). */
export const CARRIERPACKET_DEFAULT_TIMEZONE = 'UTC';

export function toCarrierPatch(s: CarrierpacketSubmission, zone: string): CarrierPatch {
  const patch: CarrierPatch = {};
  const legalName = present(s.legal_name);
  const dbaName = present(s.dba_name);
  if (s.legal_name !== undefined || s.dba_name !== undefined) {
    // The name a dispatcher knows the carrier by: its "doing business as" name when it has one (REST "Submission fields").
    patch.name = dbaName ?? legalName;
  }
  if (s.legal_name !== undefined) patch.legalName = legalName;
  if (s.dba_name !== undefined) patch.dbaName = dbaName;
  const identifiers = toIdentifiers(s);
  if (Object.keys(identifiers).length > 0) patch.identifiers = identifiers;
  const dispatch = toDispatch(s);
  if (dispatch !== undefined) patch.dispatch = dispatch;
  const address = toPhysicalAddress(s);
  if (address !== undefined) patch.address = address;
  if (s.services_provided !== undefined) patch.services = (s.services_provided ?? []).filter((v) => v.trim() !== '');
  const status = mapCarrierpacketStatus(s.status);
  patch.compliance = {
    status: status.status,
    rawStatus: status.rawStatus,
    signedAt: brokerTimeToUtc(s.signed_at, zone, 'signed_at'),
    verifiedAt: brokerTimeToUtc(s.email_verified_at, zone, 'email_verified_at'),
  };
  return patch;
}

export function toDocumentPatch(d: CarrierpacketDocument, zone: string): DocumentPatch {
  const type = mapCarrierpacketDocType(d.doc_type);
  return {
    owner: { kind: 'carrier', externalId: String(d.submission_id) },
    type: type.type,
    rawType: type.rawType,
    // README "Documents": CarrierPacket has no review status; a stored document is accepted.
    status: 'ACCEPTED',
    rawStatus: null,
    name: present(d.original_filename),
    mimeType: present(d.mime_type),
    sizeBytes: d.size_bytes ?? null,
    // A calendar date, kept as given; `days_until_expiry` is not mapped (Waybill computes it when read).
    expiresOn: d.expires_on ?? null,
    uploadedAt: brokerTimeToUtc(d.created, zone, 'created'),
  };
}

/** A submission as a record: `id` is the external id; `updated` (broker time) is the provider time. */
export function toSubmissionRecord(s: CarrierpacketSubmission, raw: unknown, zone: string): ProviderRecord {
  return { kind: 'carrier', externalId: String(s.id), providerUpdatedAt: brokerTimeToUtc(s.updated, zone, 'updated'), raw };
}

/** A document as a record: `created` is the upload time, which a renewal moves (README "Documents"). */
export function toDocumentRecord(d: CarrierpacketDocument, raw: unknown, zone: string): ProviderRecord {
  return { kind: 'document', externalId: String(d.id), providerUpdatedAt: brokerTimeToUtc(d.created, zone, 'created'), raw };
}

/**
 * README "Absence": a submission a complete scan did not list and `GET /submissions/{id}` answered 404 for. There is
 * no provider time for a disappearance, so none is claimed.
 */
export function toAbsentSubmissionRecord(id: number): ProviderRecord {
  return { kind: 'carrier', externalId: String(id), providerUpdatedAt: null, raw: { id, _absent: true } };
}

// MySQL's "zero" datetime: a PHP backend may print it for "never"; there is no instant to report.
const ZERO_DATETIME = '0000-00-00 00:00:00';

/**
 * `YYYY-MM-DD HH:MM:SS` read as wall-clock time in the broker's zone → UTC ISO instant (README assumption). The
 * canonical helper (Luxon) moves a time in a DST gap forward and takes the earlier offset of an ambiguous time.
 * Throws ProviderError('bad_payload') naming `field` for a date that does not exist (`2026-02-30`).
 */
export function brokerTimeToUtc(value: string | null | undefined, zone: string, field: string): string | null {
  if (value === null || value === undefined || value === ZERO_DATETIME) return null;
  const [date, time] = value.split(' ');
  try {
    return localDateTimeToUtc(date, time ?? '', zone);
  } catch (e) {
    if (!(e instanceof CanonicalError)) throw e;
    throw carrierpacketBadPayload('payload', [{ field, message: e.message }], e);
  }
}

/** FMCSA numbers: digits only (`MC-896325` → `896325`); empty → null (REST: "Either may be empty"). */
export function digitsOnly(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const digits = value.replace(/\D/g, '');
  return digits === '' ? null : digits;
}

/**
 * `auth_taxid` is free-form (REST: formatted "88 - 7893200"). Nine digits are an EIN and are written the usual way,
 * `88-7893200`; anything else is kept trimmed, since reformatting what we do not recognise would invent it.
 */
export function normalizeTaxId(value: string | null | undefined): string | null {
  const text = present(value);
  if (text === null) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length === 9 && /^[\d\s-]+$/.test(text)) return `${digits.slice(0, 2)}-${digits.slice(2)}`;
  return text.trim();
}

function toIdentifiers(s: CarrierpacketSubmission): Partial<CarrierIdentifiers> {
  const ids: Partial<CarrierIdentifiers> = {};
  if (s.mc_number !== undefined) ids.mcNumber = digitsOnly(s.mc_number);
  if (s.usdot_number !== undefined) ids.usdotNumber = digitsOnly(s.usdot_number);
  if (s.auth_taxid !== undefined) ids.taxId = normalizeTaxId(s.auth_taxid);
  // US carriers: CarrierPacket has no VAT code.
  if (Object.keys(ids).length > 0) ids.vatCode = null;
  return ids;
}

function toDispatch(s: CarrierpacketSubmission): CarrierContact | undefined {
  if (s.dispatcher_name === undefined && s.dispatcher_email === undefined && s.dispatcher_phone === undefined) return undefined;
  const email = present(s.dispatcher_email);
  return {
    name: present(s.dispatcher_name),
    // Carriers are matched on e-mail (ARCHITECTURE.md "Identity"): one spelling for one address.
    email: email === null ? null : email.trim().toLowerCase(),
    phone: present(s.dispatcher_phone),
  };
}

function toPhysicalAddress(s: CarrierpacketSubmission): Address | null | undefined {
  const fields = [s.physical_address, s.physical_city, s.physical_state, s.physical_zip];
  if (fields.every((f) => f === undefined)) return undefined;
  const line1 = present(s.physical_address);
  const city = present(s.physical_city);
  const region = present(s.physical_state);
  const postalCode = present(s.physical_zip);
  if (line1 === null && city === null && region === null && postalCode === null) return null;
  const stateZip = [region, postalCode].filter((p) => p !== null).join(' ');
  const formatted = [line1, city, stateZip === '' ? null : stateZip].filter((p) => p !== null).join(', ');
  return { line1, city, region, postalCode, countryCode: 'US', formatted };
}

function present(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
