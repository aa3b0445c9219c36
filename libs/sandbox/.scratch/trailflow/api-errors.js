/** Thrown by handlers and guards; the error handler turns it into `{ error: { code, message }, requestId }`. */
export class ApiError extends Error {
    statusCode;
    code;
    constructor(statusCode, code, message) {
        super(message);
        this.statusCode = statusCode;
        this.code = code;
    }
}
export const badRequest = (message) => new ApiError(400, 'bad_request', message);
export const notFound = (message) => new ApiError(404, 'not_found', message);
export function errorBody(code, message) {
    return { error: { code, message } };
}
