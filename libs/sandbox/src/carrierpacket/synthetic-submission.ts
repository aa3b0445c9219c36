import type { CarrierpacketSubmission } from './carrierpacket.types.js';

/**
 * What "Send test" carries (FACTS §6 `webhook.test`): the docs' sample carrier (REST "Get a submission" and the FACTS §6
 * envelope), completed with the remaining REST fields. It is not a submission of the tenant; receivers must drop it
 * because of `_synthetic`, not because the id is unknown (1138 can be a real id in a large sandbox).
 */
export const SYNTHETIC_SUBMISSION: Readonly<CarrierpacketSubmission> = Object.freeze({
  id: 1138,
  packet_id: 7,
  hashid: '8b3e4f0c5d2a7e91b6f3c8d4a0e5b7c2d9f1a3e6c8b0d2f4a6c8e0b2d4f6a8c0',
  status: 2,
  mc_number: '896325',
  usdot_number: '2569360',
  legal_name: 'EVERGREEN SHIPPERS LLC',
  dba_name: null,
  phone: '+1 (509) 991-8269',
  physical_address: '13323 N MAYFAIR LN',
  physical_city: 'SPOKANE',
  physical_state: 'WA',
  physical_zip: '99208',
  mailing_address: '13323 N MAYFAIR LN',
  mailing_city: 'SPOKANE',
  mailing_state: 'WA',
  mailing_zip: '99208',
  dispatcher_name: 'Joe Carrier',
  dispatcher_email: 'dispatch@carrier.com',
  dispatcher_phone: '+1 (719) 714-0509',
  dispatcher_fax: '',
  dispatcher_url: '',
  services_provided: ['Flatbed', 'Reefer'],
  services_notes: '',
  new_entrant_status: '',
  operating_status: 'AUTHORIZED FOR Property',
  agreement_accepted: 1,
  auth_fullname: 'John W. Smith',
  auth_email: 'john@carrier.com',
  auth_taxid: '88 - 7893200',
  contract_datetime: '2026-04-26 14:31:02',
  signed_at: '2026-04-26 14:33:18',
  email_verified_at: '2026-04-26 14:51:02',
  agent_email: null,
  ip_address: '76.135.204.132',
  created: '2026-04-26 14:33:18',
  updated: '2026-04-26 14:51:02',
});
