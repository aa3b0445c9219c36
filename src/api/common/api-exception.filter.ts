import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Every error leaves the API in one envelope with a stable code; internals are logged, never returned. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { status, body } = this.toBody(exception);
    if (status >= 500) this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    void reply.status(status).send({ ...body, requestId: request.id });
  }

  private toBody(exception: unknown): { status: number; body: { error: Record<string, unknown> } } {
    if (exception instanceof ApiError) {
      const error: Record<string, unknown> = { code: exception.code, message: exception.message };
      if (exception.details !== undefined) error.details = exception.details;
      return { status: exception.getStatus(), body: { error } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
      return { status, body: { error: { code, message: exception.message } } };
    }
    // Fastify's own errors (body too large, bad JSON) carry a statusCode.
    const statusCode = (exception as { statusCode?: number }).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      return {
        status: statusCode,
        body: { error: { code: CODE_BY_STATUS[statusCode] ?? 'bad_request', message: (exception as Error).message } },
      };
    }
    return { status: 500, body: { error: { code: 'internal_error', message: 'internal error' } } };
  }
}
