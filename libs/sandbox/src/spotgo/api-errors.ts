/**
 * README "Errors": every error is an RFC 9457 ProblemDetails body (`application/problem+json`), as ASP.NET writes it,
 * with two extensions: `code` (stable, machine-readable) and, for field errors, `errors: [{ field, code, message }]`
 * (the docs' ExternalErrorItemViewModel, shape assumed). `traceId` identifies the request.
 */
export const PROBLEM_CODES = {
  ValidationFailed: 400,
  UnsupportedApiVersion: 400,
  InvalidContinuationToken: 400,
  InvalidStatusTransition: 409,
  CarrierChangeNotAllowed: 400,
  Unauthorized: 401,
  NotFound: 404,
  OrderNumberExists: 409,
  OrderCompleted: 409,
  CarrierChangeWithDocuments: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  RateLimited: 429,
  InternalError: 500,
} as const;
export type ProblemCode = keyof typeof PROBLEM_CODES;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'An error occurred while processing your request.',
};

const TYPES: Record<number, string> = {
  400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  401: 'https://tools.ietf.org/html/rfc9110#section-15.5.2',
  404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
  409: 'https://tools.ietf.org/html/rfc9110#section-15.5.10',
  413: 'https://tools.ietf.org/html/rfc9110#section-15.5.14',
  415: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
  429: 'https://tools.ietf.org/html/rfc6585#section-4',
  500: 'https://tools.ietf.org/html/rfc9110#section-15.6.1',
};

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  traceId: string;
  errors?: FieldError[];
}

/** Thrown by handlers and the guard; the error handler turns it into ProblemDetails. */
export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** Seconds for `Retry-After` (429 only). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.statusCode = PROBLEM_CODES[code];
  }
}

export const validation = (errors: FieldError[]) =>
  new ApiError('ValidationFailed', errors.length === 1 ? errors[0].message : 'One or more validation errors occurred.', errors);
export const fieldError = (field: string, message: string, code = 'Invalid'): ApiError => validation([{ field, code, message }]);
export const notFound = (what: string) => new ApiError('NotFound', `${what} was not found.`);

export function problemBody(err: ApiError, instance: string, traceId: string): ProblemDetails {
  const body: ProblemDetails = {
    type: TYPES[err.statusCode] ?? TYPES[500],
    title: TITLES[err.statusCode] ?? TITLES[500],
    status: err.statusCode,
    detail: err.message,
    instance,
    code: err.code,
    traceId,
  };
  if (err.errors.length > 0) body.errors = err.errors;
  return body;
}
