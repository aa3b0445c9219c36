export const CITIES = [
    { city: 'San Francisco', state: 'CA', zip: '94105', latitude: 37.7936, longitude: -122.3958, timezone: 'America/Los_Angeles' },
    { city: 'Sacramento', state: 'CA', zip: '95814', latitude: 38.5816, longitude: -121.4944, timezone: 'America/Los_Angeles' },
    { city: 'Los Angeles', state: 'CA', zip: '90021', latitude: 34.0294, longitude: -118.239, timezone: 'America/Los_Angeles' },
    { city: 'Seattle', state: 'WA', zip: '98108', latitude: 47.548, longitude: -122.321, timezone: 'America/Los_Angeles' },
    { city: 'Portland', state: 'OR', zip: '97217', latitude: 45.5898, longitude: -122.6802, timezone: 'America/Los_Angeles' },
    { city: 'Denver', state: 'CO', zip: '80216', latitude: 39.7837, longitude: -104.9636, timezone: 'America/Denver' },
    { city: 'Salt Lake City', state: 'UT', zip: '84104', latitude: 40.7608, longitude: -111.94, timezone: 'America/Denver' },
    { city: 'Albuquerque', state: 'NM', zip: '87102', latitude: 35.0844, longitude: -106.6504, timezone: 'America/Denver' },
    { city: 'Phoenix', state: 'AZ', zip: '85043', latitude: 33.4484, longitude: -112.074, timezone: 'America/Phoenix' },
    { city: 'Tucson', state: 'AZ', zip: '85714', latitude: 32.2226, longitude: -110.9747, timezone: 'America/Phoenix' },
    { city: 'Flagstaff', state: 'AZ', zip: '86001', latitude: 35.1983, longitude: -111.6513, timezone: 'America/Phoenix' },
    { city: 'Chicago', state: 'IL', zip: '60608', latitude: 41.8506, longitude: -87.6569, timezone: 'America/Chicago' },
    { city: 'Dallas', state: 'TX', zip: '75207', latitude: 32.7876, longitude: -96.8185, timezone: 'America/Chicago' },
    { city: 'Memphis', state: 'TN', zip: '38118', latitude: 35.0456, longitude: -89.9312, timezone: 'America/Chicago' },
    { city: 'Kansas City', state: 'MO', zip: '64120', latitude: 39.1227, longitude: -94.5116, timezone: 'America/Chicago' },
    { city: 'New York', state: 'NY', zip: '10001', latitude: 40.7506, longitude: -73.9971, timezone: 'America/New_York' },
    { city: 'Atlanta', state: 'GA', zip: '30336', latitude: 33.7437, longitude: -84.5633, timezone: 'America/New_York' },
    { city: 'Columbus', state: 'OH', zip: '43219', latitude: 40.0123, longitude: -82.9146, timezone: 'America/New_York' },
    { city: 'Charlotte', state: 'NC', zip: '28208', latitude: 35.2271, longitude: -80.8431, timezone: 'America/New_York' },
];
export const STREETS = [
    'Market St', 'Industrial Pkwy', 'Commerce Dr', 'Logistics Blvd', 'Warehouse Rd', 'Distribution Way', 'Freight Ave', 'Depot St',
];
export const CUSTOMER_NAMES = [
    'Acme Foods', 'Blue Ridge Produce', 'Cascade Paper', 'Desert Sun Beverages', 'Evergreen Lumber', 'Frontier Steel',
    'Golden Grain Mills', 'Harbor Electronics', 'Juniper Home Goods', 'Keystone Chemicals', 'Lakeside Dairy', 'Mesa Plastics',
];
export const CARRIER_NAMES = [
    'Reliable Freight', 'Summit Haulers', 'Prairie Express', 'Coastal Carriers', 'Redline Logistics', 'Bluewater Transport',
    'Granite State Trucking', 'Mesa Freightways', 'Northstar Carriers', 'Canyon Road Lines',
];
export const VEHICLE_TYPES = ['tractor', 'straight_truck', 'reefer', 'flatbed', 'box_truck'];
export const AREA_CODES = ['415', '916', '303', '602', '312', '214', '212', '404', '614', '704'];
export const LOAD_NOTES = [
    'Driver checked in at pickup.',
    'Assigned to primary driver.',
    'Temperature controlled: keep at 34F.',
    'Team drivers required.',
    'Hazmat placards on file.',
    'Appointment confirmed by phone.',
];
export const STOP_NOTES = [
    'Call 30 minutes before arrival.',
    'Dock closes at 17:00.',
    'Check in at the guard shack.',
    'Lumper fee prepaid.',
];
/** Window starts, including night hours that fall into the DST gap (02:30) or repeat (01:30) on change days. */
export const WINDOW_STARTS = [
    '00:30', '01:30', '02:30', '05:00', '06:00', '07:30', '08:00', '09:00', '10:00', '13:00', '14:00', '15:30', '18:00',
    '22:00', '23:30',
];
export function slug(name) {
    return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
