import Fastify from 'fastify';
import { ApiError, errorBody } from './api-errors.js';
import { validateFaults } from './faults.js';
import { requestContexts } from './request-guard.js';
import { registerAdminRoutes } from './routes/admin.routes.js';
import { registerLoadWriteRoutes } from './routes/load-writes.routes.js';
import { registerLoadRoutes } from './routes/loads.routes.js';
import { registerLookupRoutes } from './routes/lookups.routes.js';
import { registerWebhookRoutes } from './routes/webhooks.routes.js';
import { TrailflowState } from './trailflow-state.js';
import { parseEventTypes, parseWebhookUrl } from './write-bodies.js';
const JSON_ERROR_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);
function buildApp(state) {
    let requestCount = 0;
    const app = Fastify({
        logger: false,
        forceCloseConnections: true,
        // Requests are numbered like the docs' `req_123`.
        genReqId: () => `req_${++requestCount}`,
        requestIdHeader: false,
        // Cursors carry the ids already returned at one millisecond (README assumption 1); large blocks need room.
        http: { maxHeaderSize: 256 * 1024 },
    });
    // An empty body is allowed (the admin POSTs have none); anything else must be JSON.
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
        const text = String(body);
        if (text.trim() === '')
            return done(null, undefined);
        try {
            done(null, JSON.parse(text));
        }
        catch {
            done(new ApiError(400, 'bad_request', 'Request body is not valid JSON'), undefined);
        }
    });
    app.addHook('onRequest', async (request, reply) => {
        reply.header('x-request-id', request.id);
    });
    // FACTS §2: every response body carries its requestId.
    app.addHook('preSerialization', async (request, _reply, payload) => {
        if (payload !== null && typeof payload === 'object' && !Array.isArray(payload))
            return { ...payload, requestId: request.id };
        return payload;
    });
    // Fault knob: a 200 whose JSON is cut short, as a proxy dropping the connection mid-body would leave it.
    app.addHook('onSend', async (request, reply, payload) => {
        const ctx = requestContexts.get(request);
        if (ctx?.faults.malformed && reply.statusCode === 200 && typeof payload === 'string') {
            return payload.slice(0, Math.floor(payload.length / 2));
        }
        return payload;
    });
    app.setErrorHandler((err, _request, reply) => {
        if (err instanceof ApiError)
            return reply.code(err.statusCode).send(errorBody(err.code, err.message));
        if (JSON_ERROR_CODES.has(err.code))
            return reply.code(400).send(errorBody('bad_request', 'Request body is not valid JSON'));
        const status = err.statusCode ?? 500;
        if (status >= 400 && status < 500)
            return reply.code(400).send(errorBody('bad_request', err.message));
        return reply.code(500).send(errorBody('internal_error', 'Internal server error'));
    });
    app.setNotFoundHandler((request, reply) => {
        reply.code(404).send(errorBody('not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`));
    });
    registerLoadRoutes(app, state);
    registerLoadWriteRoutes(app, state);
    registerLookupRoutes(app, state);
    registerWebhookRoutes(app, state);
    registerAdminRoutes(app, state);
    return app;
}
class FastifyTrailflowSandbox {
    state;
    app;
    baseUrl = null;
    constructor(opts) {
        this.state = new TrailflowState(opts);
        this.app = buildApp(this.state);
    }
    get url() {
        if (this.baseUrl === null)
            throw new Error('TrailFlow sandbox is not listening; call listen() first');
        return this.baseUrl;
    }
    async listen(port = 0, host = '127.0.0.1') {
        await this.app.listen({ port, host });
        const address = this.app.server.address();
        if (address === null || typeof address === 'string')
            throw new Error('TrailFlow sandbox: unexpected server address');
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        this.baseUrl = `http://${shownHost}:${address.port}`;
        return this.baseUrl;
    }
    async close() {
        this.state.close();
        await this.app.close();
        this.baseUrl = null;
    }
    advance(ms, opts = {}) {
        return this.state.advance(ms, opts.changes);
    }
    setFaults(f) {
        this.state.faults.set(validateFaults(f));
    }
    loads() {
        return this.state.truth();
    }
    subscribe(url, eventTypes) {
        const sub = this.state.subscriptions.create(parseWebhookUrl(url), parseEventTypes(eventTypes), this.state.clock.now());
        return { id: sub.id, signingSecret: sub.signingSecret };
    }
    deliveries() {
        return this.state.dispatcher.entries();
    }
    idle() {
        return this.state.dispatcher.idle();
    }
    reset() {
        this.state.reset();
    }
}
export function createTrailflowSandbox(opts = {}) {
    return new FastifyTrailflowSandbox(opts);
}
