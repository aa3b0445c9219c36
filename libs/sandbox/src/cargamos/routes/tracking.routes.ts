import type { FastifyInstance } from 'fastify';
import { CargamosApiError, errorItem, okBody } from '../api-errors.js';
import type { CargamosState } from '../cargamos-state.js';
import { authenticate } from '../request-guard.js';
import { trackingView } from '../shipment-store.js';

/** The shipment-tracking API exists (FACTS §4) but its path and body are NOT FOUND: these are the sandbox's choice. */
export const TRACKING_PATH = '/v1/shipment-tracking';
/** The most trackingIds one list call takes. */
export const MAX_TRACKING_IDS = 50;

/**
 * INT: the shipment-tracking endpoint takes the trackingId only (not the shipmentId). One: `GET /v1/shipment-tracking/{trackingId}`
 * (404 NOT_FOUND when the shipper has no such trackingId). Several: `GET /v1/shipment-tracking?trackingIds=a,b`
 * (1–50, comma-separated) → `data: [...]` in the order asked, unknown ids left out, repeats answered once.
 */
export function registerTrackingRoutes(app: FastifyInstance, state: CargamosState): void {
  app.get<{ Params: { trackingId: string } }>(`${TRACKING_PATH}/:trackingId`, async (request) => {
    const caller = authenticate(state, request);
    const record = state.store.find(caller.shipperKey, request.params.trackingId);
    if (!record) {
      throw new CargamosApiError(404, [
        errorItem('NOT_FOUND', `No shipment with trackingId ${request.params.trackingId}.`, 'request.path', 'trackingId'),
      ]);
    }
    return okBody(trackingView(record), state.clock.now());
  });

  app.get(TRACKING_PATH, async (request) => {
    const caller = authenticate(state, request);
    const raw = (request.query as Record<string, unknown>).trackingIds;
    if (raw === undefined || raw === '') throw new CargamosApiError(400, [errorItem('MISSING_PARAMETER', 'field required', 'request.query', 'trackingIds')]);
    if (typeof raw !== 'string') {
      throw new CargamosApiError(400, [errorItem('INVALID_PARAMETER', 'send trackingIds once, comma-separated', 'request.query', 'trackingIds')]);
    }
    const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
    if (ids.length === 0) throw new CargamosApiError(400, [errorItem('MISSING_PARAMETER', 'field required', 'request.query', 'trackingIds')]);
    if (ids.length > MAX_TRACKING_IDS) {
      throw new CargamosApiError(400, [
        errorItem('INVALID_PARAMETER', `ensure this value has at most ${MAX_TRACKING_IDS} items`, 'request.query', 'trackingIds'),
      ]);
    }
    const found = ids.map((id) => state.store.find(caller.shipperKey, id)).filter((r) => r !== undefined);
    return okBody(found.map(trackingView), state.clock.now());
  });
}
