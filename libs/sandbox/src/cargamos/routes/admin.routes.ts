import type { FastifyInstance } from 'fastify';
import { anyErrorAsBadRequest, objectBody, registerDataEnvelopeAdminRoutes } from '../../shared/admin-routes.js';
import { CargamosApiError, errorItem } from '../api-errors.js';
import type { CargamosState } from '../cargamos-state.js';
import { validateFaults } from '../faults.js';

const badRequest = (details: string) => new CargamosApiError(400, [errorItem('INVALID_PARAMETER', details, 'request.body', 'body')]);

/**
 * Control under /_sandbox (not part of Cargamos; no auth), for the standalone sandbox: clock, faults, the truth,
 * subscriptions (Cargamos' Webhooks API is NOT FOUND), tokens and login counts. Documented in libs/sandbox/README.md.
 */
export function registerAdminRoutes(app: FastifyInstance, state: CargamosState): void {
  const body = objectBody(badRequest);
  const asBadRequest = anyErrorAsBadRequest(badRequest);

  app.post('/_sandbox/advance', async (request) => {
    const { ms, changes } = body(request.body);
    return asBadRequest(() => state.advance(ms as number, (changes as number | undefined) ?? 0));
  });
  app.get('/_sandbox/clock', async () => ({ now: state.clock.now() }));

  app.get('/_sandbox/shipments', async () => ({ data: state.shipments() }));

  app.get('/_sandbox/subscriptions', async () => ({ data: state.subscriptions.list() }));
  app.put('/_sandbox/subscriptions', async (request, reply) => {
    const { url, states, key } = body(request.body);
    if (key !== undefined && (typeof key !== 'string' || !state.tokens.hasKey(key))) throw badRequest('key must be the key of a configured account');
    const sub = asBadRequest(() => state.subscriptions.set((key as string | undefined) ?? state.defaultShipperKey, url, states));
    return reply.code(201).send({ data: sub });
  });
  app.delete<{ Params: { id: string } }>('/_sandbox/subscriptions/:id', async (request) => {
    if (!state.subscriptions.remove(request.params.id)) {
      throw new CargamosApiError(404, [errorItem('NOT_FOUND', `No subscription ${request.params.id}.`, 'request.path', 'id')]);
    }
    return { removed: true };
  });

  app.post('/_sandbox/tokens/expire', async () => ({ expired: state.tokens.expireAll(state.clock.now()) }));
  app.get('/_sandbox/logins', async () => ({ successful: state.tokens.logins(), failed: state.tokens.failedLogins() }));
  app.get('/_sandbox/password-recoveries', async () => ({ data: state.tokens.passwordRecoveries() }));

  registerDataEnvelopeAdminRoutes(app, state, validateFaults, badRequest);
}
