import { compareByUpdate, decodeCursor, encodeCursor, pageByUpdate, type Keyed } from './cursor.js';

function items(spec: [string, number][]): Keyed[] {
  return spec.map(([id, updatedAt]) => ({ id, updatedAt })).sort(compareByUpdate);
}

/** Follows nextCursor to the end and returns every id in the order served. */
function drain(sorted: Keyed[], limit: number, updatedAfter: number | null = null): string[][] {
  const pages: string[][] = [];
  let cursor = null;
  for (;;) {
    const page = pageByUpdate(sorted, { cursor, updatedAfter, limit });
    pages.push(page.items.map((i) => i.id));
    if (page.nextCursor === null) return pages;
    if (pages.length > 100) throw new Error('paging never reaches nextCursor: null');
    cursor = decodeCursor(page.nextCursor);
  }
}

describe('cursor', () => {
  it('decodes the example cursor of the docs (FACTS §4)', () => {
    expect(decodeCursor('eyJ1cGRhdGVkQXQiOjE3MTA4MDgyMDAwMDAsImV4Y2x1ZGVkSWRzIjpbImxvYWRfMTIzIl19')).toEqual({
      updatedAt: 1710808200000,
      excludedIds: ['load_123'],
    });
  });

  it('round-trips', () => {
    const c = { updatedAt: 5, excludedIds: ['a', 'b'] };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it.each(['not base64 json', Buffer.from('{"updatedAt":"x","excludedIds":[]}').toString('base64'), Buffer.from('[1]').toString('base64'),
    Buffer.from('{"updatedAt":1,"excludedIds":[1]}').toString('base64')])('refuses %s', (raw) => {
    expect(() => decodeCursor(raw)).toThrow('Invalid cursor');
  });

  it('serves a block of equal timestamps across three pages without skipping or repeating', () => {
    const block = Array.from({ length: 7 }, (_, i) => [`b${i}`, 100] as [string, number]);
    const sorted = items([['a', 50], ...block, ['z', 200]]);
    const pages = drain(sorted, 3);
    expect(pages).toEqual([['a', 'b0', 'b1'], ['b2', 'b3', 'b4'], ['b5', 'b6', 'z']]);
  });

  it('orders by updatedAt, then id', () => {
    const sorted = items([['c', 2], ['b', 1], ['a', 2]]);
    expect(drain(sorted, 10)).toEqual([['b', 'a', 'c']]);
  });

  it('treats updatedAfter as inclusive', () => {
    const sorted = items([['a', 9], ['b', 10], ['c', 11]]);
    expect(drain(sorted, 10, 10)).toEqual([['b', 'c']]);
  });

  it('answers nextCursor null when the last page is exactly full', () => {
    const sorted = items([['a', 1], ['b', 2]]);
    expect(pageByUpdate(sorted, { cursor: null, updatedAfter: null, limit: 2 }).nextCursor).toBeNull();
    expect(pageByUpdate(sorted, { cursor: null, updatedAfter: null, limit: 1 }).nextCursor).not.toBeNull();
  });

  it('applies the filter before counting the page', () => {
    const sorted = items([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    const page = pageByUpdate(sorted, { cursor: null, updatedAfter: null, limit: 2, filter: (i) => i.id !== 'b' });
    expect(page.items.map((i) => i.id)).toEqual(['a', 'c']);
    expect(page.nextCursor).not.toBeNull();
  });
});
