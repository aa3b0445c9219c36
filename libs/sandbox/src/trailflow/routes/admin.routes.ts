import type { FastifyInstance } from 'fastify';
import { objectBody, registerDataEnvelopeAdminRoutes } from '../../shared/admin-routes.js';
import { badRequest } from '../api-errors.js';
import { validateFaults } from '../faults.js';
import type { TrailflowState } from '../trailflow-state.js';

/**
 * Test and ops control under /_sandbox (not part of TrailFlow; no auth): move the clock, set faults, read the truth
 * and the delivery log, reset. Documented in libs/sandbox/README.md.
 */
export function registerAdminRoutes(app: FastifyInstance, state: TrailflowState): void {
  const body = objectBody(badRequest);

  app.post('/_sandbox/clock/advance', async (request) => {
    const { ms, changes } = body(request.body);
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1) throw badRequest('ms must be a positive integer');
    if (changes !== undefined && (typeof changes !== 'number' || !Number.isInteger(changes) || changes < 0)) {
      throw badRequest('changes must be a non-negative integer');
    }
    const changedIds = state.advance(ms, changes as number | undefined);
    return { changedIds, now: state.clock.now() };
  });

  app.get('/_sandbox/clock', async () => ({ now: state.clock.now() }));

  app.get('/_sandbox/loads', async () => ({ data: state.truth() }));

  registerDataEnvelopeAdminRoutes(app, state, validateFaults, badRequest);
}
