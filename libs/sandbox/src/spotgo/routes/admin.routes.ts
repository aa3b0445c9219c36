import type { FastifyInstance } from 'fastify';
import { objectBody, registerResetRoute } from '../../shared/admin-routes.js';
import { fieldError, notFound } from '../api-errors.js';
import { iso } from '../ids.js';
import { validateFaults } from '../faults.js';
import type { SpotgoState } from '../spotgo-state.js';
import { subscriptionView } from '../webhook-subscriptions.js';

/**
 * Control under /_sandbox (not part of SpotGo; no key, no rate limit) for the standalone sandbox: move the clock, read
 * the truth and the delivery log, set faults, reset. Documented in libs/sandbox/README.md.
 */
export function registerAdminRoutes(app: FastifyInstance, state: SpotgoState): void {
  const body = objectBody((message) => fieldError('$', message));
  // Unlike the other providers, an error that already carries a status (a ProblemDetails) passes through unchanged.
  const asBadRequest = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof RangeError || (err instanceof Error && !('statusCode' in err))) throw fieldError('$', err.message);
      throw err;
    }
  };

  app.post('/_sandbox/advance', async (request) => {
    const { ms, changes, kinds } = body(request.body);
    if (kinds !== undefined && (!Array.isArray(kinds) || !kinds.every((k) => typeof k === 'string'))) throw fieldError('kinds', 'kinds must be a list of change kinds');
    return asBadRequest(() => state.advance(ms as number, changes as number | undefined, kinds as never));
  });

  app.get('/_sandbox/clock', async () => ({ now: state.clock.now(), iso: iso(state.clock.now()) }));
  app.get('/_sandbox/orders', async () => ({ items: state.orders() }));
  app.get<{ Params: { id: string } }>('/_sandbox/orders/:id', async (request) => {
    const order = state.orders().find((o) => o.orderId === request.params.id.toLowerCase());
    if (!order) throw notFound(`Order ${request.params.id}`);
    return order;
  });
  app.get('/_sandbox/deliveries', async () => ({ items: state.dispatcher.entries() }));
  app.get('/_sandbox/webhooks', async () => ({
    items: state.subscriptions.list().map((s) => ({ ...subscriptionView(s), consecutiveFailures: s.consecutiveFailures })),
  }));
  app.get('/_sandbox/faults', async () => state.faults.get());
  app.put('/_sandbox/faults', async (request) => asBadRequest(() => state.faults.set(validateFaults(request.body ?? {}))));
  registerResetRoute(app, () => state.reset());
}
