import { Migration } from '@desk/api/core';

/**
 * Sessions and API keys. Their owner name stays "core" and their tables keep the core_ prefix: they were created
 * when access control lived in api/core, and renaming them would strand existing databases. Times are epoch
 * milliseconds; secrets are stored only as SHA-256.
 */
export const ACCESS_MIGRATION_OWNER = 'core';

export const ACCESS_MIGRATIONS: Migration[] = [
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
