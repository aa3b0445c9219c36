import { SCENARIOS, generateOrders } from './data-generator.js';
import { deriveOrderStatus } from './order-status.js';
import { DEFAULT_SPOTGO_START } from './spotgo-state.js';

const gen = (orders: number, seed = 1) => generateOrders({ seed, orders, startTime: DEFAULT_SPOTGO_START, workflowFor: () => 'A' });

describe('SpotGo data generator', () => {
  it('is deterministic per seed and makes unique ids, numbers and links', () => {
    expect(gen(50)).toEqual(gen(50));
    const orders = gen(500, 7);
    expect(new Set(orders.map((o) => o.id)).size).toBe(500);
    expect(new Set(orders.map((o) => o.normalizedNumber)).size).toBe(500);
    expect(new Set(orders.map((o) => o.shareUrl)).size).toBe(500);
    expect(new Set(orders.flatMap((o) => o.documents.map((d) => d.id))).size).toBe(orders.reduce((n, o) => n + o.documents.length, 0));
  });

  it('covers every order status even in a small set, and documents in every status', () => {
    const small = gen(SCENARIOS.length);
    expect(new Set(small.map((o) => o.status))).toEqual(new Set(['Created', 'Active', 'InReview', 'Accepted', 'Rejected', 'Completed']));
    expect(new Set(small.flatMap((o) => o.documents.map((d) => d.status)))).toEqual(new Set(['Processing', 'InReview', 'Accepted', 'Rejected']));
  });

  it('keeps every timestamp before the start and every due change after it; statuses agree with the documents', () => {
    for (const o of gen(300, 3)) {
      expect(o.createdAt).toBeLessThan(DEFAULT_SPOTGO_START);
      expect(o.updatedAt).toBeLessThan(DEFAULT_SPOTGO_START);
      expect(o.status).toBe(deriveOrderStatus({ ...o, status: 'Created' }));
      for (const d of o.documents) {
        expect(d.uploadedAt).toBeLessThan(DEFAULT_SPOTGO_START);
        if (d.status === 'Processing') expect(d.processedAt).toBeGreaterThan(DEFAULT_SPOTGO_START);
        if (d.status === 'InReview') expect(d.autoAcceptAt).toBeGreaterThan(DEFAULT_SPOTGO_START);
      }
      const [load, unload] = o.locations;
      expect(load.type).toBe('Loading');
      expect(unload.startDate! > load.startDate!).toBe(true);
    }
  });
});
