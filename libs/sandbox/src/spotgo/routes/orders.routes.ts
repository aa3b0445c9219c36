import type { FastifyInstance } from 'fastify';
import { notFound } from '../api-errors.js';
import { createOrder, deleteOrder, updateOrder, upsertOrder } from '../order-commands.js';
import { parseOrderQuery, queryPage } from '../order-query.js';
import { parseOrderBody } from '../order-validation.js';
import { orderView } from '../order-views.js';
import { apiGuard } from '../request-guard.js';
import type { SpotgoState } from '../spotgo-state.js';

type OrderParams = { Params: { orderId: string } };

/** Docs (flows): the CarrierPortal order endpoints under /api/v1. */
export function registerOrderRoutes(app: FastifyInstance, state: SpotgoState): void {
  const guard = apiGuard(state);
  const sent = () => void state.flush();

  // Create only: 201 with the order (README: the share link is in `share`); an existing order number is 409.
  app.post('/api/v1/orders', { onRequest: guard }, async (request, reply) => {
    const order = createOrder(state.ctx, parseOrderBody(request.body, 'create'));
    sent();
    return reply.code(201).send(orderView(order));
  });

  app.post('/api/v1/orders/upsert', { onRequest: guard }, async (request) => {
    const r = upsertOrder(state.ctx, parseOrderBody(request.body, 'create'));
    sent();
    return { created: r.created, updated: r.updated, linkChanged: r.linkChanged, order: orderView(r.order) };
  });

  app.post('/api/v1/orders/query', { onRequest: guard }, async (request) => {
    const q = parseOrderQuery(request.body);
    const page = queryPage(state.store.byUpdated(), q);
    return { items: page.rows.map(orderView), continuationToken: page.continuationToken };
  });

  app.get<OrderParams>('/api/v1/orders/:orderId', { onRequest: guard }, async (request) => {
    const order = state.store.find(request.params.orderId);
    if (!order) throw notFound(`Order ${request.params.orderId}`);
    return orderView(order);
  });

  app.put<OrderParams>('/api/v1/orders/:orderId', { onRequest: guard }, async (request) => {
    if (!state.store.find(request.params.orderId)) throw notFound(`Order ${request.params.orderId}`);
    const order = updateOrder(state.ctx, request.params.orderId, parseOrderBody(request.body, 'update'));
    sent();
    return orderView(order);
  });

  app.delete<OrderParams>('/api/v1/orders/:orderId', { onRequest: guard }, async (request, reply) => {
    deleteOrder(state.ctx, request.params.orderId);
    return reply.code(204).send();
  });
}
