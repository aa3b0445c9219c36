import { FaultInjector, validateFaults } from './faults.js';

describe('faults', () => {
  it.each([
    [{ serverErrorShare: 2 }, 'serverErrorShare must be a number from 0 to 1'],
    [{ slowDelayMs: -1 }, 'slowDelayMs must be a non-negative integer'],
    [{ nope: 1 }, 'nope is not a fault knob'],
  ])('refuses %j', (input, message) => {
    expect(() => validateFaults(input)).toThrow(message);
  });

  it('never fires a knob at 0 and always at 1', () => {
    const f = new FaultInjector(1, { serverErrorShare: 1 });
    for (let i = 0; i < 50; i++) {
      const d = f.drawRequest();
      expect(d.serverError).toBe(true);
      expect(d.rateLimited).toBe(false);
    }
  });

  it('repeats the same fault sequence for the same seed, also after reset', () => {
    const draw = (f: FaultInjector) => Array.from({ length: 40 }, () => f.drawRequest().serverError);
    const a = new FaultInjector(9, { serverErrorShare: 0.5 });
    const first = draw(a);
    expect(first).toContain(true);
    expect(first).toContain(false);
    expect(draw(new FaultInjector(9, { serverErrorShare: 0.5 }))).toEqual(first);
    a.set({ serverErrorShare: 0 });
    a.reset();
    expect(draw(a)).toEqual(first);
  });
});
