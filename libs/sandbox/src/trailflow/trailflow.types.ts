/**
 * TrailFlow payload shapes as the sandbox serves them: field names and order follow
 * provider-docs/trailflow-partner-api-examples.txt (EX) and libs/providers/trailflow/README.md (the contract page).
 */

// README assumption 4: the statuses the sandbox knows; ASSIGNED, LOADED and IN_TRANSIT are trackable (FACTS §4).
export const LOAD_STATUSES = ['DRAFT', 'ASSIGNED', 'LOADED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED'] as const;
export type LoadStatus = (typeof LOAD_STATUSES)[number];
export const TRACKABLE_STATUSES: readonly LoadStatus[] = ['ASSIGNED', 'LOADED', 'IN_TRANSIT'];

// FACTS §6.
export const EVENT_TYPES = ['load.created', 'load.updated', 'load.status_changed'] as const;
export type TrailflowEventType = (typeof EVENT_TYPES)[number];

// FACTS §2 (scopes table).
export const SANDBOX_ALL_SCOPES: string[] = [
  'loads:read',
  'loads:write',
  'customers:read',
  'carriers:read',
  'tracking:read',
  'webhooks:manage',
];

// EX "List Loads Response": include=customer,carrier,vehicle,stops,tracking.
export const LOAD_EMBEDS = ['customer', 'carrier', 'vehicle', 'stops', 'tracking'] as const;
export type LoadEmbed = (typeof LOAD_EMBEDS)[number];

export interface TrailflowCustomer {
  id: string;
  customerCode: string;
  customerName: string;
  status: string;
  email: string;
  phone: string;
  updatedAt: number;
}

export interface TrailflowCarrier {
  id: string;
  carrierName: string;
  company: string;
  email: string;
  phone: string;
  active: boolean;
  updatedAt: number;
}

/** README assumption 14. */
export interface TrailflowVehicle {
  id: string;
  unitNumber: string;
  type: string;
  status: string;
}

/** EX "Get Load Response" stops; README assumptions 5 and 6. */
export interface TrailflowStop {
  id: string;
  sequence: number;
  kind: 'pickup' | 'delivery';
  address: string;
  latitude: number;
  longitude: number;
  /** Epoch ms of midnight UTC of the local calendar date. */
  scheduledDate: number;
  scheduledTime: string | null;
  scheduledEndTime: string | null;
  timezone: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  status: string;
  notes: string | null;
}

/** README assumption 13. */
export interface TrailflowLocation {
  latitude: number;
  longitude: number;
  recordedAt: number;
  source: string;
}

export interface TrailflowTracking {
  loadId: string;
  externalId: string | null;
  status: string;
  eligibleForTracking: boolean;
  eligibilityReason: string | null;
  routeCount: number;
  lastKnownLocation: TrailflowLocation | null;
}

/** The load's own fields: the webhook body (FACTS §6) and the answer of the write routes (EX). */
export interface TrailflowBareLoad {
  id: string;
  externalId: string | null;
  orderNumber: string;
  status: string;
  eligibleForTracking: boolean;
  rate: number | null;
  notes: string | null;
  customerId: string | null;
  carrierId: string | null;
  vehicleId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A load with every embed, as `GET /v1/loads/{id}` answers it; also the sandbox's "truth" for verifying syncs. */
export interface TrailflowLoadTruth extends TrailflowBareLoad {
  customer: Omit<TrailflowCustomer, 'updatedAt'> | null;
  carrier: Omit<TrailflowCarrier, 'updatedAt'> | null;
  vehicle: TrailflowVehicle | null;
  stops: TrailflowStop[];
  tracking: TrailflowTracking;
}

/** What the sandbox stores for a load; views are derived from it. */
export interface LoadRecord {
  id: string;
  externalId: string | null;
  orderNumber: string;
  status: string;
  rate: number | null;
  notes: string | null;
  customerId: string | null;
  carrierId: string | null;
  vehicleId: string | null;
  stops: TrailflowStop[];
  lastKnownLocation: TrailflowLocation | null;
  createdAt: number;
  updatedAt: number;
}

export interface TrailflowDataset {
  customers: TrailflowCustomer[];
  carriers: TrailflowCarrier[];
  vehicles: TrailflowVehicle[];
  loads: LoadRecord[];
}
