import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '@desk/api/core';
import { ACCESS_MIGRATION_OWNER, ACCESS_MIGRATIONS } from './access-migrations';

export interface SessionRow {
  idHash: string;
  csrfHash: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

interface SessionRecord {
  id_hash: string;
  csrf_hash: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/** Dashboard sessions, keyed by the SHA-256 of the cookie value (the cookie itself is never stored). */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: SqliteDatabase) {
    db.migrate(ACCESS_MIGRATION_OWNER, ACCESS_MIGRATIONS);
  }

  insert(row: SessionRow): void {
    this.db.connection
      .prepare(
        'INSERT INTO core_sessions (id_hash, csrf_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(row.idHash, row.csrfHash, row.createdAt, row.lastSeenAt, row.expiresAt);
  }

  find(idHash: string): SessionRow | undefined {
    const record = this.db.connection.prepare('SELECT * FROM core_sessions WHERE id_hash = ?').get(idHash) as
      | SessionRecord
      | undefined;
    return record
      ? {
          idHash: record.id_hash,
          csrfHash: record.csrf_hash,
          createdAt: record.created_at,
          lastSeenAt: record.last_seen_at,
          expiresAt: record.expires_at,
        }
      : undefined;
  }

  touch(idHash: string, at: number): void {
    this.db.connection.prepare('UPDATE core_sessions SET last_seen_at = ? WHERE id_hash = ?').run(at, idHash);
  }

  delete(idHash: string): void {
    this.db.connection.prepare('DELETE FROM core_sessions WHERE id_hash = ?').run(idHash);
  }

  deleteExpired(now: number, idleSince: number): void {
    this.db.connection
      .prepare('DELETE FROM core_sessions WHERE expires_at <= ? OR last_seen_at <= ?')
      .run(now, idleSince);
  }
}
