import type { FastifyError, FastifyInstance } from 'fastify';
import { buildSandboxApp, HttpSandbox } from '../shared/sandbox-app.js';
import { ApiError, errorBody } from './api-errors.js';
import { validateFaults, type TrailflowFaults } from './faults.js';
import { requestContexts } from './request-guard.js';
import { registerAdminRoutes } from './routes/admin.routes.js';
import { registerLoadWriteRoutes } from './routes/load-writes.routes.js';
import { registerLoadRoutes } from './routes/loads.routes.js';
import { registerLookupRoutes } from './routes/lookups.routes.js';
import { registerWebhookRoutes } from './routes/webhooks.routes.js';
import { TrailflowState, type TrailflowSandboxOptions } from './trailflow-state.js';
import type { TrailflowLoadTruth } from './trailflow.types.js';
import type { DeliveryLogEntry } from './webhook-dispatcher.js';
import { parseEventTypes, parseWebhookUrl } from './write-bodies.js';

export interface TrailflowSandbox {
  /** Starts the HTTP server (port 0 = any free port; host default 127.0.0.1) and returns its base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the server and cancels pending webhook deliveries. */
  close(): Promise<void>;
  /** The base URL; throws before `listen`. */
  readonly url: string;
  /** Moves the virtual clock `ms` forward and `changes` (default 10) loads one status on; returns their ids. */
  advance(ms: number, opts?: { changes?: number }): string[];
  setFaults(f: Partial<TrailflowFaults>): void;
  /** Every load with every embed: the truth a complete sync must reproduce. */
  loads(): TrailflowLoadTruth[];
  subscribe(url: string, eventTypes: string[]): { id: string; signingSecret: string };
  /** Every webhook send so far (attempts, retries, duplicates), oldest first. */
  deliveries(): DeliveryLogEntry[];
  /** Resolves when no webhook delivery is pending (queued, in flight, held back or waiting to retry). */
  idle(): Promise<void>;
  /** Back to the state right after creation (data, clock, faults, subscriptions, idempotency keys, delivery log). */
  reset(): void;
}

const JSON_ERROR_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

function buildApp(state: TrailflowState): FastifyInstance {
  let requestCount = 0;
  return buildSandboxApp({
    options: {
      // Requests are numbered like the docs' `req_123`.
      genReqId: () => `req_${++requestCount}`,
      requestIdHeader: false,
      // Cursors carry the ids already returned at one millisecond (README assumption 1): a block of 8,000 loads
      // changed at once makes a 130 KB cursor, far above Node's 16 KB default for the request line and headers.
      http: { maxHeaderSize: 1024 * 1024 },
    },
    invalidJson: () => new ApiError(400, 'bad_request', 'Request body is not valid JSON'),
    onError: (err: FastifyError | ApiError, _request, reply) => {
      if (err instanceof ApiError) return reply.code(err.statusCode).send(errorBody(err.code, err.message));
      if (JSON_ERROR_CODES.has(err.code)) return reply.code(400).send(errorBody('bad_request', 'Request body is not valid JSON'));
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return reply.code(400).send(errorBody('bad_request', err.message));
      return reply.code(500).send(errorBody('internal_error', 'Internal server error'));
    },
    onNotFound: (request, reply) => {
      reply.code(404).send(errorBody('not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`));
    },
    register: (app) => {
      app.addHook('onRequest', async (request, reply) => {
        reply.header('x-request-id', request.id);
      });

      // FACTS §2: every response body carries its requestId.
      app.addHook('preSerialization', async (request, _reply, payload) => {
        if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) return { ...payload, requestId: request.id };
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

      registerLoadRoutes(app, state);
      registerLoadWriteRoutes(app, state);
      registerLookupRoutes(app, state);
      registerWebhookRoutes(app, state);
      registerAdminRoutes(app, state);
    },
  });
}

class FastifyTrailflowSandbox extends HttpSandbox<TrailflowState, DeliveryLogEntry> implements TrailflowSandbox {
  constructor(opts: TrailflowSandboxOptions) {
    const state = new TrailflowState(opts);
    super(state, buildApp(state), 'TrailFlow');
  }

  advance(ms: number, opts: { changes?: number } = {}): string[] {
    return this.state.advance(ms, opts.changes);
  }

  setFaults(f: Partial<TrailflowFaults>): void {
    this.state.faults.set(validateFaults(f));
  }

  loads(): TrailflowLoadTruth[] {
    return this.state.truth();
  }

  subscribe(url: string, eventTypes: string[]): { id: string; signingSecret: string } {
    const sub = this.state.subscriptions.create(parseWebhookUrl(url), parseEventTypes(eventTypes), this.state.clock.now());
    return { id: sub.id, signingSecret: sub.signingSecret };
  }
}

export function createTrailflowSandbox(opts: TrailflowSandboxOptions = {}): TrailflowSandbox {
  return new FastifyTrailflowSandbox(opts);
}
