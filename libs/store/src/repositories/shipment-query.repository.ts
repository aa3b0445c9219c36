import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Shipment, ShipmentStatus } from '@waybill/canonical';
import type { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';

export interface ShipmentFilter {
  status?: ShipmentStatus[];
  reference?: string;
  provider?: string;
  updatedAfter?: Date;
  cursor?: string;
  limit: number;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * Reads for the API. Keyset pagination on (updated_at, id) ascending: a row inserted or updated while a client pages
 * moves to the end, so it is served later rather than skipped.
 */
@Injectable()
export class ShipmentQueryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
    if (filter.updatedAfter) where.push(`s.updated_at > ${p(filter.updatedAfter)}`);
    if (filter.cursor) {
      const key = decodeCursor<{ u: string; i: string }>(filter.cursor, ['u', 'i']);
      where.push(`(s.updated_at, s.id) > (${p(new Date(key.u))}::timestamptz, ${p(key.i)}::uuid)`);
    }
    const sql = `SELECT s.canonical, s.updated_at, s.id FROM shipments s
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.updated_at, s.id LIMIT ${p(filter.limit + 1)}`;
    const rows = (await this.db.query(sql, params)) as { canonical: Shipment; updated_at: Date; id: string }[];
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    const last = page[page.length - 1];
    return {
      data: page.map((r) => r.canonical),
      nextCursor: more && last ? encodeCursor({ u: last.updated_at.toISOString(), i: last.id }) : null,
    };
  }

  async get(id: string): Promise<Shipment | null> {
    const [row] = (await this.db.query('SELECT canonical FROM shipments WHERE id = $1', [id])) as { canonical: Shipment }[];
    return row?.canonical ?? null;
  }
}
