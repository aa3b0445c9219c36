import { singleQueryValue, type Query } from '../shared/query-values.js';
import { badRequest } from './api-errors.js';
import { InvalidCursorError, decodeCursor, type PageCursor } from './cursor.js';
import { LOAD_EMBEDS, LOAD_STATUSES, type LoadEmbed } from './trailflow.types.js';


/** One value; a repeated parameter is refused rather than silently picking one. */
const single = (query: Query, name: string): string | undefined => singleQueryValue(query, name, badRequest);

function commaList(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

// README assumptions 2 and 12: 1–100, default 50.
export function parseLimit(query: Query): number {
  const raw = single(query, 'limit');
  if (raw === undefined) return 50;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100) throw badRequest('limit must be an integer from 1 to 100');
  return n;
}

// README assumption 2: an undecodable cursor is `400 bad_request` "Invalid cursor".
export function parseCursor(query: Query): PageCursor | null {
  const raw = single(query, 'cursor');
  if (raw === undefined || raw === '') return null;
  try {
    return decodeCursor(raw);
  } catch (err) {
    if (err instanceof InvalidCursorError) throw badRequest('Invalid cursor');
    throw err;
  }
}

export interface LoadListQuery {
  updatedAfter: number | null;
  statuses: Set<string> | null;
  externalId: string | null;
  include: Set<LoadEmbed>;
  eligibleOnly: boolean;
  limit: number;
  cursor: PageCursor | null;
}

/** FACTS §4 query parameters of `GET /v1/loads`. */
export function parseLoadListQuery(query: Query): LoadListQuery {
  const updatedAfterRaw = single(query, 'updatedAfter');
  if (updatedAfterRaw !== undefined && !/^\d{1,16}$/.test(updatedAfterRaw)) {
    throw badRequest('updatedAfter must be a Unix timestamp in milliseconds');
  }
  const statusesRaw = single(query, 'statuses');
  let statuses: Set<string> | null = null;
  if (statusesRaw !== undefined) {
    const list = commaList(statusesRaw);
    const unknown = list.find((s) => !(LOAD_STATUSES as readonly string[]).includes(s));
    if (list.length === 0 || unknown !== undefined) {
      throw badRequest(`statuses must be a comma-separated list of ${LOAD_STATUSES.join(', ')}${unknown ? ` (got "${unknown}")` : ''}`);
    }
    statuses = new Set(list);
  }
  const includeRaw = single(query, 'include');
  const include = new Set<LoadEmbed>();
  for (const item of includeRaw === undefined ? [] : commaList(includeRaw)) {
    if (!(LOAD_EMBEDS as readonly string[]).includes(item)) {
      throw badRequest(`include accepts ${LOAD_EMBEDS.join(', ')} (got "${item}")`);
    }
    include.add(item as LoadEmbed);
  }
  const eligibleRaw = single(query, 'eligibleOnly');
  if (eligibleRaw !== undefined && eligibleRaw !== 'true' && eligibleRaw !== 'false') {
    throw badRequest('eligibleOnly must be true or false');
  }
  const externalId = single(query, 'externalId');
  return {
    updatedAfter: updatedAfterRaw === undefined ? null : Number(updatedAfterRaw),
    statuses,
    externalId: externalId === undefined || externalId === '' ? null : externalId,
    include,
    eligibleOnly: eligibleRaw === 'true',
    limit: parseLimit(query),
    cursor: parseCursor(query),
  };
}
