import { ApiKeyEntity } from './api-key.entity.js';
import { CarrierSourceEntity } from './carrier-source.entity.js';
import { CarrierEntity } from './carrier.entity.js';
import { ChangeEntity } from './change.entity.js';
import { DocumentEntity } from './document.entity.js';
import { InboxMessageEntity } from './inbox-message.entity.js';
import { RawPayloadEntity } from './raw-payload.entity.js';
import { ShipmentSourceEntity } from './shipment-source.entity.js';
import { ShipmentEntity } from './shipment.entity.js';
import { SyncCheckpointEntity } from './sync-checkpoint.entity.js';

export { ApiKeyEntity, CarrierEntity, CarrierSourceEntity, DocumentEntity, ChangeEntity, InboxMessageEntity, RawPayloadEntity, ShipmentSourceEntity, ShipmentEntity, SyncCheckpointEntity };
export { INBOX_STATUSES, type InboxStatus } from './inbox-message.entity.js';

export const STORE_ENTITIES = [
  ShipmentEntity,
  ShipmentSourceEntity,
  RawPayloadEntity,
  SyncCheckpointEntity,
  InboxMessageEntity,
  ChangeEntity,
  ApiKeyEntity,
  CarrierEntity,
  CarrierSourceEntity,
  DocumentEntity,
];
