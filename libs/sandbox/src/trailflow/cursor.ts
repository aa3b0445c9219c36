/**
 * Keyset paging of README assumption 1: order `updatedAt` asc, then `id` asc; the cursor is base64 JSON
 * `{"updatedAt", "excludedIds"}` (the shape the docs' example cursor decodes to, FACTS §4). The next page starts at
 * `updatedAt >= cursor.updatedAt` minus the ids already returned at that millisecond, so a block of equal timestamps
 * that straddles pages is neither skipped nor repeated.
 */
export interface PageCursor {
  updatedAt: number;
  excludedIds: string[];
}

export interface Keyed {
  id: string;
  updatedAt: number;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('Invalid cursor');
  }
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');
}

export function decodeCursor(raw: string): PageCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const c = parsed as Partial<PageCursor> | null;
  if (
    typeof c !== 'object' || c === null ||
    !Number.isSafeInteger(c.updatedAt) || (c.updatedAt as number) < 0 ||
    !Array.isArray(c.excludedIds) || !c.excludedIds.every((id) => typeof id === 'string')
  ) {
    throw new InvalidCursorError();
  }
  return { updatedAt: c.updatedAt as number, excludedIds: c.excludedIds };
}

export function compareByUpdate(a: Keyed, b: Keyed): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** First index whose updatedAt >= `from` in a list sorted by `compareByUpdate`. */
function lowerBound(sorted: readonly Keyed[], from: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].updatedAt < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface PageRequest<T> {
  cursor: PageCursor | null;
  /** Inclusive lower bound ("on or after", FACTS §4). */
  updatedAfter: number | null;
  limit: number;
  filter?: (item: T) => boolean;
}

export interface Page<T> {
  items: T[];
  /** null on the last page. */
  nextCursor: string | null;
}

/** One page of `sorted` (which must be ordered by `compareByUpdate`). */
export function pageByUpdate<T extends Keyed>(sorted: readonly T[], req: PageRequest<T>): Page<T> {
  const from = Math.max(req.cursor?.updatedAt ?? 0, req.updatedAfter ?? 0);
  const excluded = new Set(req.cursor ? req.cursor.excludedIds : []);
  const excludeAt = req.cursor?.updatedAt;
  const items: T[] = [];
  let more = false;
  for (let i = lowerBound(sorted, from); i < sorted.length; i++) {
    const item = sorted[i];
    if (item.updatedAt === excludeAt && excluded.has(item.id)) continue;
    if (req.filter && !req.filter(item)) continue;
    if (items.length === req.limit) {
      more = true;
      break;
    }
    items.push(item);
  }
  if (!more || items.length === 0) return { items, nextCursor: null };
  const lastAt = items[items.length - 1].updatedAt;
  const ids = items.filter((item) => item.updatedAt === lastAt).map((item) => item.id);
  // A block longer than one page: the ids returned on earlier pages at this millisecond stay excluded.
  const carried = excludeAt === lastAt ? req.cursor!.excludedIds : [];
  return { items, nextCursor: encodeCursor({ updatedAt: lastAt, excludedIds: [...carried, ...ids] }) };
}
