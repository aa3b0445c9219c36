import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Shipment, ShipmentStatus } from '@waybill/canonical';
import type { DataSource } from 'typeorm';
import { type Clock, STORE_CLOCK, systemClock } from '../compliance/clock.js';
import { ExpiryCalendar } from '../compliance/expiry-calendar.js';
import { complianceSummary, loadCarriers } from './carrier-read-model.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';

export interface ShipmentFilter {
  status?: ShipmentStatus[];
  reference?: string;
  provider?: string;
  /** The canonical carrier's id: the shipments that carrier runs. */
  carrierId?: string;
  updatedAfter?: Date;
  cursor?: string;
  limit: number;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

interface ShipmentReadRow {
  canonical: Shipment;
  carrier_id: string | null;
}

/**
 * Reads for the API. Keyset pagination on (updated_at, id) ascending: a row inserted or updated while a client pages
 * moves to the end, so it is served later rather than skipped.
 */
@Injectable()
export class ShipmentQueryRepository {
  private readonly calendar: ExpiryCalendar;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() calendar?: ExpiryCalendar,
    @Optional() @Inject(STORE_CLOCK) private readonly clock: Clock = systemClock,
  ) {
    this.calendar = calendar ?? new ExpiryCalendar();
  }

  async list(filter: ShipmentFilter): Promise<Page<Shipment>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.status?.length) where.push(`s.status = ANY(${p(filter.status)}::text[])`);
    if (filter.reference) where.push(`s.reference = ${p(filter.reference)}`);
    if (filter.provider) {
      where.push(`EXISTS (SELECT 1 FROM shipment_sources src WHERE src.shipment_id = s.id AND src.provider = ${p(filter.provider)})`);
    }
    if (filter.carrierId) where.push(`s.carrier_id = ${p(filter.carrierId)}::uuid`);
    if (filter.updatedAfter) where.push(`s.updated_at > ${p(filter.updatedAfter)}`);
    if (filter.cursor) {
      const key = decodeCursor<{ u: string; i: string }>(filter.cursor, ['u', 'i']);
      where.push(`(s.updated_at, s.id) > (${p(new Date(key.u))}::timestamptz, ${p(key.i)}::uuid)`);
    }
    const sql = `SELECT s.canonical, s.carrier_id, s.updated_at, s.id FROM shipments s
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.updated_at, s.id LIMIT ${p(filter.limit + 1)}`;
    const rows = (await this.db.query(sql, params)) as (ShipmentReadRow & { updated_at: Date; id: string })[];
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    const last = page[page.length - 1];
    return {
      data: await this.splice(page),
      nextCursor: more && last ? encodeCursor({ u: last.updated_at.toISOString(), i: last.id }) : null,
    };
  }

  async get(id: string): Promise<Shipment | null> {
    const rows = (await this.db.query('SELECT canonical, carrier_id FROM shipments WHERE id = $1', [id])) as ShipmentReadRow[];
    return rows.length ? (await this.splice(rows))[0]! : null;
  }

  /**
   * Read-time carrier link: `carrier.id` is the canonical carrier's id (null when no carrier matches; the provider's
   * own id never shows there) and `carrier.compliance` summarizes that carrier now. Linking a carrier therefore moves
   * no shipment version.
   */
  private async splice(rows: ShipmentReadRow[]): Promise<Shipment[]> {
    const now = this.clock();
    const carriers = await loadCarriers(this.db, rows.map((r) => r.carrier_id).filter((id): id is string => !!id), this.calendar, now);
    return rows.map(({ canonical, carrier_id }) => {
      if (!canonical.carrier) return canonical;
      const carrier = carrier_id ? carriers.get(carrier_id) : undefined;
      return {
        ...canonical,
        carrier: { ...canonical.carrier, id: carrier ? carrier.id : null, compliance: carrier ? complianceSummary(carrier) : null },
      };
    });
  }
}
