/**
 * The merge entry point was the shipment merge before carriers and documents had their own paths; the sync and ingest
 * callers still inject it under this name. Same class, same Nest token.
 */
export { MergeService as ShipmentMergeService } from './merge.service.js';
