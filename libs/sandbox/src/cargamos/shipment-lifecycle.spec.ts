import { Prng } from '../prng.js';
import { CARGAMOS_FINAL_STATES, CARGAMOS_STATES, isFinalState, type CargamosState } from './cargamos.types.js';
import { CARGAMOS_TRANSITIONS, MAX_DELIVERY_ATTEMPTS, MAX_MISHAPS, anomaliesFor, isAllowedTransition, planNext } from './shipment-lifecycle.js';

describe('Cargamos state machine (data)', () => {
  it('has the documented states and marks DELIVERED, RETURNED, CANCELLED final', () => {
    for (const documented of ['CREATED', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'MISHAP', 'DELIVERED']) expect(CARGAMOS_STATES).toContain(documented);
    expect([...CARGAMOS_FINAL_STATES].sort()).toEqual(['CANCELLED', 'DELIVERED', 'RETURNED']);
  });

  it.each(CARGAMOS_STATES.map((s) => [s]))('%s: final states have no edge, the others only edges to known states', (state) => {
    const edges = CARGAMOS_TRANSITIONS[state as CargamosState];
    if (isFinalState(state as CargamosState)) expect(edges).toEqual([]);
    else expect(edges.length).toBeGreaterThan(0);
    for (const to of edges) expect(CARGAMOS_STATES).toContain(to);
  });

  it('every state is reachable from CREATED and every state can reach a final one', () => {
    const reach = (from: CargamosState, seen = new Set<CargamosState>()): Set<CargamosState> => {
      seen.add(from);
      for (const to of CARGAMOS_TRANSITIONS[from]) if (!seen.has(to)) reach(to, seen);
      return seen;
    };
    expect([...reach('CREATED')].sort()).toEqual([...CARGAMOS_STATES].sort());
    for (const s of CARGAMOS_STATES) expect([...reach(s)].some(isFinalState)).toBe(true);
  });

  it('plans only allowed edges, later than now; nothing after a final state', () => {
    const rng = new Prng(5);
    for (let i = 0; i < 2000; i++) {
      const state = rng.pick(CARGAMOS_STATES);
      const counters = { attempts: rng.int(0, MAX_DELIVERY_ATTEMPTS), mishaps: rng.int(0, MAX_MISHAPS) };
      const next = planNext(state, counters, 1000, rng);
      if (isFinalState(state)) {
        expect(next).toBeNull();
        continue;
      }
      expect(isAllowedTransition(state, next!.state)).toBe(true);
      expect(next!.at).toBeGreaterThan(1000);
    }
  });

  it('sends a shipment back after the last attempt or the last mishap', () => {
    const rng = new Prng(1);
    for (let i = 0; i < 50; i++) {
      expect(planNext('DELIVERY_ATTEMPTED', { attempts: MAX_DELIVERY_ATTEMPTS, mishaps: 0 }, 0, rng)!.state).toBe('RETURNED');
      expect(planNext('MISHAP', { attempts: 0, mishaps: MAX_MISHAPS }, 0, rng)!.state).toBe('RETURNED');
      expect(planNext('DELIVERY_ATTEMPTED', { attempts: 1, mishaps: 0 }, 0, rng)!.state).toBe('OUT_FOR_DELIVERY');
    }
  });

  it('gives DELIVERY_ATTEMPTED, MISHAP and RETURNED an anomaly, the rest {}', () => {
    const rng = new Prng(2);
    for (const s of ['DELIVERY_ATTEMPTED', 'MISHAP', 'RETURNED'] as const) {
      expect(anomaliesFor(s, rng)).toEqual({ anomaly: expect.stringMatching(/^[A-Z_]+$/), description: expect.any(String) });
    }
    for (const s of ['CREATED', 'RECEIVED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED'] as const) expect(anomaliesFor(s, rng)).toEqual({});
  });
});
