import { Injectable } from '@nestjs/common';
import type { CanonicalDocument, DocumentType } from '@waybill/canonical';
import { ConnectionRegistry, ProviderRegistry, type Connection, type FreightProvider, type UploadFile } from '@waybill/provider-kit';
import { DispatchRepository, DocumentQueryRepository, MergeService, ShipmentQueryRepository } from '@waybill/store';
import { CommandError, commandErrorFromProvider } from './command-error.js';
import { commandMergeItems } from './provider-records.js';

/** Where an upload goes: the provider copy of the shipment made by a completed dispatch. */
export interface UploadTarget {
  shipmentId: string;
  provider: FreightProvider;
  conn: Connection;
  /** The provider's id of its copy of the shipment (the dispatch's externalId). */
  ownerExternalId: string;
}

/**
 * `POST /v1/shipments/{id}/documents` (ARCHITECTURE.md: "upload a document to the provider the shipment was dispatched
 * to"). `target` is resolved before a byte of the file is read, so a shipment that was not dispatched to a provider
 * taking uploads is refused without consuming the upload; `upload` streams the file to the provider and merges its
 * answer (`via: command`).
 */
@Injectable()
export class DocumentUploadService {
  constructor(
    private readonly providers: ProviderRegistry,
    private readonly connections: ConnectionRegistry,
    private readonly shipments: ShipmentQueryRepository,
    private readonly dispatches: DispatchRepository,
    private readonly documents: DocumentQueryRepository,
    private readonly merge: MergeService,
  ) {}

  async target(shipmentId: string, providerCode?: string): Promise<UploadTarget> {
    const shipment = await this.shipments.get(shipmentId);
    if (!shipment) throw CommandError.notFound('shipment');
    const completed = (await this.dispatches.listForShipment(shipment.id)).filter(
      (d) => d.status === 'completed' && d.externalId && (!providerCode || d.provider === providerCode),
    );
    const uploadable = completed.filter((d) => typeof this.providers.find(d.provider)?.commands?.upload === 'function');
    if (uploadable.length === 0) {
      const where = completed.length > 0 ? `${completed.map((d) => d.provider).join(', ')}, which does not take uploads` : 'no provider';
      throw CommandError.invalidState(
        `the shipment was dispatched to ${where}: dispatch it to a provider that takes document uploads first`,
        { dispatchedTo: completed.map((d) => d.provider) },
      );
    }
    if (uploadable.length > 1) {
      throw CommandError.validation('provider', `the shipment is dispatched to ${uploadable.map((d) => d.provider).join(', ')}: name one (?provider=)`);
    }
    const row = uploadable[0]!;
    const conn = this.connections.find(row.provider, row.connectionId);
    if (!conn) throw CommandError.invalidState(`connection ${row.connectionId} of ${row.provider} is no longer configured`);
    return { shipmentId: shipment.id, provider: this.providers.find(row.provider)!, conn, ownerExternalId: row.externalId! };
  }

  /**
   * Streams `file` to the target and merges the provider's answer. The answer is the owner's records (the provider
   * reads its copy again), so the new document is told apart as the document record the hub did not hold before
   * (`created`), preferring one named like the upload, the latest of them (providers list documents in upload order).
   */
  async upload(target: UploadTarget, file: UploadFile, type: DocumentType): Promise<CanonicalDocument> {
    const { provider, conn } = target;
    let records;
    try {
      records = await provider.commands!.upload!(conn, target.ownerExternalId, file, type);
    } catch (e) {
      throw commandErrorFromProvider(e, provider.code) ?? e;
    }
    const items = commandMergeItems(provider, conn, records);
    const outcomes = await this.merge.merge(items);
    const docs = outcomes
      .map((o, i) => ({ o, item: items[i]! }))
      .filter(({ o }) => o.kind === 'document' && o.entityId !== null);
    const named = (d: (typeof docs)[number]) => d.item.mapped.kind === 'document' && d.item.mapped.patch.name === file.fileName;
    const created = docs.filter(({ o }) => o.result === 'created');
    const pool = created.length > 0 ? created : docs;
    const pick = pool.filter(named).at(-1) ?? pool.at(-1);
    if (!pick) {
      throw new CommandError(502, 'provider_unavailable', `${provider.code} accepted the upload but did not answer the new document`);
    }
    return (await this.documents.get(pick.o.entityId!))!;
  }
}
