/** The codes of FACTS §5; the sandbox answers only these. */
export type TrailflowErrorCode =
  | 'bad_request'
  | 'missing_idempotency_key'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'idempotency_conflict'
  | 'idempotency_in_progress'
  | 'rate_limited'
  | 'internal_error';

/** Thrown by handlers and guards; the error handler turns it into `{ error: { code, message }, requestId }`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: TrailflowErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}
