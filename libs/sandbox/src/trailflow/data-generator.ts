import { nameAt } from '../names.js';
import { Prng, deriveSeed } from '../prng.js';
import { addDays, addHours, usDstEnd, usDstStart } from './dst-dates.js';
import {
  AREA_CODES, CARRIER_NAMES, CITIES, CUSTOMER_NAMES, LOAD_NOTES, STOP_NOTES, STREETS, VEHICLE_TYPES, WINDOW_STARTS, slug,
} from './geo-catalog.js';
import { applyStopStatuses, locationFor } from './load-lifecycle.js';
import type {
  LoadRecord, LoadStatus, TrailflowCarrier, TrailflowCustomer, TrailflowDataset, TrailflowStop, TrailflowVehicle,
} from './trailflow.types.js';

export interface GenerateOptions {
  seed: number;
  loads: number;
  /** Every generated timestamp is strictly before this instant (the virtual clock's start). */
  baseTime: number;
}

const STATUS_WEIGHTS: [LoadStatus, number][] = [
  ['DRAFT', 15], ['ASSIGNED', 20], ['LOADED', 15], ['IN_TRANSIT', 20], ['DELIVERED', 20], ['CANCELLED', 10],
];

const MINUTE = 60_000;

/** Deterministic TrailFlow data: the same options always give the same dataset. */
export function generateDataset(opts: GenerateOptions): TrailflowDataset {
  const rng = new Prng(deriveSeed(opts.seed, 'trailflow-data'));
  const customers = makeCustomers(rng, Math.max(3, Math.ceil(opts.loads / 25)), opts.baseTime);
  const carriers = makeCarriers(rng, Math.max(3, Math.ceil(opts.loads / 20)), opts.baseTime);
  const vehicles = makeVehicles(rng, Math.max(3, Math.ceil(opts.loads / 8)));
  const stopIds = { next: 1 };
  const loads: LoadRecord[] = [];
  for (let i = 1; i <= opts.loads; i++) loads.push(makeLoad(rng, i, customers, carriers, vehicles, stopIds, opts.baseTime));
  assignUpdatedAt(rng, loads, opts.baseTime);
  for (const load of loads) finishLoad(rng, load);
  return { customers, carriers, vehicles, loads };
}

function phone(rng: Prng): string {
  return `+1-${rng.pick(AREA_CODES)}-555-0${String(rng.int(100, 199))}`;
}

/**
 * Timestamps handed out in blocks that share one millisecond, walking back from `baseTime`: large blocks make equal
 * `updatedAt` values straddle page boundaries, which is what the cursor's `excludedIds` exists for (README assumption 1).
 */
function blockTimestamps(rng: Prng, count: number, baseTime: number, bigBlocks: boolean): number[] {
  const out: number[] = [];
  // 30–250 for big datasets; smaller ones get smaller blocks so that they still have several.
  const maxBlock = Math.max(30, Math.min(250, Math.floor(count / 3)));
  let t = baseTime - rng.int(1, 10 * MINUTE);
  while (out.length < count) {
    const size = bigBlocks && rng.chance(0.4) ? rng.int(30, maxBlock) : rng.int(1, 3);
    for (let k = 0; k < size && out.length < count; k++) out.push(t);
    // Gaps of exactly 1 ms sit next to gaps of hours, so an off-by-one in `updatedAfter` shows.
    t -= rng.chance(0.15) ? 1 : rng.chance(0.5) ? rng.int(2, 999) : rng.int(1, 240) * MINUTE;
  }
  return rng.shuffle(out);
}

function makeCustomers(rng: Prng, count: number, baseTime: number): TrailflowCustomer[] {
  const times = blockTimestamps(rng, count, baseTime, false);
  return Array.from({ length: count }, (_, i) => {
    const name = nameAt(CUSTOMER_NAMES, i);
    return {
      id: `customer_${i + 1}`,
      customerCode: `CUST-${i + 1}`,
      customerName: name,
      status: rng.chance(0.1) ? 'inactive' : 'active',
      email: `shipping@${slug(name)}.example`,
      phone: phone(rng),
      updatedAt: times[i],
    };
  });
}

function makeCarriers(rng: Prng, count: number, baseTime: number): TrailflowCarrier[] {
  const times = blockTimestamps(rng, count, baseTime, false);
  return Array.from({ length: count }, (_, i) => {
    const name = nameAt(CARRIER_NAMES, i);
    return {
      id: `carrier_${i + 1}`,
      carrierName: name,
      company: `${name} ${rng.pick(['LLC', 'Inc.', 'Co.'])}`,
      email: `dispatch@${slug(name)}.example`,
      phone: phone(rng),
      active: !rng.chance(0.1),
      updatedAt: times[i],
    };
  });
}

function makeVehicles(rng: Prng, count: number): TrailflowVehicle[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `vehicle_${i + 1}`,
    unitNumber: `TRK-${i + 1}`,
    type: rng.pick(VEHICLE_TYPES),
    status: rng.chance(0.05) ? 'maintenance' : 'active',
  }));
}

function weightedStatus(rng: Prng): LoadStatus {
  let roll = rng.int(1, 100);
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return status;
  }
  return 'DRAFT';
}

function makeLoad(
  rng: Prng, n: number, customers: TrailflowCustomer[], carriers: TrailflowCarrier[], vehicles: TrailflowVehicle[],
  stopIds: { next: number }, baseTime: number,
): LoadRecord {
  const status = weightedStatus(rng);
  const noCarrierShare = status === 'DRAFT' ? 0.6 : status === 'CANCELLED' ? 0.3 : 0;
  const carrierId = rng.chance(noCarrierShare) ? null : rng.pick(carriers).id;
  const vehicleId = carrierId !== null && !rng.chance(0.25) ? rng.pick(vehicles).id : null;
  const customer = rng.pick(customers);
  const orderNumber = `ORD-${10_000 + n}`;
  return {
    id: `load_${n}`,
    externalId: `tt_${1000 + n}`,
    orderNumber,
    status,
    rate: status === 'DRAFT' && rng.chance(0.2) ? null : rng.chance(0.1) ? rng.int(60_000, 650_000) / 100 : rng.int(120, 1300) * 5,
    notes: rng.chance(0.25) ? null : rng.pick(LOAD_NOTES),
    customerId: customer.id,
    carrierId,
    vehicleId,
    stops: makeStops(rng, stopIds, customer, orderNumber, new Date(baseTime).getUTCFullYear()),
    lastKnownLocation: null,
    createdAt: 0,
    updatedAt: 0,
  };
}

/** A local calendar date near one of the year's DST change days (or mid-July, when DST is simply on). */
function anchorDate(rng: Prng, year: number): number {
  const roll = rng.int(1, 10);
  const base = roll <= 4 ? usDstStart(year) : roll <= 8 ? usDstEnd(year) : Date.UTC(year, 6, 15);
  return addDays(base, rng.int(-3, 3));
}

function address(rng: Prng, city: (typeof CITIES)[number]): string {
  const number = rng.int(10, 9999);
  const street = rng.pick(STREETS);
  // README assumption 6: a few addresses do not follow "<line1>, <city>, <ST> <zip>" and must be kept only as formatted.
  if (rng.chance(0.06)) return rng.chance(0.5) ? `Dock ${rng.int(1, 40)}, ${city.city} Intermodal Yard` : `${number} ${street} ${city.city} ${city.state}`;
  return `${number} ${street}, ${city.city}, ${city.state} ${city.zip}`;
}

function makeStops(
  rng: Prng, stopIds: { next: number }, customer: TrailflowCustomer, orderNumber: string, year: number,
): TrailflowStop[] {
  const count = rng.chance(0.7) ? 2 : rng.chance(0.66) ? 3 : 4;
  let date = anchorDate(rng, year);
  const stops: TrailflowStop[] = [];
  for (let sequence = 0; sequence < count; sequence++) {
    if (sequence > 0) date = addDays(date, rng.int(0, 1));
    const kind = sequence === 0 ? 'pickup' : sequence === count - 1 ? 'delivery' : rng.pick(['pickup', 'delivery'] as const);
    const city = rng.pick(CITIES);
    const start = rng.chance(0.1) ? null : rng.pick(WINDOW_STARTS);
    const withContact = !rng.chance(0.1);
    stops.push({
      id: `stop_${stopIds.next++}`,
      sequence,
      kind,
      address: address(rng, city),
      latitude: Math.round((city.latitude + (rng.next() - 0.5) * 0.05) * 10_000) / 10_000,
      longitude: Math.round((city.longitude + (rng.next() - 0.5) * 0.05) * 10_000) / 10_000,
      scheduledDate: date,
      scheduledTime: start,
      scheduledEndTime: start === null ? null : addHours(start, rng.int(1, 4)),
      timezone: city.timezone,
      contactName: withContact ? (kind === 'pickup' ? 'Pickup Dock' : 'Receiving Desk') : null,
      email: withContact ? `${kind === 'pickup' ? 'pickup' : 'receiving'}@${slug(customer.customerName)}.example` : null,
      phone: withContact ? phone(rng) : null,
      status: 'scheduled',
      notes: rng.chance(0.3) ? `Bring reference ${orderNumber}.` : rng.chance(0.5) ? rng.pick(STOP_NOTES) : null,
    });
  }
  return stops;
}

function assignUpdatedAt(rng: Prng, loads: LoadRecord[], baseTime: number): void {
  const times = blockTimestamps(rng, loads.length, baseTime, true);
  loads.forEach((load, i) => {
    load.updatedAt = times[i];
    load.createdAt = rng.chance(0.2) ? times[i] : times[i] - rng.int(1, 20 * 24 * 60) * MINUTE;
  });
}

function finishLoad(rng: Prng, load: LoadRecord): void {
  applyStopStatuses(load);
  const pingShare = { LOADED: 0.85, IN_TRANSIT: 0.85, ASSIGNED: 0.2, DELIVERED: 0.7 }[load.status] ?? 0;
  if (rng.chance(pingShare)) {
    const recordedAt = load.updatedAt - rng.int(0, 30 * MINUTE);
    load.lastKnownLocation = locationFor(load, Math.max(recordedAt, load.createdAt), rng.pick(['motive', 'samsara']), rng.next(), CITIES[0]);
  }
}
