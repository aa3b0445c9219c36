import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/** Adds `requestId` to every success envelope (the `x-request-id` header is set by an onRequest hook). */
@Injectable()
export class RequestIdInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(
      map((body: unknown) =>
        body && typeof body === 'object' && !Array.isArray(body) && 'data' in body ? { ...body, requestId: request.id } : body,
      ),
    );
  }
}
