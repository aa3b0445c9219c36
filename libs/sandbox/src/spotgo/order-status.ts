import type { OrderRecord, SpotgoOrderStatus } from './spotgo.types.js';

/**
 * README "Status enums": the order's status follows from its share link and its documents, re-evaluated after every
 * change. `Completed` (every required document type has an accepted document) is final.
 */
export function deriveOrderStatus(order: OrderRecord): SpotgoOrderStatus {
  if (order.status === 'Completed') return 'Completed';
  const docs = order.documents;
  const accepted = new Set(docs.filter((d) => d.status === 'Accepted').map((d) => d.type));
  if (order.requiredDocumentTypes.length > 0 && order.requiredDocumentTypes.every((t) => accepted.has(t))) return 'Completed';
  if (docs.some((d) => d.status === 'InReview')) return 'InReview';
  if (docs.some((d) => d.status === 'Processing')) return 'Active';
  if (docs.some((d) => d.status === 'Rejected' && order.requiredDocumentTypes.includes(d.type) && !accepted.has(d.type))) return 'Rejected';
  if (accepted.size > 0) return 'Accepted';
  return order.linkOpened ? 'Active' : 'Created';
}
