/**
 * Cargamos envelopes. Success (FACTS §2): `{ version, status: "OK", timestamp, data }`. Errors (INT examples):
 * `{ version, status, processId, timestamp, errors: [{ code, message, details, location, parameter }] }`, where
 * `status` is the HTTP reason in upper snake case (INT shows BAD_REQUEST for 400 and CONFLICT for 409).
 */

export const CARGAMOS_API_VERSION = '1.0.0';

/** INT shows INVALID_PARAMETER, ALREADY_EXISTS and COVERAGE_FAILURE; the others are the sandbox's **assumption**. */
export type CargamosErrorCode =
  | 'INVALID_PARAMETER'
  | 'MISSING_PARAMETER'
  | 'ALREADY_EXISTS'
  | 'COVERAGE_FAILURE'
  | 'SERVICE_LEVEL_FAILURE'
  | 'UNAUTHORIZED'
  | 'TOKEN_EXPIRED'
  | 'NOT_FOUND'
  | 'INTERNAL_ERROR';

/** INT's `message` for its three codes, word for word; the rest follow their style. */
export const ERROR_MESSAGES: Record<CargamosErrorCode, string> = {
  INVALID_PARAMETER: 'A value provided as parameter is not valid for the request.',
  MISSING_PARAMETER: 'A required parameter was not provided in the request.',
  ALREADY_EXISTS: 'The resource you tried to create already exists.',
  COVERAGE_FAILURE: 'Out of coverage.',
  SERVICE_LEVEL_FAILURE: 'The requested service level cannot be honored.',
  UNAUTHORIZED: 'Authentication failed.',
  TOKEN_EXPIRED: 'The access token has expired.',
  NOT_FOUND: 'The requested resource was not found.',
  INTERNAL_ERROR: 'An unexpected error occurred.',
};

export const HTTP_STATUS_NAMES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  500: 'INTERNAL_SERVER_ERROR',
};

/** `location` values: where the wrong value was (INT shows `request.body`). */
export type CargamosErrorLocation = 'request.body' | 'request.query' | 'request.headers' | 'request.path';

export interface CargamosErrorItem {
  code: CargamosErrorCode;
  message: string;
  details: string;
  location: CargamosErrorLocation;
  parameter: string;
}

export const errorItem = (
  code: CargamosErrorCode,
  details: string,
  location: CargamosErrorLocation,
  parameter: string,
): CargamosErrorItem => ({ code, message: ERROR_MESSAGES[code], details, location, parameter });

/** Thrown by handlers and guards; the error handler turns it into the documented error body. */
export class CargamosApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: CargamosErrorItem[],
  ) {
    super(errors.map((e) => `${e.code} ${e.parameter}: ${e.details}`).join('; '));
  }
}

export function errorBody(statusCode: number, errors: CargamosErrorItem[], processId: string, timestamp: number) {
  return {
    version: CARGAMOS_API_VERSION,
    status: HTTP_STATUS_NAMES[statusCode] ?? 'ERROR',
    processId,
    timestamp,
    errors,
  };
}

export function okBody<T>(data: T, timestamp: number) {
  return { version: CARGAMOS_API_VERSION, status: 'OK', timestamp, data };
}
