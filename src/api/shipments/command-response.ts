import { CommandError } from '@waybill/commands';
import type { FastifyReply } from 'fastify';
import { ApiError, type ApiErrorDetail } from '../common/api-error.js';

/** A CommandError as the API's error (the filter renders the envelope); `Retry-After` when the provider asked to wait. */
export function toApiError(e: unknown, reply?: FastifyReply): unknown {
  if (!(e instanceof CommandError)) return e;
  if (e.retryAfterSeconds !== undefined && reply) void reply.header('retry-after', String(e.retryAfterSeconds));
  return new ApiError(e.status, e.code, e.message, e.details as ApiErrorDetail[] | Record<string, unknown> | undefined);
}

/** Runs a command and translates its refusals; controllers stay one line per route. */
export async function runCommand<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e, reply);
  }
}
