import type {
  CarrierpacketDocument, CarrierpacketPacket, CarrierpacketSubmission, DocumentRecord, PacketRecord, SubmissionRecord,
} from './carrierpacket.types.js';

/** REST shapes, as copies: a caller mutating an answer or the truth cannot change the sandbox. */

export function submissionView(s: SubmissionRecord): CarrierpacketSubmission {
  return { ...s.row, services_provided: [...s.row.services_provided] };
}

/**
 * REST "Document fields" in table order; `days_until_expiry` for the broker's `today` (a day number): negative when
 * past, null without `expires_on` (REST "List documents for a submission").
 */
export function documentView(d: DocumentRecord, today: number): CarrierpacketDocument {
  const r = d.row;
  return {
    id: r.id,
    submission_id: r.submission_id,
    doc_type: r.doc_type,
    original_filename: r.original_filename,
    mime_type: r.mime_type,
    size_bytes: r.size_bytes,
    expires_on: r.expires_on,
    days_until_expiry: d.expiresDay === null ? null : d.expiresDay - today,
    created: r.created,
  };
}

/** REST "Get a packet": metadata plus `settings` and `embed_token`. */
export function packetView(p: PacketRecord): CarrierpacketPacket {
  return { ...p.row, settings: structuredClone(p.row.settings) };
}

/**
 * List rows leave out what REST says "Get a packet" adds ("the packet metadata plus the full settings JSON … and the
 * embed_token"). Assumption recorded in libs/sandbox/README.md.
 */
export function packetListView(p: PacketRecord): Omit<CarrierpacketPacket, 'settings' | 'embed_token'> {
  const { settings: _settings, embed_token: _token, ...rest } = p.row;
  return rest;
}

/**
 * The submission inside a webhook envelope: the REST row, plus `signed_pdf_url` once the signed PDF exists (FACTS §6,
 * new flow). REST does not list that field, so the API does not serve it.
 */
export function webhookSubmission(s: SubmissionRecord): CarrierpacketSubmission & { signed_pdf_url?: string } {
  const body = submissionView(s);
  return s.signedPdfUrl === null ? body : { ...body, signed_pdf_url: s.signedPdfUrl };
}
