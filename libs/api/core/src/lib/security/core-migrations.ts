import { Migration } from '../storage/sqlite-database';

/** The core's own tables (owner "core"). Times are epoch milliseconds; secrets are stored only as SHA-256. */
export const CORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE core_sessions (
        id_hash TEXT PRIMARY KEY,
        csrf_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE core_api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at INTEGER
      );`,
  },
];
