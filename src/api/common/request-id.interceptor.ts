import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/** Adds `requestId` to every JSON envelope and echoes it as `x-request-id`, so a TMS can quote it in a support case. */
@Injectable()
export class RequestIdInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    void http.getResponse<FastifyReply>().header('x-request-id', request.id);
    return next.handle().pipe(
      map((body: unknown) =>
        body && typeof body === 'object' && !Array.isArray(body) && 'data' in body ? { ...body, requestId: request.id } : body,
      ),
    );
  }
}
