import type { Server } from 'node:http';
import Fastify, { type FastifyError, type FastifyHttpOptions, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * The Fastify set-up every provider sandbox shares. The parts that make a sandbox look like its provider (request ids,
 * error bodies, the 404 answer, extra parsers and hooks, the routes) come in as parameters from the provider's
 * `*-sandbox.ts`; this file only holds what would otherwise be copied into each of them.
 */
export interface SandboxAppParts {
  /** Extra Fastify options (request ids, header size); logging is always off and connections force-closed on close. */
  options?: Omit<FastifyHttpOptions<Server>, 'logger' | 'forceCloseConnections'>;
  /** Which content types are JSON. A pattern replaces Fastify's default parsers; default `application/json`. */
  jsonContentType?: string | RegExp;
  /** The provider's error for a body that is not JSON. */
  invalidJson(): Error;
  /** Maps every error (the provider's own and Fastify's) to the provider's error answer. */
  onError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): unknown;
  /** The provider's answer for an unknown route. */
  onNotFound(request: FastifyRequest, reply: FastifyReply): unknown;
  /** Extra parsers, hooks and the routes. */
  register(app: FastifyInstance): void;
}

export function buildSandboxApp(parts: SandboxAppParts): FastifyInstance {
  const app = Fastify({ ...parts.options, logger: false, forceCloseConnections: true });

  // An empty body is allowed (the /_sandbox POSTs have none, and some documented examples send one where no body is
  // expected); anything else must be JSON.
  const jsonType = parts.jsonContentType ?? 'application/json';
  if (jsonType instanceof RegExp) app.removeAllContentTypeParsers();
  app.addContentTypeParser(jsonType, { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(parts.invalidJson() as FastifyError, undefined);
    }
  });

  app.setErrorHandler((err: FastifyError, request, reply) => parts.onError(err, request, reply));
  app.setNotFoundHandler((request, reply) => parts.onNotFound(request, reply));

  parts.register(app);
  return app;
}

/** What {@link HttpSandbox} needs of a provider's state. */
export interface SandboxStateCore<E> {
  /** Stops webhook sends in flight (the server closes after it). */
  close(): void;
  /** Back to the state right after creation. */
  reset(): void;
  dispatcher: { entries(): E[]; idle(): Promise<void> };
}

/**
 * The listen/close/url plumbing and the webhook-log accessors every provider's sandbox object has; the provider's
 * class adds its own methods (advance, truth, subscriptions, faults) on top.
 */
export abstract class HttpSandbox<S extends SandboxStateCore<E>, E> {
  private baseUrl: string | null = null;

  protected constructor(
    protected readonly state: S,
    private readonly app: FastifyInstance,
    /** The provider's display name in error messages, e.g. `TrailFlow`. */
    private readonly name: string,
  ) {}

  /** The base URL; throws before `listen`. */
  get url(): string {
    if (this.baseUrl === null) throw new Error(`${this.name} sandbox is not listening; call listen() first`);
    return this.baseUrl;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await this.app.listen({ port, host });
    const address = this.app.server.address();
    if (address === null || typeof address === 'string') throw new Error(`${this.name} sandbox: unexpected server address`);
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.baseUrl = `http://${shownHost}:${address.port}`;
    return this.baseUrl;
  }

  /** Stops the webhook sends first, then the server. */
  async close(): Promise<void> {
    this.state.close();
    await this.app.close();
    this.baseUrl = null;
  }

  deliveries(): E[] {
    return this.state.dispatcher.entries();
  }

  idle(): Promise<void> {
    return this.state.dispatcher.idle();
  }

  reset(): void {
    this.state.reset();
  }
}
