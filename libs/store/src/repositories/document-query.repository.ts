import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CanonicalDocument } from '@waybill/canonical';
import type { DataSource } from 'typeorm';
import { type Clock, STORE_CLOCK, systemClock } from '../compliance/clock.js';
import { ExpiryCalendar } from '../compliance/expiry-calendar.js';
import { DOCUMENT_COLUMNS, type DocumentRow, documentFromRow } from './document-row.js';

/** Document reads: `daysUntilExpiry` is computed now, in the document's connection time zone, never stored. */
@Injectable()
export class DocumentQueryRepository {
  private readonly calendar: ExpiryCalendar;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() calendar?: ExpiryCalendar,
    @Optional() @Inject(STORE_CLOCK) private readonly clock: Clock = systemClock,
  ) {
    this.calendar = calendar ?? new ExpiryCalendar();
  }

  async get(id: string): Promise<CanonicalDocument | null> {
    const [row] = (await this.db.query(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [id])) as DocumentRow[];
    if (!row) return null;
    const doc = documentFromRow(row);
    return { ...doc, daysUntilExpiry: this.calendar.daysUntil(doc.provider, doc.connection, doc.expiresOn, this.clock()) };
  }
}
