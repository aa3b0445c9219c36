import { badRequest } from './api-errors.js';
import { EVENT_TYPES, LOAD_STATUSES } from './trailflow.types.js';
function asObject(body) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw badRequest('body must be a JSON object');
    return body;
}
function optionalString(body, field, opts = {}) {
    const value = body[field];
    if (value === undefined)
        return undefined;
    if (value === null && opts.nullable)
        return null;
    if (typeof value !== 'string' || value.trim() === '')
        throw badRequest(`${field} must be a non-empty string${opts.nullable ? ' or null' : ''}`);
    if (value.length > (opts.max ?? 200))
        throw badRequest(`${field} must be at most ${opts.max ?? 200} characters`);
    return value;
}
export function parseStatus(value, field = 'status') {
    if (typeof value !== 'string' || !LOAD_STATUSES.includes(value)) {
        throw badRequest(`${field} must be one of ${LOAD_STATUSES.join(', ')}`);
    }
    return value;
}
/** `POST /v1/loads` and `POST /v1/loads/upsert` (EX "Create Load Request", "Upsert Load Request"). */
export function parseLoadWrite(raw) {
    const body = asObject(raw);
    const input = {};
    const externalId = optionalString(body, 'externalId', { max: 128 });
    if (externalId != null)
        input.externalId = externalId;
    const orderNumber = optionalString(body, 'orderNumber', { max: 128 });
    if (orderNumber != null)
        input.orderNumber = orderNumber;
    if (body.status !== undefined)
        input.status = parseStatus(body.status);
    const customerCode = optionalString(body, 'customerCode', { nullable: true });
    if (customerCode !== undefined)
        input.customerCode = customerCode;
    const carrierName = optionalString(body, 'carrierName', { nullable: true });
    if (carrierName !== undefined)
        input.carrierName = carrierName;
    if (body.rate !== undefined) {
        if (body.rate !== null && (typeof body.rate !== 'number' || !Number.isFinite(body.rate) || body.rate < 0)) {
            throw badRequest('rate must be a non-negative number or null');
        }
        input.rate = body.rate;
    }
    if (body.notes !== undefined) {
        if (body.notes !== null && typeof body.notes !== 'string')
            throw badRequest('notes must be a string or null');
        if (typeof body.notes === 'string' && body.notes.length > 2000)
            throw badRequest('notes must be at most 2000 characters');
        input.notes = body.notes;
    }
    return input;
}
/** `POST /v1/loads/{id}/status` (EX "Update Load Status Request"). */
export function parseStatusWrite(raw) {
    return parseStatus(asObject(raw).status);
}
/** `POST /v1/webhooks` (EX "Create Webhook Request"). */
export function parseSubscriptionWrite(raw) {
    const body = asObject(raw);
    return { url: parseWebhookUrl(body.url), eventTypes: parseEventTypes(body.eventTypes) };
}
export function parseWebhookUrl(value) {
    let url = null;
    try {
        url = typeof value === 'string' ? new URL(value) : null;
    }
    catch {
        url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
        throw badRequest('url must be an absolute http(s) URL');
    return value;
}
export function parseEventTypes(value) {
    if (!Array.isArray(value) || value.length === 0 ||
        !value.every((t) => typeof t === 'string' && EVENT_TYPES.includes(t))) {
        throw badRequest(`eventTypes must be a non-empty list of ${EVENT_TYPES.join(', ')}`);
    }
    return [...new Set(value)];
}
