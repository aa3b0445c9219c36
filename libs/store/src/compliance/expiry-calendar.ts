import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConnectionRegistry } from '@waybill/provider-kit';
import { ianaZone } from '@waybill/canonical';
import { DateTime } from 'luxon';

/** Where a document stands against its expiry date; the expiry job commits a change when this moves. */
export const EXPIRY_BUCKETS = ['later', 'within_30', 'within_7', 'expired'] as const;
export type ExpiryBucket = (typeof EXPIRY_BUCKETS)[number];

/** A document is valid through its `expiresOn` day: it is expired from the next local day (days < 0). */
export function expiryBucket(days: number): ExpiryBucket {
  if (days < 0) return 'expired';
  if (days <= 7) return 'within_7';
  if (days <= 30) return 'within_30';
  return 'later';
}

/** The same rule in SQL, over an integer expression. */
export function expiryBucketSql(days: string): string {
  return `(CASE WHEN ${days} < 0 THEN 'expired' WHEN ${days} <= 7 THEN 'within_7' WHEN ${days} <= 30 THEN 'within_30' ELSE 'later' END)`;
}

/**
 * Whole calendar days from `today` to `expiresOn` (both `YYYY-MM-DD`). Both are dates, not instants, so they are
 * compared as UTC dates: a DST change in the connection's zone (a 23- or 25-hour day) cannot shift the count.
 */
export function daysBetween(today: string, expiresOn: string): number {
  const a = DateTime.fromISO(today, { zone: 'utc' });
  const b = DateTime.fromISO(expiresOn, { zone: 'utc' });
  return Math.round(b.diff(a, 'days').days);
}

/**
 * "Today" per connection: a document's expiry is counted in its connection's time zone (`settings.timezone`, an
 * IANA zone; default UTC). Without a connection registry (CLI, tests without Nest) every connection is UTC.
 */
@Injectable()
export class ExpiryCalendar {
  constructor(@Optional() @Inject(ConnectionRegistry) private readonly connections?: ConnectionRegistry) {}

  zoneOf(provider: string, connectionId: string): string {
    const zone = this.connections?.find(provider, connectionId)?.settings.timezone;
    return typeof zone === 'string' && ianaZone(zone) ? zone : 'UTC';
  }

  today(provider: string, connectionId: string, now: Date): string {
    return DateTime.fromJSDate(now, { zone: this.zoneOf(provider, connectionId) }).toISODate()!;
  }

  daysUntil(provider: string, connectionId: string, expiresOn: string | null, now: Date): number | null {
    return expiresOn ? daysBetween(this.today(provider, connectionId, now), expiresOn) : null;
  }

  /**
   * A SQL table `todays(provider, connection_id, today)` of every configured connection, for queries that count days
   * per document in the database; documents of other connections use UTC (`COALESCE(t.today, <fallback>)`).
   * `p` adds a parameter and returns its placeholder.
   */
  todaysSql(p: (v: unknown) => string, now: Date): { cte: string; fallback: string } {
    const list = this.connections?.list() ?? [];
    const cte = `todays AS (SELECT * FROM unnest(${p(list.map((c) => c.provider))}::text[], ${p(list.map((c) => c.id))}::text[],
      ${p(list.map((c) => this.today(c.provider, c.id, now)))}::date[]) AS t(provider, connection_id, today))`;
    const fallback = `${p(DateTime.fromJSDate(now, { zone: 'UTC' }).toISODate())}::date`;
    return { cte, fallback };
  }
}
