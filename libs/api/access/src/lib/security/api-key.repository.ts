import { ApiKeyScope, ApiKeySummary } from '@desk/contracts';
import { Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { SqliteDatabase } from '@desk/api/core';
import { ACCESS_MIGRATION_OWNER, ACCESS_MIGRATIONS } from './access-migrations';

interface ApiKeyRecord {
  id: string;
  name: string;
  key_hash: string;
  prefix: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface StoredApiKey {
  id: string;
  name: string;
  keyHash: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toSummary(record: ApiKeyRecord): ApiKeySummary {
  return {
    id: record.id,
    name: record.name,
    scopes: JSON.parse(record.scopes) as ApiKeyScope[],
    prefix: record.prefix,
    createdAt: new Date(record.created_at).toISOString(),
    lastUsedAt: iso(record.last_used_at),
    revokedAt: iso(record.revoked_at),
  };
}

/** API keys, stored as SHA-256 of the key; the key itself exists only in the creation response. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly db: SqliteDatabase) {
    db.migrate(ACCESS_MIGRATION_OWNER, ACCESS_MIGRATIONS);
  }

  insert(key: StoredApiKey): ApiKeySummary {
    this.db.connection
      .prepare(
        'INSERT INTO core_api_keys (id, name, key_hash, prefix, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(key.id, key.name, key.keyHash, key.prefix, JSON.stringify(key.scopes), key.createdAt);
    return this.get(key.id) as ApiKeySummary;
  }

  get(id: string): ApiKeySummary | undefined {
    const record = this.db.connection.prepare('SELECT * FROM core_api_keys WHERE id = ?').get(id) as
      | ApiKeyRecord
      | undefined;
    return record ? toSummary(record) : undefined;
  }

  list(): ApiKeySummary[] {
    return (this.db.connection.prepare('SELECT * FROM core_api_keys ORDER BY created_at, id').all() as ApiKeyRecord[]).map(
      toSummary,
    );
  }

  /** Every API-key request looks its key up: the statement is prepared once. */
  private activeByHash: Statement | null = null;

  findActiveByHash(keyHash: string): ApiKeySummary | undefined {
    this.activeByHash ??= this.db.connection.prepare('SELECT * FROM core_api_keys WHERE key_hash = ? AND revoked_at IS NULL');
    const record = this.activeByHash.get(keyHash) as ApiKeyRecord | undefined;
    return record ? toSummary(record) : undefined;
  }

  markUsed(id: string, at: number): void {
    this.db.connection.prepare('UPDATE core_api_keys SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  /** True when the key existed and was active. */
  revoke(id: string, at: number): boolean {
    return (
      this.db.connection
        .prepare('UPDATE core_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(at, id).changes === 1
    );
  }
}
