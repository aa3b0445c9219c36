import { dispatchIdempotencyKey } from './dispatch-key.js';
import { requestHash, stableJson } from './request-hash.js';

describe('requestHash', () => {
  it('ignores key order and undefined keys, but not values, method or path', () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    const h = requestHash('POST', '/v1/shipments', { a: 1, b: 2 });
    expect(requestHash('post', '/v1/shipments', { b: 2, a: 1 })).toBe(h);
    expect(requestHash('POST', '/v1/shipments', { a: 1, b: 3 })).not.toBe(h);
    expect(requestHash('PATCH', '/v1/shipments', { a: 1, b: 2 })).not.toBe(h);
    expect(requestHash('POST', '/v1/shipments/x/dispatch', { a: 1, b: 2 })).not.toBe(h);
  });
});

describe('dispatchIdempotencyKey', () => {
  it('is a function of shipment, provider and connection only', () => {
    const k = dispatchIdempotencyKey('s1', 'trailflow', 'trailflow-default');
    expect(k).toMatch(/^wb-dsp-[0-9a-f]{40}$/);
    expect(dispatchIdempotencyKey('s1', 'trailflow', 'trailflow-default')).toBe(k);
    expect(dispatchIdempotencyKey('s2', 'trailflow', 'trailflow-default')).not.toBe(k);
    expect(dispatchIdempotencyKey('s1', 'spotgo', 'trailflow-default')).not.toBe(k);
    expect(dispatchIdempotencyKey('s1', 'trailflow', 'other')).not.toBe(k);
  });
});
