import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Carrier, ComplianceStatus } from '@waybill/canonical';
import type { DataSource } from 'typeorm';
import { type Clock, STORE_CLOCK, systemClock } from '../compliance/clock.js';
import { ExpiryCalendar } from '../compliance/expiry-calendar.js';
import { normalizeDigits, normalizeEmail, normalizeVat } from '../merge/carrier-keys.js';
import { complianceDocumentsOf, composeCarrier } from './carrier-read-model.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';
import type { Page } from './shipment-query.repository.js';

export interface CarrierFilter {
  mcNumber?: string;
  usdotNumber?: string;
  vatCode?: string;
  email?: string;
  complianceStatus?: ComplianceStatus;
  /** Carriers with a document expiring within this many days (expired ones included), soonest first. */
  expiringWithinDays?: number;
  cursor?: string;
  limit: number;
}

/**
 * Carrier reads for the API. Filters are normalized as matching normalizes. Keyset pagination: on (updated_at, id)
 * like shipments, or on (days until the soonest expiry, id) with `expiringWithinDays` — days are counted per
 * document in its connection's time zone, so a walk that crosses a local midnight may see a carrier move.
 */
@Injectable()
export class CarrierQueryRepository {
  private readonly calendar: ExpiryCalendar;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() calendar?: ExpiryCalendar,
    @Optional() @Inject(STORE_CLOCK) private readonly clock: Clock = systemClock,
  ) {
    this.calendar = calendar ?? new ExpiryCalendar();
  }

  async list(filter: CarrierFilter): Promise<Page<Carrier>> {
    const now = this.clock();
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const keyFilter = (column: string, raw: string | undefined, normalize: (v: string) => string | null) => {
      if (raw === undefined) return;
      const value = normalize(raw);
      where.push(value ? `c.${column} = ${p(value)}` : 'false');
    };
    keyFilter('mc_number', filter.mcNumber, normalizeDigits);
    keyFilter('usdot_number', filter.usdotNumber, normalizeDigits);
    keyFilter('vat_code', filter.vatCode, normalizeVat);
    keyFilter('email', filter.email, normalizeEmail);
    if (filter.complianceStatus) where.push(`COALESCE(c.compliance_status, 'UNKNOWN') = ${p(filter.complianceStatus)}`);

    let sql: string;
    const expiring = filter.expiringWithinDays !== undefined;
    if (expiring) {
      const { cte, fallback } = this.calendar.todaysSql(p, now);
      where.push(`x.days <= ${p(filter.expiringWithinDays)}`);
      if (filter.cursor) {
        const key = decodeCursor<{ n: number; i: string }>(filter.cursor, ['n', 'i']);
        where.push(`(x.days, c.id) > (${p(key.n)}::int, ${p(key.i)}::uuid)`);
      }
      sql = `WITH ${cte},
        x AS (SELECT d.owner_id AS carrier_id, MIN(d.expires_on - COALESCE(t.today, ${fallback})) AS days
              FROM documents d LEFT JOIN todays t ON t.provider = d.provider AND t.connection_id = d.connection_id
              WHERE d.owner_kind = 'carrier' AND d.owner_id IS NOT NULL AND d.expires_on IS NOT NULL GROUP BY d.owner_id)
        SELECT c.id, c.canonical, c.updated_at, x.days FROM carriers c JOIN x ON x.carrier_id = c.id
        WHERE ${where.join(' AND ')} ORDER BY x.days, c.id LIMIT ${p(filter.limit + 1)}`;
    } else {
      if (filter.cursor) {
        const key = decodeCursor<{ u: string; i: string }>(filter.cursor, ['u', 'i']);
        where.push(`(c.updated_at, c.id) > (${p(new Date(key.u))}::timestamptz, ${p(key.i)}::uuid)`);
      }
      sql = `SELECT c.id, c.canonical, c.updated_at FROM carriers c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c.updated_at, c.id LIMIT ${p(filter.limit + 1)}`;
    }
    const rows = (await this.db.query(sql, params)) as { id: string; canonical: Carrier; updated_at: Date; days?: number }[];
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    const docs = await complianceDocumentsOf(this.db, page.map((r) => r.id));
    const last = page[page.length - 1];
    let nextCursor: string | null = null;
    if (more && last) nextCursor = expiring ? encodeCursor({ n: Number(last.days), i: last.id }) : encodeCursor({ u: last.updated_at.toISOString(), i: last.id });
    return { data: page.map((r) => composeCarrier(r.canonical, docs.get(r.id) ?? [], this.calendar, now)), nextCursor };
  }

  async get(id: string): Promise<Carrier | null> {
    const [row] = (await this.db.query('SELECT canonical FROM carriers WHERE id = $1', [id])) as { canonical: Carrier }[];
    if (!row) return null;
    const docs = await complianceDocumentsOf(this.db, [id]);
    return composeCarrier(row.canonical, docs.get(id) ?? [], this.calendar, this.clock());
  }
}
