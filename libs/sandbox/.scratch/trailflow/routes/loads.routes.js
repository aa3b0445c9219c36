import { notFound } from '../api-errors.js';
import { pageByUpdate } from '../cursor.js';
import { isTrackable } from '../load-lifecycle.js';
import { fullLoadView, loadView } from '../load-views.js';
import { parseLoadListQuery } from '../query-params.js';
import { apiGuard } from '../request-guard.js';
/** Read routes for loads (FACTS §3, §4; README assumptions 1–3). */
export function registerLoadRoutes(app, state) {
    const guard = apiGuard(state, { scope: 'loads:read' });
    app.get('/v1/loads', { onRequest: guard }, async (request) => {
        const q = parseLoadListQuery(request.query);
        const filter = (load) => (q.statuses === null || q.statuses.has(load.status)) &&
            (q.externalId === null || load.externalId === q.externalId) &&
            (!q.eligibleOnly || isTrackable(load.status));
        const page = pageByUpdate(state.store.sortedLoads(), { cursor: q.cursor, updatedAfter: q.updatedAfter, limit: q.limit, filter });
        return { data: page.items.map((load) => loadView(load, state.store, q.include)), nextCursor: page.nextCursor };
    });
    app.get('/v1/loads/:id', { onRequest: guard }, async (request) => {
        const load = state.store.findLoad(request.params.id);
        if (!load)
            throw notFound(`Load ${request.params.id} not found`);
        return { data: fullLoadView(load, state.store) };
    });
}
