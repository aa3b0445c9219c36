import { badRequest } from './api-errors.js';
import type { LoadWriteInput } from './load-commands.js';
import { EVENT_TYPES, LOAD_STATUSES, type LoadStatus, type TrailflowEventType } from './trailflow.types.js';

/** Validation of the write bodies (README assumption 10); each message names the wrong field. */
type Body = Record<string, unknown>;

function asObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be a JSON object');
  return body as Body;
}

function optionalString(body: Body, field: string, opts: { nullable?: boolean; max?: number } = {}): string | null | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (value === null && opts.nullable) return null;
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field} must be a non-empty string${opts.nullable ? ' or null' : ''}`);
  if (value.length > (opts.max ?? 200)) throw badRequest(`${field} must be at most ${opts.max ?? 200} characters`);
  return value;
}

export function parseStatus(value: unknown, field = 'status'): LoadStatus {
  if (typeof value !== 'string' || !(LOAD_STATUSES as readonly string[]).includes(value)) {
    throw badRequest(`${field} must be one of ${LOAD_STATUSES.join(', ')}`);
  }
  return value as LoadStatus;
}

/** `POST /v1/loads` and `POST /v1/loads/upsert` (EX "Create Load Request", "Upsert Load Request"). */
export function parseLoadWrite(raw: unknown): LoadWriteInput {
  const body = asObject(raw);
  const input: LoadWriteInput = {};
  const externalId = optionalString(body, 'externalId', { max: 128 });
  if (externalId != null) input.externalId = externalId;
  const orderNumber = optionalString(body, 'orderNumber', { max: 128 });
  if (orderNumber != null) input.orderNumber = orderNumber;
  if (body.status !== undefined) input.status = parseStatus(body.status);
  const customerCode = optionalString(body, 'customerCode', { nullable: true });
  if (customerCode !== undefined) input.customerCode = customerCode;
  const carrierName = optionalString(body, 'carrierName', { nullable: true });
  if (carrierName !== undefined) input.carrierName = carrierName;
  if (body.rate !== undefined) {
    if (body.rate !== null && (typeof body.rate !== 'number' || !Number.isFinite(body.rate) || body.rate < 0)) {
      throw badRequest('rate must be a non-negative number or null');
    }
    input.rate = body.rate as number | null;
  }
  if (body.notes !== undefined) {
    if (body.notes !== null && typeof body.notes !== 'string') throw badRequest('notes must be a string or null');
    if (typeof body.notes === 'string' && body.notes.length > 2000) throw badRequest('notes must be at most 2000 characters');
    input.notes = body.notes as string | null;
  }
  return input;
}

/** `POST /v1/loads/{id}/status` (EX "Update Load Status Request"). */
export function parseStatusWrite(raw: unknown): LoadStatus {
  return parseStatus(asObject(raw).status);
}

/** `POST /v1/webhooks` (EX "Create Webhook Request"). */
export function parseSubscriptionWrite(raw: unknown): { url: string; eventTypes: TrailflowEventType[] } {
  const body = asObject(raw);
  return { url: parseWebhookUrl(body.url), eventTypes: parseEventTypes(body.eventTypes) };
}

export function parseWebhookUrl(value: unknown): string {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw badRequest('url must be an absolute http(s) URL');
  return value as string;
}

export function parseEventTypes(value: unknown): TrailflowEventType[] {
  if (
    !Array.isArray(value) || value.length === 0 ||
    !value.every((t) => typeof t === 'string' && (EVENT_TYPES as readonly string[]).includes(t))
  ) {
    throw badRequest(`eventTypes must be a non-empty list of ${EVENT_TYPES.join(', ')}`);
  }
  return [...new Set(value as TrailflowEventType[])];
}
