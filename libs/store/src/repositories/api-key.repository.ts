import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export const API_SCOPES = [
  'shipments:read',
  'shipments:write',
  'documents:read',
  'documents:write',
  'sync:manage',
  'webhooks:manage',
  'admin',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
}

/** Keys are random and long, so one SHA-256 is enough to store them safely (as for GitHub tokens); no salt needed. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates a key and returns it in clear ONCE; only its hash is stored. */
  async create(name: string, scopes: ApiScope[]): Promise<{ key: string; record: ApiKeyRecord }> {
    const key = `wb_${randomBytes(24).toString('base64url')}`;
    const record = await this.register(name, key, scopes);
    return { key, record };
  }

  /** Registers a given key (the development `WAYBILL_API_KEY`); idempotent on the key's hash. */
  async register(name: string, key: string, scopes: ApiScope[]): Promise<ApiKeyRecord> {
    const record = { id: randomUUID(), name, prefix: key.slice(0, 6), scopes };
    await this.db.query(
      `INSERT INTO api_keys (id, name, prefix, key_hash, scopes, created_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (key_hash) DO UPDATE SET scopes = EXCLUDED.scopes, name = EXCLUDED.name, revoked_at = NULL`,
      [record.id, name, record.prefix, hashApiKey(key), JSON.stringify(scopes)],
    );
    return (await this.findByKey(key)) ?? record;
  }

  async findByKey(key: string): Promise<ApiKeyRecord | null> {
    const [row] = (await this.db.query(
      'SELECT id, name, prefix, scopes FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashApiKey(key)],
    )) as ApiKeyRecord[];
    return row ?? null;
  }

  async revoke(id: string): Promise<void> {
    await this.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
  }
}
