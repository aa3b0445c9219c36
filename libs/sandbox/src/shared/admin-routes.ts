import type { FastifyInstance } from 'fastify';

/**
 * Pieces of the /_sandbox control routes (not part of any provider; no auth) that several providers answer the same
 * way. Each provider's `routes/admin.routes.ts` still decides its own routes and passes its own 400 error, so the
 * error bodies stay the provider's.
 */

/** Makes the provider's 400 error for a message. */
export type BadRequest = (message: string) => Error;

/** The request body as an object; none counts as `{}`, anything else but an object is a 400. */
export function objectBody(badRequest: BadRequest): (raw: unknown) => Record<string, unknown> {
  return (raw) => {
    const b = raw ?? {};
    if (typeof b !== 'object' || Array.isArray(b)) throw badRequest('body must be a JSON object');
    return b as Record<string, unknown>;
  };
}

/** Option errors (RangeError and any other thrown error) become 400 with their message. */
export function anyErrorAsBadRequest(badRequest: BadRequest): <T>(fn: () => T) => T {
  return (fn) => {
    try {
      return fn();
    } catch (err) {
      throw badRequest((err as Error).message);
    }
  };
}

/** `POST /_sandbox/reset`: back to the state right after creation. */
export function registerResetRoute(app: FastifyInstance, reset: () => void): void {
  app.post('/_sandbox/reset', async () => {
    reset();
    return { reset: true };
  });
}

/** What {@link registerDataEnvelopeAdminRoutes} needs of a provider's state. */
export interface DataEnvelopeAdminState<V> {
  faults: { get(): unknown; set(faults: V): unknown };
  dispatcher: { entries(): unknown[] };
  reset(): void;
}

/**
 * Faults (GET/PUT), the delivery log and reset, answered in a `{ data }` envelope (TrailFlow, CarrierPacket, Cargamos;
 * SpotGo's control routes use `items` and bare objects instead, so it does not use this). `validateFaults` checks the
 * PUT body; whatever it (or setting the faults) throws becomes the provider's 400 with the error's message.
 */
export function registerDataEnvelopeAdminRoutes<V>(
  app: FastifyInstance,
  state: DataEnvelopeAdminState<V>,
  validateFaults: (raw: unknown) => V,
  badRequest: BadRequest,
): void {
  const asBadRequest = anyErrorAsBadRequest(badRequest);
  app.get('/_sandbox/faults', async () => ({ data: state.faults.get() }));
  app.put('/_sandbox/faults', async (request) => ({ data: asBadRequest(() => state.faults.set(validateFaults(request.body))) }));
  app.get('/_sandbox/deliveries', async () => ({ data: state.dispatcher.entries() }));
  registerResetRoute(app, () => state.reset());
}
