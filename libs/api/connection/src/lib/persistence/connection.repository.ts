import { Inject, Injectable } from '@nestjs/common';
import { UpstoxEnvironment } from '@desk/contracts';
import { ConnectionChanges } from '../connection/connection-changes';
import { CONNECTION_MIGRATIONS } from './connection-migrations';
import { AUTH_DATABASE, AUTH_SECRETS, AuthDatabase, AuthSecrets } from './ports';

/** Why a connection ended before its 03:30 IST expiry: Upstox refused its token, or it no longer decrypts here. */
export interface ExpiryCause {
  kind: 'token-rejected' | 'key-changed';
  /** Said to the user. */
  reason: string;
}

/** The one Upstox connection (single user), without its secrets. */
export interface StoredConnection {
  connectionId: string;
  via: 'oauth' | 'token';
  environment: UpstoxEnvironment;
  apiKey: string;
  redirectUri: string | null;
  userId: string | null;
  userName: string | null;
  connectedAt: number;
  expiresAt: number;
  /** Set when the connection ended early: Upstox answered 401 UDAPI100050 for its token, or the token no longer decrypts. */
  expiredBy: ExpiryCause | null;
  /** Whether a read-only extended token is stored (it outlives the access token: reads go on after 03:30 IST). */
  hasExtendedToken: boolean;
}

export interface NewConnection extends Omit<StoredConnection, 'expiredBy' | 'hasExtendedToken'> {
  apiSecret: string;
  accessToken: string;
  /** Upstox's read-only extended token from the token exchange, when it gave one. */
  extendedToken?: string | null;
}

interface ConnectionRow {
  connection_id: string;
  via: 'oauth' | 'token';
  environment: UpstoxEnvironment;
  api_key: string;
  redirect_uri: string | null;
  user_id: string | null;
  user_name: string | null;
  connected_at: number;
  expires_at: number;
  expired_reason: string | null;
  expired_kind: ExpiryCause['kind'] | null;
  access_token_sealed: string;
  extended_token_sealed: string | null;
}

const aad = (connectionId: string, purpose: 'api_secret' | 'access_token' | 'extended_token') =>
  `auth/connection/${connectionId}/${purpose}`;

/** Persistence of the connection behind a small class, so a server database could replace SQLite later. */
@Injectable()
export class ConnectionRepository {
  constructor(
    @Inject(AUTH_DATABASE) private readonly db: AuthDatabase,
    @Inject(AUTH_SECRETS) private readonly secrets: AuthSecrets,
    private readonly changes: ConnectionChanges,
  ) {
    db.migrate('auth', CONNECTION_MIGRATIONS);
  }

  current(): StoredConnection | null {
    const row = this.db.statement('SELECT * FROM auth_connection WHERE id = 1').get() as ConnectionRow | undefined;
    if (!row) return null;
    return {
      connectionId: row.connection_id,
      via: row.via,
      environment: row.environment,
      apiKey: row.api_key,
      redirectUri: row.redirect_uri,
      userId: row.user_id,
      userName: row.user_name,
      connectedAt: row.connected_at,
      expiresAt: row.expires_at,
      // Every expired row has its kind since migration 3; the fallback only satisfies the column's type.
      expiredBy: row.expired_reason === null ? null : { kind: row.expired_kind ?? 'token-rejected', reason: row.expired_reason },
      hasExtendedToken: row.extended_token_sealed !== null,
    };
  }

  /** The decrypted access token of the stored connection, or null when there is none. */
  accessToken(connectionId: string): string | null {
    const row = this.db.statement('SELECT access_token_sealed FROM auth_connection WHERE id = 1 AND connection_id = ?')
      .get(connectionId) as Pick<ConnectionRow, 'access_token_sealed'> | undefined;
    return row ? this.secrets.open(row.access_token_sealed, aad(connectionId, 'access_token')) : null;
  }

  /** The decrypted read-only extended token of the stored connection, or null when it has none. */
  extendedToken(connectionId: string): string | null {
    const row = this.db.statement('SELECT extended_token_sealed FROM auth_connection WHERE id = 1 AND connection_id = ?')
      .get(connectionId) as Pick<ConnectionRow, 'extended_token_sealed'> | undefined;
    return row?.extended_token_sealed ? this.secrets.open(row.extended_token_sealed, aad(connectionId, 'extended_token')) : null;
  }

  /** Upstox refused the extended token (or it no longer decrypts): forgotten, so reads stop using it. True if changed. */
  forgetExtendedToken(connectionId: string): boolean {
    const result = this.db.statement('UPDATE auth_connection SET extended_token_sealed = NULL WHERE connection_id = ? AND extended_token_sealed IS NOT NULL')
      .run(connectionId);
    if (result.changes !== 1) return false;
    this.changes.notify();
    return true;
  }

  /** Replaces the stored connection (one at a time) and clears the last failure, in one transaction. */
  save(c: NewConnection): void {
    const write = this.db.connection.transaction(() => {
      this.db.statement('DELETE FROM auth_connection').run();
      this.db.statement(
          `INSERT INTO auth_connection (id, connection_id, via, environment, api_key, api_secret_sealed, access_token_sealed,
             extended_token_sealed, redirect_uri, user_id, user_name, connected_at, expires_at, expired_reason)
           VALUES (1, @connectionId, @via, @environment, @apiKey, @apiSecretSealed, @accessTokenSealed,
             @extendedTokenSealed, @redirectUri, @userId, @userName, @connectedAt, @expiresAt, NULL)`,
        )
        .run({
          connectionId: c.connectionId,
          via: c.via,
          environment: c.environment,
          apiKey: c.apiKey,
          apiSecretSealed: this.secrets.seal(c.apiSecret, aad(c.connectionId, 'api_secret')),
          accessTokenSealed: this.secrets.seal(c.accessToken, aad(c.connectionId, 'access_token')),
          extendedTokenSealed: c.extendedToken ? this.secrets.seal(c.extendedToken, aad(c.connectionId, 'extended_token')) : null,
          redirectUri: c.redirectUri,
          userId: c.userId,
          userName: c.userName,
          connectedAt: c.connectedAt,
          expiresAt: c.expiresAt,
        });
      this.db.statement('DELETE FROM auth_last_failure').run();
    });
    write();
    this.changes.notify();
  }

  /** Marks this connection expired; a newer connection (another id) is left alone. Returns true if changed. */
  markExpired(connectionId: string, cause: ExpiryCause): boolean {
    const result = this.db.statement('UPDATE auth_connection SET expired_reason = ?, expired_kind = ? WHERE connection_id = ? AND expired_reason IS NULL')
      .run(cause.reason, cause.kind, connectionId);
    if (result.changes !== 1) return false;
    this.changes.notify();
    return true;
  }

  clear(): void {
    this.db.statement('DELETE FROM auth_connection').run();
    this.db.statement('DELETE FROM auth_last_failure').run();
    this.changes.notify();
  }

  recordFailure(reason: string, at: number): void {
    this.db.statement('INSERT INTO auth_last_failure (id, reason, at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET reason = excluded.reason, at = excluded.at')
      .run(reason, at);
  }

  lastFailure(): { reason: string; at: number } | null {
    const row = this.db.statement('SELECT reason, at FROM auth_last_failure WHERE id = 1').get() as
      | { reason: string; at: number }
      | undefined;
    return row ?? null;
  }
}
