/** REST "Errors": the only codes CarrierPacket documents; the sandbox answers nothing else. */
export type CarrierpacketErrorCode = 'bad_request' | 'unauthorized' | 'ip_not_allowed' | 'not_found' | 'server_error';

/** Thrown by handlers and the guard; the error handler turns it into `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: CarrierpacketErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

/** REST: `{ "error": { "code": "unauthorized", "message": "Invalid or revoked API key." } }`, nothing else in the body. */
export function errorBody(code: CarrierpacketErrorCode, message: string): { error: { code: CarrierpacketErrorCode; message: string } } {
  return { error: { code, message } };
}
