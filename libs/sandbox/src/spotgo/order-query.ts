import { ApiError, validation, type FieldError } from './api-errors.js';
import { normalizeVatCode, orderNumberMatcher } from './order-number.js';
import { ORDER_STATUSES, type OrderRecord, type SpotgoOrderStatus } from './spotgo.types.js';

/** README "Query": OrderQuerySubmitModel as the sandbox reads it. */
export interface OrderQuery {
  status: SpotgoOrderStatus[] | null;
  carrier: string | null;
  orderNumber: string | null;
  loadingDate: DateRange | null;
  unloadingDate: DateRange | null;
  updatedAt: DateRange | null;
  pageSize: number;
  after: { updatedAt: number; orderId: string } | null;
}

/** QueryDateRange: `from` and `to` inclusive, either may be absent. */
export interface DateRange {
  from: number | null;
  to: number | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

type Obj = Record<string, unknown>;

function range(v: unknown, field: string, errors: FieldError[]): DateRange | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) {
    errors.push({ field, code: 'Invalid', message: `${field} must be an object { from?, to? }.` });
    return null;
  }
  const r = v as Obj;
  const at = (x: unknown, f: string): number | null => {
    if (x === undefined || x === null) return null;
    const ms = typeof x === 'string' ? Date.parse(x) : NaN;
    if (Number.isNaN(ms)) errors.push({ field: f, code: 'Invalid', message: `${f} must be an ISO 8601 date-time.` });
    return Number.isNaN(ms) ? null : ms;
  };
  const out = { from: at(r.from, `${field}.from`), to: at(r.to, `${field}.to`) };
  if (out.from !== null && out.to !== null && out.to < out.from) errors.push({ field, code: 'Invalid', message: `${field}.to is before ${field}.from.` });
  return out;
}

/** A short hash of the filters: a token only continues the query it came from. */
function filterHash(q: Omit<OrderQuery, 'after' | 'pageSize'>): string {
  const text = JSON.stringify([q.status, q.carrier, q.orderNumber, q.loadingDate, q.unloadingDate, q.updatedAt]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

export function encodeToken(last: OrderRecord, q: OrderQuery): string {
  return Buffer.from(JSON.stringify({ v: 1, u: last.updatedAt, id: last.id, f: filterHash(q) }), 'utf8').toString('base64url');
}

const badToken = () =>
  new ApiError('InvalidContinuationToken', 'continuationToken is not valid for this query; start again without it.', [
    { field: 'continuationToken', code: 'InvalidContinuationToken', message: 'Unknown, damaged or from another query.' },
  ]);

export function parseOrderQuery(body: unknown): OrderQuery {
  const b: Obj = body === undefined || body === null ? {} : (body as Obj);
  if (typeof b !== 'object' || Array.isArray(b)) throw validation([{ field: '$', code: 'Invalid', message: 'The request body must be a JSON object.' }]);
  const errors: FieldError[] = [];
  let status: SpotgoOrderStatus[] | null = null;
  if (b.status !== undefined && b.status !== null) {
    const list = Array.isArray(b.status) ? b.status : [b.status];
    status = [];
    for (const s of list) {
      const found = ORDER_STATUSES.find((o) => typeof s === 'string' && o.toLowerCase() === s.toLowerCase());
      if (!found) errors.push({ field: 'status', code: 'Invalid', message: `Unknown order status "${String(s)}" (known: ${ORDER_STATUSES.join(', ')}).` });
      else if (!status.includes(found)) status.push(found);
    }
  }
  const str = (v: unknown, field: string): string | null => {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string') errors.push({ field, code: 'Invalid', message: `${field} must be a string.` });
    return typeof v === 'string' ? v : null;
  };
  const carrier = str(b.carrier, 'carrier');
  const orderNumber = str(b.orderNumber, 'orderNumber');
  let pageSize = DEFAULT_PAGE_SIZE;
  if (b.pageSize !== undefined && b.pageSize !== null) {
    if (typeof b.pageSize !== 'number' || !Number.isInteger(b.pageSize) || b.pageSize < 1 || b.pageSize > MAX_PAGE_SIZE) {
      errors.push({ field: 'pageSize', code: 'Invalid', message: `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}.` });
    } else pageSize = b.pageSize;
  }
  const q: OrderQuery = {
    status, carrier, orderNumber,
    loadingDate: range(b.loadingDate, 'loadingDate', errors),
    unloadingDate: range(b.unloadingDate, 'unloadingDate', errors),
    updatedAt: range(b.updatedAt, 'updatedAt', errors),
    pageSize, after: null,
  };
  const token = str(b.continuationToken, 'continuationToken');
  if (errors.length > 0) throw validation(errors);
  if (token !== null) {
    let decoded: Obj;
    try {
      decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Obj;
    } catch {
      throw badToken();
    }
    if (typeof decoded !== 'object' || decoded === null || decoded.v !== 1 || typeof decoded.u !== 'number' || typeof decoded.id !== 'string' || decoded.f !== filterHash(q)) {
      throw badToken();
    }
    q.after = { updatedAt: decoded.u, orderId: decoded.id };
  }
  return q;
}

const within = (ms: number | null, r: DateRange) => ms !== null && (r.from === null || ms >= r.from) && (r.to === null || ms <= r.to);

function stopIn(o: OrderRecord, type: 'Loading' | 'Unloading', r: DateRange): boolean {
  return o.locations.some((l) => l.type === type && within(l.startDate === null ? null : Date.parse(l.startDate), r));
}

export function orderFilter(q: OrderQuery): (o: OrderRecord) => boolean {
  const numberMatch = q.orderNumber === null ? null : orderNumberMatcher(q.orderNumber);
  const vat = q.carrier === null ? null : normalizeVatCode(q.carrier);
  const needle = q.carrier?.toLowerCase() ?? null;
  return (o) =>
    (q.status === null || q.status.includes(o.status)) &&
    (needle === null ||
      normalizeVatCode(o.carrier.vatCode) === vat ||
      (o.carrier.name ?? '').toLowerCase().includes(needle) ||
      (o.carrier.email ?? '').toLowerCase() === needle) &&
    (numberMatch === null || numberMatch(o.normalizedNumber)) &&
    (q.loadingDate === null || stopIn(o, 'Loading', q.loadingDate)) &&
    (q.unloadingDate === null || stopIn(o, 'Unloading', q.unloadingDate)) &&
    (q.updatedAt === null || within(o.updatedAt, q.updatedAt));
}

/** One page over `sorted` (updatedAt, orderId ascending) after the token's position; the token is null on the last page. */
export function queryPage(sorted: OrderRecord[], q: OrderQuery): { rows: OrderRecord[]; continuationToken: string | null } {
  const keep = orderFilter(q);
  const after = q.after;
  const rows: OrderRecord[] = [];
  let more = false;
  for (const o of sorted) {
    if (after && (o.updatedAt < after.updatedAt || (o.updatedAt === after.updatedAt && o.id <= after.orderId))) continue;
    if (!keep(o)) continue;
    if (rows.length === q.pageSize) {
      more = true;
      break;
    }
    rows.push(o);
  }
  return { rows, continuationToken: more ? encodeToken(rows[rows.length - 1], q) : null };
}
