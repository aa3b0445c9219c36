import { normalizeOrderNumber, normalizeVatCode, orderNumberMatcher } from './order-number.js';

describe('order numbers', () => {
  it('normalises case, whitespace and Unicode compatibility forms, keeps punctuation', () => {
    expect(normalizeOrderNumber(' ord -\t1 ')).toBe('ORD-1');
    expect(normalizeOrderNumber('ＯＲＤ－１')).toBe('ORD-1');
    expect(normalizeOrderNumber('ORD1')).not.toBe(normalizeOrderNumber('ORD-1'));
  });

  it('matches by containment, or by * and ? patterns over the whole number', () => {
    expect(orderNumberMatcher('d-1')('ORD-12')).toBe(true);
    expect(orderNumberMatcher('ord-1?')('ORD-12')).toBe(true);
    expect(orderNumberMatcher('ord-1?')('ORD-123')).toBe(false);
    expect(orderNumberMatcher('*-12')('ORD-12')).toBe(true);
    expect(orderNumberMatcher('o.d*')('ORD-12')).toBe(false);
  });

  it('compares VAT codes without spaces, dots, dashes or case', () => {
    expect(normalizeVatCode('lt 1000-1234.5617')).toBe('LT100012345617');
  });
});
