import { singleQueryValue, type Query } from '../shared/query-values.js';
import { badRequest } from './api-errors.js';
import { DOC_TYPES, PACKET_STATUSES, SUBMISSION_STATUSES, type DocType, type PacketStatus, type SubmissionStatus } from './carrierpacket.types.js';


/**
 * Query parameters of the list routes. README: `limit` outside 1–200, `page` below 1, a status outside the documented
 * values, an unknown `doc_type`, and `submission_id` / `expiring_within` that are not non-negative integers are
 * `400 bad_request` (REST: "Missing or malformed query parameter (e.g. ?status=99)"). Unknown parameters are ignored.
 */

/** One value; a repeated parameter is refused rather than silently picking one. */
const single = (query: Query, name: string): string | undefined => singleQueryValue(query, name, badRequest);

/** A non-negative decimal integer ("007" is 7; "", "-1", "1.5", "1e3" are malformed). */
function integer(query: Query, name: string, min: number, max: number, what: string): number | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || n < min || n > max) throw badRequest(`${name} must be ${what} (got "${raw}")`);
  return n;
}

export interface PageQuery {
  page: number;
  limit: number;
}

/** REST: `?page=N` (1-indexed) and `?limit=N` (default 50, max 200). */
export function parsePage(query: Query): PageQuery {
  return {
    page: integer(query, 'page', 1, 999_999_999, 'an integer of 1 or more') ?? 1,
    limit: integer(query, 'limit', 1, 200, 'an integer from 1 to 200') ?? 50,
  };
}

export interface SubmissionListQuery extends PageQuery {
  status: SubmissionStatus | null;
}

export function parseSubmissionListQuery(query: Query): SubmissionListQuery {
  const status = integer(query, 'status', 0, SUBMISSION_STATUSES.length - 1, `one of ${SUBMISSION_STATUSES.join(', ')}`);
  return { ...parsePage(query), status: (status ?? null) as SubmissionStatus | null };
}

export interface DocumentListQuery extends PageQuery {
  docType: DocType | null;
  submissionId: number | null;
  expiringWithin: number | null;
}

export function parseDocumentListQuery(query: Query): DocumentListQuery {
  const docType = single(query, 'doc_type');
  if (docType !== undefined && !(DOC_TYPES as readonly string[]).includes(docType)) {
    throw badRequest(`doc_type must be one of ${DOC_TYPES.join(', ')} (got "${docType}")`);
  }
  return {
    ...parsePage(query),
    docType: (docType ?? null) as DocType | null,
    submissionId: integer(query, 'submission_id', 0, 999_999_999, 'a non-negative integer') ?? null,
    expiringWithin: integer(query, 'expiring_within', 0, 999_999_999, 'a non-negative integer (days)') ?? null,
  };
}

export interface PacketListQuery extends PageQuery {
  status: PacketStatus | null;
}

export function parsePacketListQuery(query: Query): PacketListQuery {
  const status = integer(query, 'status', 0, PACKET_STATUSES.length - 1, `one of ${PACKET_STATUSES.join(', ')}`);
  return { ...parsePage(query), status: (status ?? null) as PacketStatus | null };
}

/** A path id: digits only, else the resource "doesn't exist" (404, not 400: it is not a query parameter). */
export function pathId(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

/** An offset page of `items` and REST's pagination block. A page past the end is empty with `has_more: false`. */
export function paginate<T, R>(items: readonly T[], q: PageQuery, view: (item: T) => R) {
  const from = (q.page - 1) * q.limit;
  const slice = items.slice(from, from + q.limit);
  return {
    data: slice.map(view),
    pagination: { page: q.page, limit: q.limit, total: items.length, has_more: from + q.limit < items.length },
  };
}
