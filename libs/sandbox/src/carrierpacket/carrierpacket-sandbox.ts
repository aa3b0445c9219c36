import type { FastifyError, FastifyInstance } from 'fastify';
import { buildSandboxApp, HttpSandbox } from '../shared/sandbox-app.js';
import { ApiError, errorBody } from './api-errors.js';
import { CarrierpacketState, type CarrierpacketAdvanceResult, type CarrierpacketSandboxOptions } from './carrierpacket-state.js';
import type { CarrierpacketDocument, CarrierpacketPacket, CarrierpacketSubmission } from './carrierpacket.types.js';
import type { CarrierpacketChangeKind } from './clock-events.js';
import { validateFaults, type CarrierpacketFaults } from './faults.js';
import { registerAdminRoutes } from './routes/admin.routes.js';
import { registerDocumentRoutes } from './routes/documents.routes.js';
import { registerPacketRoutes } from './routes/packets.routes.js';
import { registerSubmissionRoutes } from './routes/submissions.routes.js';
import type { CarrierpacketDelivery } from './webhook-dispatcher.js';

export interface CarrierpacketSandbox {
  /** Starts the HTTP server (port 0 = any free port; host default 127.0.0.1) and returns its base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the server and abandons webhook sends in flight. */
  close(): Promise<void>;
  /** The base URL; the API answers under it and under `<url>/api/v1`. Throws before `listen`. */
  readonly url: string;
  /**
   * Moves the clock `ms` (a positive integer) and applies `changes` (default 10) seeded changes at the new instant,
   * optionally only of the given `kinds`. The data changes at once; the promise resolves when the webhooks are sent.
   */
  advance(ms: number, opts?: { changes?: number; kinds?: CarrierpacketChangeKind[] }): Promise<CarrierpacketAdvanceResult>;
  /** Every live submission in REST shape, id ascending: the truth a complete scan must reproduce. */
  submissions(): CarrierpacketSubmission[];
  /** Every live document in REST shape, id ascending, `days_until_expiry` for today on the sandbox clock. */
  documents(): CarrierpacketDocument[];
  packets(): CarrierpacketPacket[];
  /** Registers an endpoint (CarrierPacket's UI). At most 5: the 6th throws. `events` may be `['*']`. */
  addWebhook(url: string, events: string[]): { id: string; secret: string };
  removeWebhook(id: string): boolean;
  /** "Send test": `webhook.test` to that endpoint only, `_synthetic: true`. Throws for an unknown id. */
  sendTest(webhookId: string): Promise<CarrierpacketDelivery>;
  /** Every webhook send so far, oldest first. */
  deliveries(): CarrierpacketDelivery[];
  /** Resolves when no webhook send is queued or in flight. */
  idle(): Promise<void>;
  /** The submission and its documents leave the tenant (404 from then on); false when there is no such submission. */
  remove(submissionId: number): boolean;
  setFaults(f: Partial<CarrierpacketFaults>): CarrierpacketFaults;
  /** Back to the state right after creation (data, clock, faults, webhook endpoints, delivery log). */
  reset(): void;
  /** The sandbox clock, epoch ms. */
  now(): number;
}

/** The REST routes, mounted at the root and under /api/v1 (the real base URL is https://carrierpacket.link/api/v1). */
const API_PREFIXES = ['', '/api/v1'];

function buildApp(state: CarrierpacketState): FastifyInstance {
  // Only the /_sandbox POSTs have bodies; an empty one is allowed (shared JSON parser).
  return buildSandboxApp({
    invalidJson: () => new ApiError(400, 'bad_request', 'Request body is not valid JSON.'),
    onError: (err: FastifyError | ApiError, _request, reply) => {
      if (err instanceof ApiError) return reply.code(err.statusCode).send(errorBody(err.code, err.message));
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return reply.code(400).send(errorBody('bad_request', err.message));
      return reply.code(500).send(errorBody('server_error', 'Unexpected error. Email support with the request details.'));
    },
    // REST 404: "Resource doesn't exist or isn't yours"; an unknown route answers the same way.
    onNotFound: (_request, reply) => {
      reply.code(404).send(errorBody('not_found', 'Not found.'));
    },
    register: (app) => {
      for (const prefix of API_PREFIXES) {
        registerSubmissionRoutes(app, state, prefix);
        registerDocumentRoutes(app, state, prefix);
        registerPacketRoutes(app, state, prefix);
      }
      registerAdminRoutes(app, state);
    },
  });
}

class FastifyCarrierpacketSandbox extends HttpSandbox<CarrierpacketState, CarrierpacketDelivery> implements CarrierpacketSandbox {
  constructor(opts: CarrierpacketSandboxOptions) {
    const state = new CarrierpacketState(opts);
    super(state, buildApp(state), 'CarrierPacket');
  }

  advance(ms: number, opts: { changes?: number; kinds?: CarrierpacketChangeKind[] } = {}): Promise<CarrierpacketAdvanceResult> {
    return this.state.advance(ms, opts.changes, opts.kinds);
  }

  submissions(): CarrierpacketSubmission[] {
    return this.state.submissions();
  }

  documents(): CarrierpacketDocument[] {
    return this.state.documents();
  }

  packets(): CarrierpacketPacket[] {
    return this.state.packets();
  }

  addWebhook(url: string, events: string[]): { id: string; secret: string } {
    const endpoint = this.state.endpoints.add(url, events);
    return { id: endpoint.id, secret: endpoint.secret };
  }

  removeWebhook(id: string): boolean {
    return this.state.endpoints.remove(id);
  }

  sendTest(webhookId: string): Promise<CarrierpacketDelivery> {
    return this.state.sendTest(webhookId);
  }

  remove(submissionId: number): boolean {
    return this.state.store.remove(submissionId);
  }

  setFaults(f: Partial<CarrierpacketFaults>): CarrierpacketFaults {
    return this.state.faults.set(validateFaults(f));
  }

  now(): number {
    return this.state.clock.now();
  }
}

export function createCarrierpacketSandbox(opts: CarrierpacketSandboxOptions = {}): CarrierpacketSandbox {
  return new FastifyCarrierpacketSandbox(opts);
}
