import type { DocumentRecord, OrderRecord } from './spotgo.types.js';

/** The company account's orders, by id and by normalised order number (README "Order numbers"). */
export class OrderStore {
  private readonly byId = new Map<string, OrderRecord>();
  private readonly byNumber = new Map<string, OrderRecord>();

  constructor(orders: OrderRecord[] = []) {
    for (const o of orders) this.insert(o);
  }

  insert(order: OrderRecord): void {
    if (this.byNumber.has(order.normalizedNumber)) throw new Error(`SpotGo store: order number ${order.orderNumber} exists`);
    this.byId.set(order.id, order);
    this.byNumber.set(order.normalizedNumber, order);
  }

  find(id: string): OrderRecord | undefined {
    return this.byId.get(id.toLowerCase());
  }

  findByNumber(normalized: string): OrderRecord | undefined {
    return this.byNumber.get(normalized);
  }

  renumber(order: OrderRecord, orderNumber: string, normalized: string): void {
    this.byNumber.delete(order.normalizedNumber);
    order.orderNumber = orderNumber;
    order.normalizedNumber = normalized;
    this.byNumber.set(normalized, order);
  }

  remove(id: string): OrderRecord | undefined {
    const order = this.find(id);
    if (!order) return undefined;
    this.byId.delete(order.id);
    this.byNumber.delete(order.normalizedNumber);
    return order;
  }

  findDocument(orderId: string, documentId: string): { order: OrderRecord; doc: DocumentRecord } | undefined {
    const order = this.find(orderId);
    const doc = order?.documents.find((d) => d.id === documentId.toLowerCase());
    return order && doc ? { order, doc } : undefined;
  }

  /** README "Query": `updatedAt` ascending, then `orderId`: the keyset the continuation token walks. */
  byUpdated(): OrderRecord[] {
    return [...this.byId.values()].sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Creation order (ties by id): the truth `orders()` returns. */
  all(): OrderRecord[] {
    return [...this.byId.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get size(): number {
    return this.byId.size;
  }
}
