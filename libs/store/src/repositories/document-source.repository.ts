import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What a command on a document needs: where it lives and what the provider last said its status was. */
export interface DocumentSourceRow {
  id: string;
  provider: string;
  connectionId: string;
  externalId: string;
  ownerKind: 'carrier' | 'shipment';
  ownerExternalId: string;
  rawStatus: string | null;
}

@Injectable()
export class DocumentSourceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(id: string): Promise<DocumentSourceRow | null> {
    const [r] = (await this.db.query(
      `SELECT id, provider, connection_id, external_id, owner_kind, owner_external_id, raw_status FROM documents WHERE id = $1`,
      [id],
    )) as { id: string; provider: string; connection_id: string; external_id: string; owner_kind: 'carrier' | 'shipment'; owner_external_id: string; raw_status: string | null }[];
    if (!r) return null;
    return {
      id: r.id,
      provider: r.provider,
      connectionId: r.connection_id,
      externalId: r.external_id,
      ownerKind: r.owner_kind,
      ownerExternalId: r.owner_external_id,
      rawStatus: r.raw_status,
    };
  }
}
