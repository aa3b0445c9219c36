import { iso } from './ids.js';
import type { DocumentRecord, OrderRecord, SpotgoDocumentView, SpotgoOrderView } from './spotgo.types.js';

/** OrderDocumentViewModel. */
export function documentView(d: DocumentRecord): SpotgoDocumentView {
  return {
    documentId: d.id,
    name: d.name,
    documentType: d.type,
    comment: d.comment,
    status: d.status,
    rejectionReason: d.rejectionReason,
    contentType: d.contentType,
    size: d.size,
    source: d.source,
    uploadedAt: iso(d.uploadedAt),
    statusChangedAt: iso(d.statusChangedAt),
  };
}

/** OrderViewModel (GET, upsert, query rows): documents in upload order. Copies, so callers cannot touch the store. */
export function orderView(o: OrderRecord): SpotgoOrderView {
  return {
    orderId: o.id,
    status: o.status,
    orderNumber: o.orderNumber,
    createdAt: iso(o.createdAt),
    carrier: { ...o.carrier },
    requiredDocumentTypes: [...o.requiredDocumentTypes],
    internalComments: o.internalComments,
    details: { weight: o.details.weight, licensePlates: [...o.details.licensePlates] },
    locations: o.locations.map((l) => ({ ...l, position: l.position ? { ...l.position } : null })),
    documents: o.documents.map(documentView),
    share: { shareUrl: o.shareUrl },
    updatedAt: iso(o.updatedAt),
  };
}
