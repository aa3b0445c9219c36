import { HttpException } from '@nestjs/common';

export interface ApiErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/** An error with one of the API's stable codes; the filter turns it into `{ error: { code, message, details? }, requestId }`. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorDetail[] | Record<string, unknown>,
  ) {
    super(message, status);
  }

  static notFound(what = 'resource'): ApiError {
    return new ApiError(404, 'not_found', `${what} not found`);
  }

  static validation(details: ApiErrorDetail[]): ApiError {
    const fields = details.map((d) => d.field).filter(Boolean).join(', ');
    return new ApiError(400, 'validation_failed', fields ? `invalid value for ${fields}` : 'invalid request', details);
  }
}
