import { idempotentWrite } from '../idempotent-write.js';
import { createLoad, setLoadStatus, upsertLoad } from '../load-commands.js';
import { bareLoad } from '../load-views.js';
import { apiGuard } from '../request-guard.js';
import { parseLoadWrite, parseStatusWrite } from '../write-bodies.js';
/**
 * Load writes (FACTS §2, §3; README assumption 10). Each write moves the virtual clock one millisecond, stamps the
 * load's `updatedAt` with it and publishes the change as a webhook. Answers are the bare load, as in EX.
 */
export function registerLoadWriteRoutes(app, state) {
    const guard = apiGuard(state, { scope: 'loads:write', write: true });
    const now = () => state.clock.tick();
    app.post('/v1/loads', { onRequest: guard }, async (request, reply) => {
        const input = parseLoadWrite(request.body);
        return idempotentWrite(state, request, reply, () => {
            const change = createLoad(state.store, input, now);
            state.publish(change);
            return { statusCode: 201, body: { data: bareLoad(change.load) } };
        });
    });
    app.post('/v1/loads/upsert', { onRequest: guard }, async (request, reply) => {
        const input = parseLoadWrite(request.body);
        return idempotentWrite(state, request, reply, () => {
            const change = upsertLoad(state.store, input, now);
            state.publish(change);
            return { statusCode: change.created ? 201 : 200, body: { data: bareLoad(change.load) } };
        });
    });
    app.post('/v1/loads/:id/status', { onRequest: guard }, async (request, reply) => {
        const status = parseStatusWrite(request.body);
        return idempotentWrite(state, request, reply, () => {
            const change = setLoadStatus(state.store, request.params.id, status, now);
            state.publish(change);
            return { statusCode: 200, body: { data: bareLoad(change.load), previousStatus: change.previousStatus } };
        });
    });
}
