/**
 * TrailFlow payload shapes as the sandbox serves them: field names and order follow
 * provider-docs/trailflow-partner-api-examples.txt (EX) and libs/providers/trailflow/README.md (the contract page).
 */
// README assumption 4: the statuses the sandbox knows; ASSIGNED, LOADED and IN_TRANSIT are trackable (FACTS §4).
export const LOAD_STATUSES = ['DRAFT', 'ASSIGNED', 'LOADED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED'];
export const TRACKABLE_STATUSES = ['ASSIGNED', 'LOADED', 'IN_TRANSIT'];
// FACTS §6.
export const EVENT_TYPES = ['load.created', 'load.updated', 'load.status_changed'];
// FACTS §2 (scopes table).
export const SANDBOX_ALL_SCOPES = [
    'loads:read',
    'loads:write',
    'customers:read',
    'carriers:read',
    'tracking:read',
    'webhooks:manage',
];
// EX "List Loads Response": include=customer,carrier,vehicle,stops,tracking.
export const LOAD_EMBEDS = ['customer', 'carrier', 'vehicle', 'stops', 'tracking'];
