import { Prng, deriveSeed } from './prng.js';

describe('Prng', () => {
  it('gives the same sequence for the same seed and another one for another seed', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const c = new Prng(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int() inside its bounds and reaches both ends', () => {
    const rng = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws nothing for chance(0), so a disabled knob does not shift later draws', () => {
    const a = new Prng(3);
    const b = new Prng(3);
    expect(a.chance(0)).toBe(false);
    expect(a.next()).toBe(b.next());
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = new Prng(5).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((x, y) => x - y)).toEqual(input);
  });

  it('derives different stream seeds per label', () => {
    expect(deriveSeed(1, 'data')).not.toBe(deriveSeed(1, 'faults'));
    expect(deriveSeed(1, 'data')).toBe(deriveSeed(1, 'data'));
  });
});
