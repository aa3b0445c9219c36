/**
 * What the CarrierPacket generator draws carriers from. Addresses are upper-case like FMCSA's records
 * (REST sample: "13323 N MAYFAIR LN", "SPOKANE", "WA"). The name parts do not reuse any word of TrailFlow's
 * CARRIER_NAMES, so only the deliberately shared carriers (option `overlapCarriers`) join across the two sandboxes.
 */

export interface CarrierCity {
  city: string;
  state: string;
  zip: string;
  areaCode: string;
}

export const CARRIER_CITIES: readonly CarrierCity[] = [
  { city: 'SPOKANE', state: 'WA', zip: '99208', areaCode: '509' },
  { city: 'BOISE', state: 'ID', zip: '83709', areaCode: '208' },
  { city: 'FRESNO', state: 'CA', zip: '93725', areaCode: '559' },
  { city: 'RENO', state: 'NV', zip: '89502', areaCode: '775' },
  { city: 'EL PASO', state: 'TX', zip: '79927', areaCode: '915' },
  { city: 'LAREDO', state: 'TX', zip: '78045', areaCode: '956' },
  { city: 'OKLAHOMA CITY', state: 'OK', zip: '73129', areaCode: '405' },
  { city: 'OMAHA', state: 'NE', zip: '68117', areaCode: '402' },
  { city: 'DES MOINES', state: 'IA', zip: '50313', areaCode: '515' },
  { city: 'JOLIET', state: 'IL', zip: '60436', areaCode: '815' },
  { city: 'INDIANAPOLIS', state: 'IN', zip: '46241', areaCode: '317' },
  { city: 'LOUISVILLE', state: 'KY', zip: '40213', areaCode: '502' },
  { city: 'NASHVILLE', state: 'TN', zip: '37207', areaCode: '615' },
  { city: 'BIRMINGHAM', state: 'AL', zip: '35217', areaCode: '205' },
  { city: 'JACKSONVILLE', state: 'FL', zip: '32254', areaCode: '904' },
  { city: 'SAVANNAH', state: 'GA', zip: '31408', areaCode: '912' },
  { city: 'HARRISBURG', state: 'PA', zip: '17111', areaCode: '717' },
  { city: 'ALLENTOWN', state: 'PA', zip: '18109', areaCode: '610' },
  { city: 'NEWARK', state: 'NJ', zip: '07114', areaCode: '973' },
  { city: 'TOLEDO', state: 'OH', zip: '43612', areaCode: '419' },
];

export const STREET_NAMES: readonly string[] = [
  'N MAYFAIR LN', 'E TRENT AVE', 'INDUSTRIAL PARK DR', 'W MAIN ST', 'S HARBOR BLVD', 'TRUCKERS WAY', 'COUNTY ROAD 12',
  'RAILROAD AVE', 'COMMERCE CIR', 'E FREEWAY DR', 'N AIRPORT RD', 'OLD HIGHWAY 80',
];

/** Combined first × second: 24 × 8 = 192 names before nameAt starts numbering. */
export const NAME_FIRST: readonly string[] = [
  'Evergreen', 'Iron Horse', 'Lone Pine', 'Big Sky', 'Silver Arrow', 'Red Rock', 'Twin Rivers', 'High Plains',
  'Eagle Crest', 'Golden Valley', 'Timberline', 'Harvest Moon', 'Black Diamond', 'Patriot', 'Sierra Vista', 'Cardinal',
  'Thunder Ridge', 'Maple Leaf', 'Open Road', 'Longhorn', 'Cypress', 'Badger', 'Falcon', 'Keystone Valley',
];
export const NAME_SECOND: readonly string[] = [
  'Shippers', 'Transport', 'Trucking', 'Express', 'Logistics', 'Freight Lines', 'Haulers', 'Cartage',
];

export const PEOPLE_FIRST: readonly string[] = [
  'John', 'Maria', 'Luis', 'Aisha', 'Dmitri', 'Kelly', 'Ravi', 'Tanya', 'Marcus', 'Elena', 'Jamal', 'Grace', 'Tomasz',
  'Nadia', 'Curtis', 'Linh',
];
export const PEOPLE_LAST: readonly string[] = [
  'Smith', 'Garcia', 'Hernandez', 'Okafor', 'Petrov', 'Nguyen', 'Patel', 'Kowalski', 'Johnson', 'Brooks', 'Ramirez',
  'Chen', 'Walker', 'Haddad', 'Olsen', 'Reyes',
];
export const MIDDLE_INITIALS: readonly string[] = ['A.', 'J.', 'M.', 'R.', 'W.', 'T.'];

/** Common US equipment labels as CarrierPacket's form offers them (REST sample: ["Flatbed", "Reefer"]). */
export const SERVICES: readonly string[] = [
  'Dry Van', 'Reefer', 'Flatbed', 'Step Deck', 'Power Only', 'Hotshot', 'Box Truck', 'Tanker', 'Hazmat', 'LTL',
];

export const SERVICES_NOTES: readonly string[] = [
  '12 trucks, mostly 53ft dry vans.',
  'Team drivers available for expedited loads.',
  'Reefers run 34F-38F; no frozen.',
  'Local and regional only, 250 mile radius.',
  'TWIC card holders available.',
];

/** REST: "FMCSA snapshot at sign time (e.g. "AUTHORIZED FOR Property")". */
export const OPERATING_STATUSES: readonly string[] = [
  'AUTHORIZED FOR Property', 'AUTHORIZED FOR Property', 'AUTHORIZED FOR Property', 'AUTHORIZED FOR HHG, Property',
  'AUTHORIZED FOR Property, Broker', 'NOT AUTHORIZED',
];
export const NEW_ENTRANT_STATUSES: readonly string[] = ['', '', '', 'NEW ENTRANT - ACTIVE', 'NOT A NEW ENTRANT'];

export const LEGAL_SUFFIXES: readonly string[] = ['LLC', 'LLC', 'INC', 'CORP'];

/** The broker's own staff, for `agent_email` (links carrying `?agent=<email>`). */
export const AGENT_EMAILS: readonly string[] = [
  'sam.ortiz@summitbrokerage.example', 'jen.liu@summitbrokerage.example', 'mike.dunn@summitbrokerage.example',
];

/** Filenames carriers upload, `{slug}` and `{year}` filled in; REST sample: "evergreen-coi-2026.pdf". */
export const FILENAME_PATTERNS: Record<string, readonly string[]> = {
  w9: ['{slug}-w9.pdf', 'W9_{Slug}.pdf', 'w-9 signed.pdf'],
  coi: ['{slug}-coi-{year}.pdf', 'COI {Slug} {year}.pdf', 'certificate_of_insurance.pdf'],
  authority: ['{slug}-mc-authority.pdf', 'Operating Authority.pdf', 'MC_letter_{year}.pdf'],
  references: ['{slug}-references.pdf', 'Trade References.pdf'],
  ach: ['{slug}-ach-form.pdf', 'voided check.pdf', 'ACH_{Slug}.pdf'],
  other: ['{slug}-cargo-endorsement.pdf', 'scan0001.pdf', 'IMG_4471.pdf'],
};
