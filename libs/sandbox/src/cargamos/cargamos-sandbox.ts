import type { FastifyError, FastifyInstance } from 'fastify';
import { buildSandboxApp, HttpSandbox } from '../shared/sandbox-app.js';
import { CargamosApiError, errorBody, errorItem } from './api-errors.js';
import { CargamosState, type CargamosAdvanceResult, type CargamosSandboxOptions } from './cargamos-state.js';
import type { CargamosShipmentTruth, CargamosState as CargamosShipmentState } from './cargamos.types.js';
import { validateFaults, type CargamosFaults } from './faults.js';
import { registerAdminRoutes } from './routes/admin.routes.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import { registerIntegrationRoutes } from './routes/integration.routes.js';
import { registerTrackingRoutes } from './routes/tracking.routes.js';
import type { CargamosDelivery } from './webhook-dispatcher.js';

export interface CargamosSandbox {
  /** Starts the HTTP server (port 0 = any free port; host default 127.0.0.1) and returns its base URL (Cargamos' `{host}`). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the server and abandons webhook sends in flight. */
  close(): Promise<void>;
  /** The base URL; throws before `listen`. */
  readonly url: string;
  /**
   * Moves the clock `ms` (a positive integer): every planned state change that falls due happens (at its due time),
   * then `changes` (default 0) extra steps on seeded picks of active shipments. Resolves once the webhooks were sent.
   */
  advance(ms: number, opts?: { changes?: number }): Promise<CargamosAdvanceResult>;
  /** Every shipment with its history, request and shipper, creation order: the truth (Cargamos has no list endpoint). */
  shipments(): CargamosShipmentTruth[];
  /**
   * Sets the shipper's one webhook subscription (FACTS §5: one URL per shipper; replaces an earlier one) for `states`
   * or `['*']`. `key`: the shipper (default: the first account's key).
   */
  subscribe(url: string, states: (CargamosShipmentState | '*')[], opts?: { key?: string }): { id: string };
  unsubscribe(id: string): boolean;
  /** Every token issued so far expires now; returns how many did. */
  expireTokens(): number;
  /** Successful logins (tokens issued) since creation or reset. */
  logins(): number;
  setFaults(f: Partial<CargamosFaults>): CargamosFaults;
  /** Every webhook send so far, oldest first. */
  deliveries(): CargamosDelivery[];
  /** Resolves when no webhook send is queued or in flight. */
  idle(): Promise<void>;
  /** Back to the state right after creation (shipments, tokens, login count, clock, faults, subscriptions, delivery log). */
  reset(): void;
  /** The sandbox clock, epoch ms. */
  now(): number;
}

function buildApp(state: CargamosState): FastifyInstance {
  // FACTS §2: the docs' login example sends `-d '{}'` on a GET; an empty body is allowed everywhere (shared JSON parser).
  return buildSandboxApp({
    invalidJson: () => new CargamosApiError(400, [errorItem('INVALID_PARAMETER', 'The body is not valid JSON.', 'request.body', 'body')]),
    onError: (err: FastifyError | CargamosApiError, _request, reply) => {
      const now = state.clock.now();
      if (err instanceof CargamosApiError) return reply.code(err.statusCode).send(errorBody(err.statusCode, err.errors, state.processId(), now));
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return reply.code(400).send(errorBody(400, [errorItem('INVALID_PARAMETER', err.message, 'request.body', 'body')], state.processId(), now));
      }
      return reply.code(500).send(errorBody(500, [errorItem('INTERNAL_ERROR', 'Unexpected error.', 'request.path', 'path')], state.processId(), now));
    },
    onNotFound: (request, reply) => {
      const path = request.url.split('?')[0];
      reply.code(404).send(errorBody(404, [errorItem('NOT_FOUND', `No route ${request.method} ${path}.`, 'request.path', 'path')], state.processId(), state.clock.now()));
    },
    register: (app) => {
      registerAuthRoutes(app, state);
      registerIntegrationRoutes(app, state);
      registerTrackingRoutes(app, state);
      registerAdminRoutes(app, state);
    },
  });
}

class FastifyCargamosSandbox extends HttpSandbox<CargamosState, CargamosDelivery> implements CargamosSandbox {
  constructor(opts: CargamosSandboxOptions) {
    const state = new CargamosState(opts);
    super(state, buildApp(state), 'Cargamos');
  }

  advance(ms: number, opts: { changes?: number } = {}): Promise<CargamosAdvanceResult> {
    return this.state.advance(ms, opts.changes ?? 0);
  }

  shipments(): CargamosShipmentTruth[] {
    return this.state.shipments();
  }

  subscribe(url: string, states: (CargamosShipmentState | '*')[], opts: { key?: string } = {}): { id: string } {
    const key = opts.key ?? this.state.defaultShipperKey;
    if (!this.state.tokens.hasKey(key)) throw new RangeError('key must be the key of a configured account');
    return { id: this.state.subscriptions.set(key, url, states).id };
  }

  unsubscribe(id: string): boolean {
    return this.state.subscriptions.remove(id);
  }

  expireTokens(): number {
    return this.state.tokens.expireAll(this.state.clock.now());
  }

  logins(): number {
    return this.state.tokens.logins();
  }

  setFaults(f: Partial<CargamosFaults>): CargamosFaults {
    return this.state.faults.set(validateFaults(f));
  }

  now(): number {
    return this.state.clock.now();
  }
}

export function createCargamosSandbox(opts: CargamosSandboxOptions = {}): CargamosSandbox {
  return new FastifyCargamosSandbox(opts);
}
