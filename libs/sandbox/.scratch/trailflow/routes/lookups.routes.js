import { notFound } from '../api-errors.js';
import { pageByUpdate } from '../cursor.js';
import { trackingView } from '../load-views.js';
import { parseCursor, parseLimit } from '../query-params.js';
import { apiGuard } from '../request-guard.js';
/** Customers, carriers (README assumption 12), tracking (assumption 13) and the health check (FACTS §3). */
export function registerLookupRoutes(app, state) {
    app.get('/v1/customers', { onRequest: apiGuard(state, { scope: 'customers:read' }) }, async (request) => {
        const query = request.query;
        const page = pageByUpdate(state.store.sortedCustomers(), { cursor: parseCursor(query), updatedAfter: null, limit: parseLimit(query) });
        return { data: page.items.map((c) => ({ ...c })), nextCursor: page.nextCursor };
    });
    app.get('/v1/carriers', { onRequest: apiGuard(state, { scope: 'carriers:read' }) }, async (request) => {
        const query = request.query;
        const page = pageByUpdate(state.store.sortedCarriers(), { cursor: parseCursor(query), updatedAfter: null, limit: parseLimit(query) });
        return { data: page.items.map((c) => ({ ...c })), nextCursor: page.nextCursor };
    });
    app.get('/v1/tracking/:loadId', { onRequest: apiGuard(state, { scope: 'tracking:read' }) }, async (request) => {
        const load = state.store.findLoad(request.params.loadId);
        if (!load)
            throw notFound(`Load ${request.params.loadId} not found`);
        return { data: trackingView(load) };
    });
    // The docs do not show this body (FACTS §3); unauthenticated, as a first connectivity check (FACTS §3, T4).
    app.get('/health/api', async () => ({ status: 'ok' }));
}
