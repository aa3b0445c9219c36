import { Injectable } from '@nestjs/common';
import { TMS_CONNECTION, TMS_SOURCE, type ProviderCode, type Shipment } from '@waybill/canonical';
import type { MappedShipment } from '@waybill/provider-kit';
import { MergeService, ShipmentQueryRepository, type MergeItem } from '@waybill/store';
import { CommandError } from './command-error.js';
import { DispatchService, type DispatchView } from './dispatch.service.js';
import { tmsCreatePatch, tmsFieldsPatch, type TmsShipmentFields, type TmsShipmentInput } from './tms-shipment.js';

/** Thrown inside the merge transaction to roll a duplicate create back. */
class ReferenceTaken extends Error {
  constructor(readonly shipmentId: string | null) {
    super('reference taken');
  }
}

/**
 * Shipments owned by the TMS. A created shipment is a source of its own, merged like any other through the one merge
 * entry point: provider `tms`, connection `tms`, externalId = the reference, `via: command` (canonical TMS_SOURCE).
 */
@Injectable()
export class ShipmentCommandService {
  constructor(
    private readonly merge: MergeService,
    private readonly shipments: ShipmentQueryRepository,
    private readonly dispatch: DispatchService,
  ) {}

  /**
   * `POST /v1/shipments`. The reference is unique: when the merge would join an existing shipment (the same TMS
   * reference, or a provider's record with that business reference) the transaction is rolled back and the answer is
   * `409 already_exists` with that shipment's id. Decided inside the merge's transaction, under its reference lock, so
   * two concurrent creates of one reference make one shipment.
   */
  async create(input: TmsShipmentInput, now: Date = new Date()): Promise<Shipment> {
    const at = now.toISOString();
    const item = tmsItem(input.reference, at, tmsCreatePatch(input, at), input);
    let shipmentId: string | null;
    try {
      const [outcome] = await this.merge.merge([item], async (_tx, [o]) => {
        if (o!.result !== 'created') throw new ReferenceTaken(o!.entityId);
      });
      shipmentId = outcome!.entityId;
    } catch (e) {
      if (!(e instanceof ReferenceTaken)) throw e;
      throw new CommandError(409, 'already_exists', `a shipment with reference ${input.reference} already exists`, { id: e.shipmentId, reference: input.reference });
    }
    return (await this.shipments.get(shipmentId!))!;
  }

  /**
   * `PATCH /v1/shipments/{id}`: changes TMS-owned fields through the shipment's TMS source, then updates every
   * dispatched copy at its provider (synchronously: the answer lists where each copy stands).
   */
  async update(id: string, fields: TmsShipmentFields, now: Date = new Date()): Promise<{ shipment: Shipment; dispatches: DispatchView[] }> {
    const shipment = await this.shipments.get(id);
    if (!shipment) throw CommandError.notFound('shipment');
    const source = shipment.sources.find((s) => (s.provider as string) === TMS_SOURCE);
    if (!source) throw CommandError.invalidState('only shipments created through POST /v1/shipments can be changed here; this one belongs to its providers');
    const patch = tmsFieldsPatch(fields);
    if (Object.keys(patch).length === 0) throw CommandError.validation('body', 'name at least one field to change');
    // Never older than what the source holds (a clock step back would make the store refuse it as stale).
    const stored = source.providerUpdatedAt ? Date.parse(source.providerUpdatedAt) : 0;
    const at = new Date(Math.max(now.getTime(), stored + 1)).toISOString();
    await this.merge.merge([tmsItem(source.externalId, at, patch, fields)]);
    const dispatches = await this.dispatch.redispatch(shipment.id);
    return { shipment: (await this.shipments.get(shipment.id))!, dispatches };
  }
}

function tmsItem(reference: string, at: string, patch: MappedShipment['patch'], body: unknown): MergeItem {
  const mapped: MappedShipment = { kind: 'shipment', externalId: reference, providerUpdatedAt: at, patch };
  return {
    // The store's MergeItem names a ProviderCode; the TMS source is the one source that is not a provider (canonical
    // SourceProviderCode), and the merge path treats the code as an opaque string.
    provider: TMS_SOURCE as unknown as ProviderCode,
    connectionId: TMS_CONNECTION,
    via: 'command',
    rawBody: JSON.stringify(body),
    mapped,
  };
}
