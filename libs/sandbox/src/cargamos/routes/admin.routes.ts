import type { FastifyInstance } from 'fastify';
import { CargamosApiError, errorItem } from '../api-errors.js';
import type { CargamosState } from '../cargamos-state.js';
import { validateFaults } from '../faults.js';

const badRequest = (details: string) => new CargamosApiError(400, [errorItem('INVALID_PARAMETER', details, 'request.body', 'body')]);

/**
 * Control under /_sandbox (not part of Cargamos; no auth), for the standalone sandbox: clock, faults, the truth,
 * subscriptions (Cargamos' Webhooks API is NOT FOUND), tokens and login counts. Documented in libs/sandbox/README.md.
 */
export function registerAdminRoutes(app: FastifyInstance, state: CargamosState): void {
  const body = (raw: unknown): Record<string, unknown> => {
    const b = raw ?? {};
    if (typeof b !== 'object' || Array.isArray(b)) throw badRequest('body must be a JSON object');
    return b as Record<string, unknown>;
  };
  /** Option errors (RangeError) become 400 with their message. */
  const asBadRequest = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw badRequest((err as Error).message);
    }
  };

  app.post('/_sandbox/advance', async (request) => {
    const { ms, changes } = body(request.body);
    return asBadRequest(() => state.advance(ms as number, (changes as number | undefined) ?? 0));
  });
  app.get('/_sandbox/clock', async () => ({ now: state.clock.now() }));

  app.get('/_sandbox/faults', async () => ({ data: state.faults.get() }));
  app.put('/_sandbox/faults', async (request) => ({ data: asBadRequest(() => state.faults.set(validateFaults(request.body))) }));

  app.get('/_sandbox/shipments', async () => ({ data: state.shipments() }));
  app.get('/_sandbox/deliveries', async () => ({ data: state.dispatcher.entries() }));

  app.get('/_sandbox/subscriptions', async () => ({ data: state.subscriptions.list() }));
  app.put('/_sandbox/subscriptions', async (request, reply) => {
    const { url, states, key } = body(request.body);
    if (key !== undefined && (typeof key !== 'string' || !state.tokens.hasKey(key))) throw badRequest('key must be the key of a configured account');
    const sub = asBadRequest(() => state.subscriptions.set((key as string | undefined) ?? state.defaultShipperKey, url, states));
    return reply.code(201).send({ data: sub });
  });
  app.delete<{ Params: { id: string } }>('/_sandbox/subscriptions/:id', async (request) => {
    if (!state.subscriptions.remove(request.params.id)) {
      throw new CargamosApiError(404, [errorItem('NOT_FOUND', `No subscription ${request.params.id}.`, 'request.path', 'id')]);
    }
    return { removed: true };
  });

  app.post('/_sandbox/tokens/expire', async () => ({ expired: state.tokens.expireAll(state.clock.now()) }));
  app.get('/_sandbox/logins', async () => ({ successful: state.tokens.logins(), failed: state.tokens.failedLogins() }));
  app.get('/_sandbox/password-recoveries', async () => ({ data: state.tokens.passwordRecoveries() }));

  app.post('/_sandbox/reset', async () => {
    state.reset();
    return { reset: true };
  });
}
