import { badRequest } from './api-errors.js';
import { InvalidCursorError, decodeCursor } from './cursor.js';
import { LOAD_EMBEDS, LOAD_STATUSES } from './trailflow.types.js';
/** One value of a query parameter; a repeated parameter is refused rather than silently picking one. */
function single(query, name) {
    const value = query[name];
    if (value === undefined)
        return undefined;
    if (typeof value !== 'string')
        throw badRequest(`${name} must be given once`);
    return value;
}
function commaList(raw) {
    return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
// README assumptions 2 and 12: 1–100, default 50.
export function parseLimit(query) {
    const raw = single(query, 'limit');
    if (raw === undefined)
        return 50;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > 100)
        throw badRequest('limit must be an integer from 1 to 100');
    return n;
}
// README assumption 2: an undecodable cursor is `400 bad_request` "Invalid cursor".
export function parseCursor(query) {
    const raw = single(query, 'cursor');
    if (raw === undefined || raw === '')
        return null;
    try {
        return decodeCursor(raw);
    }
    catch (err) {
        if (err instanceof InvalidCursorError)
            throw badRequest('Invalid cursor');
        throw err;
    }
}
/** FACTS §4 query parameters of `GET /v1/loads`. */
export function parseLoadListQuery(query) {
    const updatedAfterRaw = single(query, 'updatedAfter');
    if (updatedAfterRaw !== undefined && !/^\d{1,16}$/.test(updatedAfterRaw)) {
        throw badRequest('updatedAfter must be a Unix timestamp in milliseconds');
    }
    const statusesRaw = single(query, 'statuses');
    let statuses = null;
    if (statusesRaw !== undefined) {
        const list = commaList(statusesRaw);
        const unknown = list.find((s) => !LOAD_STATUSES.includes(s));
        if (list.length === 0 || unknown !== undefined) {
            throw badRequest(`statuses must be a comma-separated list of ${LOAD_STATUSES.join(', ')}${unknown ? ` (got "${unknown}")` : ''}`);
        }
        statuses = new Set(list);
    }
    const includeRaw = single(query, 'include');
    const include = new Set();
    for (const item of includeRaw === undefined ? [] : commaList(includeRaw)) {
        if (!LOAD_EMBEDS.includes(item)) {
            throw badRequest(`include accepts ${LOAD_EMBEDS.join(', ')} (got "${item}")`);
        }
        include.add(item);
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
