import { randomBytes } from 'node:crypto';
import { SecretBox, SqliteDatabase } from '@desk/api/core';
import { ConnectionChanges } from '../connection/connection-changes';
import { KEY_CHANGED, tokenRejected } from '../connection/connection-state';
import { CONNECTION_MIGRATIONS } from './connection-migrations';
import { ConnectionRepository } from './connection.repository';

const CONNECTION = {
  connectionId: 'c1', via: 'token', environment: 'simulator', apiKey: 'key', redirectUri: null, userId: 'SIM001',
  userName: 'Demo Trader', connectedAt: 1, expiresAt: 2, apiSecret: 'secret', accessToken: 'token',
} as const;

/** A data folder as a version before the expiry kind left it: a connection marked expired with `reason`. */
function databaseBeforeKinds(reason: string): SqliteDatabase {
  const db = SqliteDatabase.inMemory();
  db.migrate('auth', CONNECTION_MIGRATIONS.filter((m) => m.version <= 2));
  db.connection
    .prepare(
      `INSERT INTO auth_connection (id, connection_id, via, environment, api_key, api_secret_sealed, access_token_sealed,
         connected_at, expires_at, expired_reason) VALUES (1, 'c1', 'token', 'simulator', 'key', 'x', 'x', 1, 2, ?)`,
    )
    .run(reason);
  return db;
}

const repository = (db: SqliteDatabase) => new ConnectionRepository(db, new SecretBox(randomBytes(32)), new ConnectionChanges());

describe('ConnectionRepository: why a connection ended early', () => {
  it('stores the cause with its kind and reads it back', () => {
    const connections = repository(SqliteDatabase.inMemory());
    connections.save(CONNECTION);
    expect(connections.current()?.expiredBy).toBeNull();
    const refused = tokenRejected('HTTP 401', ' on the live stream');
    expect(connections.markExpired('c1', refused)).toBe(true);
    expect(connections.current()?.expiredBy).toEqual(refused);
    // The first cause stays: a later one does not overwrite it.
    expect(connections.markExpired('c1', KEY_CHANGED)).toBe(false);
    expect(connections.current()?.expiredBy).toEqual(refused);
  });

  it('gives connections stored before the kind existed the kind their words name', () => {
    const refusal = 'Upstox rejected the access token (UDAPI100050): the Upstox session expired or the token was revoked.';
    expect(repository(databaseBeforeKinds(refusal)).current()?.expiredBy).toEqual({ kind: 'token-rejected', reason: refusal });
    expect(repository(databaseBeforeKinds(KEY_CHANGED.reason)).current()?.expiredBy).toEqual(KEY_CHANGED);
  });
});
