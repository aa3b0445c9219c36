import type { FastifyInstance } from 'fastify';
import { anyErrorAsBadRequest, objectBody, registerDataEnvelopeAdminRoutes } from '../../shared/admin-routes.js';
import { badRequest, notFound } from '../api-errors.js';
import type { CarrierpacketState } from '../carrierpacket-state.js';
import { validateFaults } from '../faults.js';
import { pathId } from '../query-params.js';

/**
 * Control under /_sandbox (not part of CarrierPacket; no auth), for the standalone sandbox: move the clock, manage
 * webhook endpoints (CarrierPacket's UI), read the truth and the delivery log. Documented in libs/sandbox/README.md.
 */
export function registerAdminRoutes(app: FastifyInstance, state: CarrierpacketState): void {
  const body = objectBody(badRequest);
  const asBadRequest = anyErrorAsBadRequest(badRequest);

  // Answers once the changes' webhooks were sent: deliveries are synchronous (FACTS §6).
  app.post('/_sandbox/advance', async (request) => {
    const { ms, changes, kinds } = body(request.body);
    if (kinds !== undefined && (!Array.isArray(kinds) || !kinds.every((k) => typeof k === 'string'))) throw badRequest('kinds must be a list of change kinds');
    return asBadRequest(() => state.advance(ms as number, changes as number | undefined, kinds as never));
  });

  app.get('/_sandbox/clock', async () => ({ now: state.clock.now(), today: state.time.dateTime(state.clock.now()).slice(0, 10) }));

  app.post('/_sandbox/webhooks', async (request, reply) => {
    const { url, events } = body(request.body);
    const endpoint = asBadRequest(() => state.endpoints.add(url, events));
    return reply.code(201).send({ id: endpoint.id, secret: endpoint.secret });
  });

  app.delete<{ Params: { id: string } }>('/_sandbox/webhooks/:id', async (request) => {
    if (!state.endpoints.remove(request.params.id)) throw notFound(`No webhook endpoint ${request.params.id}`);
    return { removed: true };
  });

  app.post<{ Params: { id: string } }>('/_sandbox/webhooks/:id/test', async (request) => {
    if (!state.endpoints.get(request.params.id)) throw notFound(`No webhook endpoint ${request.params.id}`);
    return { data: await state.sendTest(request.params.id) };
  });

  app.get('/_sandbox/submissions', async () => ({ data: state.submissions() }));
  app.get('/_sandbox/documents', async () => ({ data: state.documents() }));

  app.delete<{ Params: { id: string } }>('/_sandbox/submissions/:id', async (request) => {
    if (!state.store.remove(pathId(request.params.id) ?? -1)) throw notFound(`Submission ${request.params.id} not found.`);
    return { removed: true };
  });

  registerDataEnvelopeAdminRoutes(app, state, validateFaults, badRequest);
}
