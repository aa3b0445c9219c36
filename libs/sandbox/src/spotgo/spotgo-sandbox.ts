import type { FastifyError, FastifyInstance } from 'fastify';
import { buildSandboxApp, HttpSandbox } from '../shared/sandbox-app.js';
import { ApiError, problemBody } from './api-errors.js';
import type { SpotgoRandomChangeKind } from './clock-events.js';
import { validateFaults, type SpotgoFaults } from './faults.js';
import { API_VERSION, JSON_MEDIA_TYPE, PROBLEM_MEDIA_TYPE } from './media-type.js';
import { registerAdminRoutes } from './routes/admin.routes.js';
import { registerDocumentRoutes } from './routes/documents.routes.js';
import { registerOrderRoutes } from './routes/orders.routes.js';
import { registerWebhookRoutes } from './routes/webhooks.routes.js';
import { SpotgoState, type SpotgoAdvanceResult, type SpotgoSandboxOptions } from './spotgo-state.js';
import type { SpotgoOrderView } from './spotgo.types.js';
import type { SpotgoDelivery } from './webhook-dispatcher.js';
import { subscriptionView, type SubscriptionRequest, type WebhookSubscriptionView } from './webhook-subscriptions.js';

export interface SpotgoSandbox {
  /** Starts the HTTP server (port 0 = any free port; host default 127.0.0.1) and returns its base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the server and abandons webhook sends in flight. */
  close(): Promise<void>;
  /** The base URL (the documented paths `/api/v1/…` are appended to it). Throws before `listen`. */
  readonly url: string;
  /**
   * Moves the clock `ms` (a positive integer): changes that fell due happen at their due instants (processing ends,
   * workflow A accepts), then `changes` (default 10) drawn carrier actions of `kinds` at the new instant. The data
   * changes at once; the promise resolves when the webhooks are sent.
   */
  advance(ms: number, opts?: { changes?: number; kinds?: SpotgoRandomChangeKind[] }): Promise<SpotgoAdvanceResult>;
  /** Every order in API shape (creation order): the truth a complete query must reproduce. */
  orders(): SpotgoOrderView[];
  /** Subscribes like `POST /api/v1/webhooks` does (RangeError on bad input). */
  subscribe(request: SubscriptionRequest): WebhookSubscriptionView;
  subscriptions(): WebhookSubscriptionView[];
  setFaults(f: Partial<SpotgoFaults>): SpotgoFaults;
  /** Every webhook send so far, oldest first. */
  deliveries(): SpotgoDelivery[];
  /** Resolves when no webhook send is queued or in flight. */
  idle(): Promise<void>;
  /** Back to the state right after creation: data, clock, faults, rate-limit windows, subscriptions, delivery log. */
  reset(): void;
  /** The sandbox clock, epoch ms. */
  now(): number;
}

let traceCounter = 0;

function buildApp(state: SpotgoState): FastifyInstance {
  return buildSandboxApp({
    // ASP.NET-style W3C trace ids in every ProblemDetails.
    options: { genReqId: () => `00-${(++traceCounter).toString(16).padStart(32, '0')}-${traceCounter.toString(16).padStart(16, '0')}-00` },
    // `application/json` and any `+json` type (with or without `x-api-version`); Fastify's own parsers are dropped.
    jsonContentType: /^application\/(.+\+)?json\b/i,
    invalidJson: () => new ApiError('ValidationFailed', 'The request body is not valid JSON.', [{ field: '$', code: 'InvalidJson', message: 'Malformed JSON.' }]),
    onError: (err: FastifyError | ApiError, request, reply) => {
      let problem: ApiError;
      if (err instanceof ApiError) problem = err;
      else if (err.statusCode === 413) problem = new ApiError('PayloadTooLarge', `The request body exceeds the upload limit of ${state.uploadLimitBytes} bytes.`);
      else if (err.statusCode === 415) problem = new ApiError('UnsupportedMediaType', `Unsupported Content-Type; send ${JSON_MEDIA_TYPE} (or multipart/form-data for uploads).`);
      else if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) problem = new ApiError('ValidationFailed', err.message);
      else problem = new ApiError('InternalError', 'An unexpected error occurred.');
      if (problem.retryAfterSeconds !== null) void reply.header('retry-after', String(problem.retryAfterSeconds));
      return reply.code(problem.statusCode).type(PROBLEM_MEDIA_TYPE).send(problemBody(problem, request.url.split('?')[0], String(request.id)));
    },
    onNotFound: (request, reply) => {
      const problem = new ApiError('NotFound', `No route ${request.method} ${request.url.split('?')[0]}.`);
      return reply.code(404).type(PROBLEM_MEDIA_TYPE).send(problemBody(problem, request.url.split('?')[0], String(request.id)));
    },
    register: (app) => {
      // README "Uploads": the whole multipart body is buffered; a little room over the file limit for the other parts.
      app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: state.uploadLimitBytes + 64 * 1024 }, (_req, body, done) => done(null, body));

      // Docs: responses are `application/json; x-api-version=1.0`. ASP.NET API Versioning also reports the versions served.
      app.addHook('onSend', async (request, reply, payload) => {
        if (!request.url.startsWith('/api/')) return payload;
        reply.header('api-supported-versions', API_VERSION);
        const type = String(reply.getHeader('content-type') ?? '');
        if (type.startsWith('application/json')) reply.header('content-type', JSON_MEDIA_TYPE);
        return payload;
      });

      registerOrderRoutes(app, state);
      registerDocumentRoutes(app, state);
      registerWebhookRoutes(app, state);
      registerAdminRoutes(app, state);
    },
  });
}

class FastifySpotgoSandbox extends HttpSandbox<SpotgoState, SpotgoDelivery> implements SpotgoSandbox {
  constructor(opts: SpotgoSandboxOptions) {
    const state = new SpotgoState(opts);
    super(state, buildApp(state), 'SpotGo');
  }

  advance(ms: number, opts: { changes?: number; kinds?: SpotgoRandomChangeKind[] } = {}): Promise<SpotgoAdvanceResult> {
    return this.state.advance(ms, opts.changes, opts.kinds);
  }

  orders(): SpotgoOrderView[] {
    return this.state.orders();
  }

  subscribe(request: SubscriptionRequest): WebhookSubscriptionView {
    return subscriptionView(this.state.subscriptions.add(request, this.state.clock.now()));
  }

  subscriptions(): WebhookSubscriptionView[] {
    return this.state.subscriptions.list().map(subscriptionView);
  }

  setFaults(f: Partial<SpotgoFaults>): SpotgoFaults {
    return this.state.faults.set(validateFaults(f));
  }

  now(): number {
    return this.state.clock.now();
  }
}

export function createSpotgoSandbox(opts: SpotgoSandboxOptions = {}): SpotgoSandbox {
  return new FastifySpotgoSandbox(opts);
}

