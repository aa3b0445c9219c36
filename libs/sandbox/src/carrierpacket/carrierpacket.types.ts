/**
 * CarrierPacket payload shapes as the sandbox serves them. Field names and order follow the REST page
 * (shared/provider-docs/carrierpacket-rest-api.txt, "REST") tables "Submission fields", "Document fields" and
 * "Packet fields"; the contract is libs/providers/carrierpacket/README.md ("README").
 */

/**
 * FACTS §1: 0 awaiting e-mail (newer flow), 1 pending verify (older flow), 2 verified, 3 rejected; REST adds 4 archived.
 */
export const SUBMISSION_STATUSES = [0, 1, 2, 3, 4] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** REST "Packets": 0 draft, 1 active, 2 archived. */
export const PACKET_STATUSES = [0, 1, 2] as const;
export type PacketStatus = (typeof PACKET_STATUSES)[number];

/** REST "Document fields": the six upload slots (FACTS §1: W-9, COI, Authority, References, ACH, one custom slot). */
export const DOC_TYPES = ['w9', 'coi', 'authority', 'references', 'ach', 'other'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** FACTS §6 events a webhook endpoint can subscribe to; `webhook.test` is only sent by "Send test". */
export const CARRIERPACKET_EVENTS = ['carrier.intent', 'carrier.signed', 'carrier.verified', 'carrier.rejected'] as const;
export type CarrierpacketSubscribableEvent = (typeof CARRIERPACKET_EVENTS)[number];
export type CarrierpacketEvent = CarrierpacketSubscribableEvent | 'webhook.test';

/**
 * Which doc version a packet's carriers go through (FACTS §1): the older "sign → 1 → verify → 2" or the newer
 * "submit → 0 → verify+sign → 2". Not served (the docs have no such field); it decides statuses and events.
 */
export type SigningFlow = 'old' | 'new';

/** REST "Submission fields", in the table's order. Datetimes are `YYYY-MM-DD HH:MM:SS` in the broker's zone. */
export interface CarrierpacketSubmission {
  id: number;
  packet_id: number;
  hashid: string;
  status: SubmissionStatus;
  mc_number: string;
  usdot_number: string;
  legal_name: string;
  dba_name: string | null;
  phone: string;
  physical_address: string;
  physical_city: string;
  physical_state: string;
  physical_zip: string;
  mailing_address: string;
  mailing_city: string;
  mailing_state: string;
  mailing_zip: string;
  dispatcher_name: string;
  dispatcher_email: string;
  dispatcher_phone: string;
  dispatcher_fax: string;
  dispatcher_url: string;
  services_provided: string[];
  services_notes: string;
  new_entrant_status: string;
  operating_status: string;
  agreement_accepted: 0 | 1;
  auth_fullname: string;
  auth_email: string;
  auth_taxid: string;
  contract_datetime: string;
  signed_at: string;
  email_verified_at: string | null;
  agent_email: string | null;
  ip_address: string;
  created: string;
  updated: string;
}

/** REST "Document fields", in the table's order; `days_until_expiry` is derived when served. */
export interface CarrierpacketDocument {
  id: number;
  submission_id: number;
  doc_type: DocType;
  original_filename: string;
  mime_type: string;
  size_bytes: number;
  expires_on: string | null;
  days_until_expiry: number | null;
  created: string;
}

/** REST "Get a packet" (the list leaves out `embed_token` and `settings`, see libs/sandbox/README.md). */
export interface CarrierpacketPacket {
  id: number;
  name: string;
  slug: string;
  status: PacketStatus;
  embed_token: string;
  settings: PacketSettings;
  signed_count: number;
  last_activity: string | null;
  created: string;
  updated: string;
}

/** REST "Get a packet" sample settings: branding and the doc-collection toggles. */
export interface PacketSettings {
  fg: string;
  bg: string;
  filesEnabled: boolean;
  docs: Record<DocType, boolean>;
}

/** A submission as stored: its REST row plus what only the sandbox needs. */
export interface SubmissionRecord {
  row: CarrierpacketSubmission;
  flow: SigningFlow;
  /** FACTS §6: the PAdES-signed PDF exists once a new-flow submission is verified; carried by its webhooks only. */
  signedPdfUrl: string | null;
}

/** A document as stored: its REST row without the derived field, and the expiry as a day number for sorting. */
export interface DocumentRecord {
  row: Omit<CarrierpacketDocument, 'days_until_expiry'>;
  /** `expires_on` as whole days since 1970-01-01 (a calendar date, no zone); null when there is none. */
  expiresDay: number | null;
  /** How many times the slot was renewed; feeds the renewed file's name. */
  renewals: number;
}

export interface PacketRecord {
  row: CarrierpacketPacket;
  flow: SigningFlow;
  /** Share of new submissions (generated and from the clock) that pick this packet. Draft packets get none. */
  weight: number;
}

export interface CarrierpacketDataset {
  packets: PacketRecord[];
  submissions: SubmissionRecord[];
  documents: DocumentRecord[];
}
