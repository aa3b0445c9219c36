import type { FastifyInstance } from 'fastify';
import { fieldError, notFound } from '../api-errors.js';
import { apiGuard } from '../request-guard.js';
import type { SpotgoState } from '../spotgo-state.js';
import { subscriptionView, type SubscriptionRequest } from '../webhook-subscriptions.js';

type SubParams = { Params: { subscriptionId: string } };

/** Docs (Webhook section) routes; README "Webhooks" for the request, the answers and what each one does. */
export function registerWebhookRoutes(app: FastifyInstance, state: SpotgoState): void {
  const guard = apiGuard(state);
  const find = (id: string) => {
    const sub = state.subscriptions.get(id);
    if (!sub) throw notFound(`Webhook subscription ${id}`);
    return sub;
  };

  // WebhookSubscriptionRequest → WebhookSubscriptionResponse (the credential is never echoed).
  app.post('/api/v1/webhooks', { onRequest: guard }, async (request) => {
    const body = (request.body ?? {}) as SubscriptionRequest;
    if (typeof body !== 'object' || Array.isArray(body)) throw fieldError('$', 'The request body must be a JSON object.');
    try {
      return subscriptionView(state.subscriptions.add(body, state.clock.now()));
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      const field = /^(\S+)/.exec(err.message)?.[1] ?? '$';
      throw fieldError(field, err.message);
    }
  });

  app.get('/api/v1/webhooks', { onRequest: guard }, async () => ({ items: state.subscriptions.list().map(subscriptionView) }));

  app.delete<SubParams>('/api/v1/webhooks/:subscriptionId', { onRequest: guard }, async (request, reply) => {
    if (!state.subscriptions.remove(request.params.subscriptionId)) throw notFound(`Webhook subscription ${request.params.subscriptionId}`);
    return reply.code(204).send();
  });

  // README: re-enables a subscription disabled after failed deliveries.
  app.put<SubParams>('/api/v1/webhooks/:subscriptionId/reset', { onRequest: guard }, async (request) => {
    const sub = find(request.params.subscriptionId);
    sub.active = true;
    sub.consecutiveFailures = 0;
    return subscriptionView(sub);
  });

  // README: sends one `Test` notification to this subscription, with its credential, and reports the answer.
  app.put<SubParams>('/api/v1/webhooks/:subscriptionId/notify', { onRequest: guard }, async (request) => {
    const delivery = await state.sendTest(find(request.params.subscriptionId));
    return { eventId: delivery.eventId, delivered: delivery.ok, statusCode: delivery.statusCode };
  });
}
