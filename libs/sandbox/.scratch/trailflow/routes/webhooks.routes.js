import { notFound } from '../api-errors.js';
import { idempotentWrite } from '../idempotent-write.js';
import { apiGuard } from '../request-guard.js';
import { subscriptionListView } from '../webhook-subscriptions.js';
import { parseSubscriptionWrite } from '../write-bodies.js';
/** Subscription management (FACTS §6; EX "Create/List/Delete Webhook"; README assumption 15). */
export function registerWebhookRoutes(app, state) {
    const scope = 'webhooks:manage';
    app.post('/v1/webhooks', { onRequest: apiGuard(state, { scope, write: true }) }, async (request, reply) => {
        const input = parseSubscriptionWrite(request.body);
        return idempotentWrite(state, request, reply, () => {
            const sub = state.subscriptions.create(input.url, input.eventTypes, state.clock.now());
            return {
                statusCode: 201,
                body: { data: { id: sub.id, url: sub.url, eventTypes: [...sub.eventTypes], signingSecret: sub.signingSecret } },
            };
        });
    });
    app.get('/v1/webhooks', { onRequest: apiGuard(state, { scope }) }, async () => ({
        data: state.subscriptions.active().map(subscriptionListView),
    }));
    app.delete('/v1/webhooks/:id', { onRequest: apiGuard(state, { scope }) }, async (request) => {
        if (!state.subscriptions.delete(request.params.id))
            throw notFound(`Webhook subscription ${request.params.id} not found`);
        return { deleted: true };
    });
}
