/**
 * The connection lib's own tables. They keep the owner name 'auth' and the auth_ table prefix they were created with
 * (registered with db.migrate('auth', ...)): renaming them would strand existing databases. Times are epoch milliseconds.
 * Secrets are AES-GCM sealed by the core's SecretBox with associated data naming their row and purpose,
 * so a sealed value copied into another row or column does not open.
 */
export const CONNECTION_MIGRATIONS = [
  {
    version: 1,
    sql: `
      CREATE TABLE auth_connection (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        connection_id TEXT NOT NULL,
        via TEXT NOT NULL CHECK (via IN ('oauth', 'token')),
        environment TEXT NOT NULL,
        api_key TEXT NOT NULL,
        api_secret_sealed TEXT NOT NULL,
        access_token_sealed TEXT NOT NULL,
        redirect_uri TEXT,
        user_id TEXT,
        user_name TEXT,
        connected_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        expired_reason TEXT
      );
      CREATE TABLE auth_oauth_attempt (
        id TEXT PRIMARY KEY,
        state_hash TEXT NOT NULL UNIQUE,
        binding_hash TEXT NOT NULL,
        environment TEXT NOT NULL,
        api_key TEXT NOT NULL,
        api_secret_sealed TEXT NOT NULL,
        redirect_uri TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE TABLE auth_last_failure (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        reason TEXT NOT NULL,
        at INTEGER NOT NULL
      );
    `,
  },
  {
    // Upstox's read-only extended token (CONTRACT §2.4), sealed like the access token; NULL when Upstox gave none
    // (pasted tokens, the sandbox, apps without one) or after Upstox refused it.
    version: 2,
    sql: `ALTER TABLE auth_connection ADD COLUMN extended_token_sealed TEXT;`,
  },
  {
    // What ended a connection early, beside the words said about it ('token-rejected' | 'key-changed'). Rows from
    // before are classified once by the words the two causes were stored with.
    version: 3,
    sql: `
      ALTER TABLE auth_connection ADD COLUMN expired_kind TEXT CHECK (expired_kind IN ('token-rejected', 'key-changed'));
      UPDATE auth_connection SET expired_kind = CASE
        WHEN expired_reason LIKE 'The stored Upstox access token cannot be decrypted%' THEN 'key-changed'
        ELSE 'token-rejected' END
      WHERE expired_reason IS NOT NULL;
    `,
  },
];
