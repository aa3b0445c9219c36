import type { FastifyInstance } from 'fastify';
import { okBody } from '../api-errors.js';
import type { CargamosState } from '../cargamos-state.js';
import { authenticate } from '../request-guard.js';

/** The integration path is NOT FOUND in the docs (FACTS §3); `POST /v1/shipments` is the sandbox's choice. */
export const INTEGRATION_PATH = '/v1/shipments';

/**
 * INT "Integration Request Results": one delivery order per call, answered synchronously. Success: 200 with "a copy of
 * the request … with two additional fields: trackingId and shipmentId" inside the success envelope.
 */
export function registerIntegrationRoutes(app: FastifyInstance, state: CargamosState): void {
  app.post(INTEGRATION_PATH, async (request) => {
    const caller = authenticate(state, request);
    const record = state.integrate(caller.shipperKey, request.body);
    return okBody({ ...structuredClone(record.request), trackingId: record.trackingId, shipmentId: record.shipmentId }, state.clock.now());
  });
}
