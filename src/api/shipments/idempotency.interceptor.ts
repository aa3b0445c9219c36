import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { IdempotencyService } from '@waybill/commands';
import type { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/api-key.guard.js';
import { ApiError } from '../common/api-error.js';
import { toApiError } from './command-response.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * `Idempotency-Key` on API writes (optional; ARCHITECTURE.md "Commands"). Runs after the guard (the API key is known)
 * and before validation, so a refused body is an answer like any other: stored and replayed. The same key and request
 * answer the stored status and body again with `Idempotent-Replayed: true`; another request under the key is
 * `409 idempotency_conflict`; a request arriving while the first still runs waits for it (IdempotencyService).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const header = req.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0]! : header;
    // Keys are scoped to the API key that sent them: another client's key never collides.
    const apiKeyId = req.apiKey?.id ?? 'anonymous';
    const path = req.url.split('?')[0]!;

    let start;
    try {
      start = await this.idempotency.begin(apiKeyId, key, req.method, path, req.body ?? null);
    } catch (e) {
      throw toApiError(e, reply);
    }
    if (start.kind === 'replay') {
      void reply.header(REPLAYED_HEADER, 'true');
      if (start.status >= 400) throw storedError(start.status, start.body);
      return of(start.body);
    }

    const successStatus = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      mergeMap((body) => from(this.idempotency.complete(apiKeyId, key, successStatus, body).then(() => body))),
      catchError((e: unknown) => {
        const answer = errorAnswer(e);
        const settle = answer ? this.idempotency.complete(apiKeyId, key, answer.status, answer.body) : this.idempotency.release(apiKeyId, key);
        return from(settle.catch(() => undefined)).pipe(mergeMap(() => throwError(() => e)));
      }),
    );
  }
}

/** The error answers worth storing: deterministic refusals (4xx with the API's envelope). 5xx releases the key. */
function errorAnswer(e: unknown): { status: number; body: unknown } | undefined {
  if (!(e instanceof ApiError)) {
    if (e instanceof HttpException && e.getStatus() < 500) return { status: e.getStatus(), body: { error: { code: 'bad_request', message: e.message } } };
    return undefined;
  }
  const status = e.getStatus();
  if (status >= 500 || e.code === 'idempotency_in_progress') return undefined;
  const error: Record<string, unknown> = { code: e.code, message: e.message };
  if (e.details !== undefined) error.details = e.details;
  return { status, body: { error } };
}

function storedError(status: number, body: unknown): ApiError {
  const error = ((body as { error?: Record<string, unknown> } | null)?.error ?? {}) as { code?: string; message?: string; details?: never };
  return new ApiError(status, error.code ?? 'bad_request', error.message ?? 'error', error.details);
}
