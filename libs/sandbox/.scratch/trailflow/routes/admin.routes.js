import { badRequest } from '../api-errors.js';
import { validateFaults } from '../faults.js';
/**
 * Test and ops control under /_sandbox (not part of TrailFlow; no auth): move the clock, set faults, read the truth
 * and the delivery log, reset. Documented in libs/sandbox/README.md.
 */
export function registerAdminRoutes(app, state) {
    app.post('/_sandbox/clock/advance', async (request) => {
        const body = (request.body ?? {});
        if (typeof body !== 'object' || Array.isArray(body))
            throw badRequest('body must be a JSON object');
        const { ms, changes } = body;
        if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1)
            throw badRequest('ms must be a positive integer');
        if (changes !== undefined && (typeof changes !== 'number' || !Number.isInteger(changes) || changes < 0)) {
            throw badRequest('changes must be a non-negative integer');
        }
        const changedIds = state.advance(ms, changes);
        return { changedIds, now: state.clock.now() };
    });
    app.get('/_sandbox/clock', async () => ({ now: state.clock.now() }));
    app.get('/_sandbox/faults', async () => ({ data: state.faults.get() }));
    app.put('/_sandbox/faults', async (request) => {
        try {
            return { data: state.faults.set(validateFaults(request.body)) };
        }
        catch (err) {
            throw badRequest(err.message);
        }
    });
    app.get('/_sandbox/loads', async () => ({ data: state.truth() }));
    app.get('/_sandbox/deliveries', async () => ({ data: state.dispatcher.entries() }));
    app.post('/_sandbox/reset', async () => {
        state.reset();
        return { reset: true };
    });
}
