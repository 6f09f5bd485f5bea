import { Inject, Injectable } from '@nestjs/common';
import { UpstoxEnvironment } from '@desk/contracts';
import { CONNECTION_MIGRATIONS } from './connection-migrations';
import { AUTH_DATABASE, AUTH_SECRETS, AuthDatabase, AuthSecrets } from './ports';

/** One started OAuth flow: the pending credentials and the hashed `state` and browser binding. */
export interface OAuthAttempt {
  id: string;
  stateHash: string;
  bindingHash: string;
  environment: UpstoxEnvironment;
  apiKey: string;
  redirectUri: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface NewOAuthAttempt extends Omit<OAuthAttempt, 'usedAt'> {
  apiSecret: string;
}

interface AttemptRow {
  id: string;
  state_hash: string;
  binding_hash: string;
  environment: UpstoxEnvironment;
  api_key: string;
  api_secret_sealed: string;
  redirect_uri: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Used and expired rows are kept this long, so a replayed callback is told "already used", not "unknown". */
const KEEP_FINISHED_MS = 24 * 3600_000;

const secretAad = (attemptId: string) => `auth/oauth_attempt/${attemptId}/api_secret`;

const toAttempt = (row: AttemptRow): OAuthAttempt => ({
  id: row.id,
  stateHash: row.state_hash,
  bindingHash: row.binding_hash,
  environment: row.environment,
  apiKey: row.api_key,
  redirectUri: row.redirect_uri,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
});

@Injectable()
export class OAuthAttemptRepository {
  constructor(
    @Inject(AUTH_DATABASE) private readonly db: AuthDatabase,
    @Inject(AUTH_SECRETS) private readonly secrets: AuthSecrets,
  ) {
    db.migrate('auth', CONNECTION_MIGRATIONS);
  }

  /**
   * Stores a new attempt. Only the newest flow may complete (single user): older unused attempts are
   * closed (marked used) so their `state` no longer works; old finished rows are purged.
   */
  create(a: NewOAuthAttempt): void {
    const write = this.db.connection.transaction(() => {
      this.db.statement('DELETE FROM auth_oauth_attempt WHERE expires_at < ?').run(a.createdAt - KEEP_FINISHED_MS);
      this.db.statement('UPDATE auth_oauth_attempt SET used_at = ? WHERE used_at IS NULL').run(a.createdAt);
      this.db.statement(
          `INSERT INTO auth_oauth_attempt (id, state_hash, binding_hash, environment, api_key, api_secret_sealed, redirect_uri, created_at, expires_at, used_at)
           VALUES (@id, @stateHash, @bindingHash, @environment, @apiKey, @apiSecretSealed, @redirectUri, @createdAt, @expiresAt, NULL)`,
        )
        .run({
          id: a.id,
          stateHash: a.stateHash,
          bindingHash: a.bindingHash,
          environment: a.environment,
          apiKey: a.apiKey,
          apiSecretSealed: this.secrets.seal(a.apiSecret, secretAad(a.id)),
          redirectUri: a.redirectUri,
          createdAt: a.createdAt,
          expiresAt: a.expiresAt,
        });
    });
    write();
  }

  findByStateHash(stateHash: string): OAuthAttempt | null {
    const row = this.db.statement('SELECT * FROM auth_oauth_attempt WHERE state_hash = ?').get(stateHash) as
      | AttemptRow
      | undefined;
    return row ? toAttempt(row) : null;
  }

  /** Atomically marks the attempt used. False when it was already used (a concurrent or replayed callback). */
  consume(id: string, at: number): boolean {
    return this.db.statement('UPDATE auth_oauth_attempt SET used_at = ? WHERE id = ? AND used_at IS NULL').run(at, id).changes === 1;
  }

  apiSecret(attemptId: string): string {
    const row = this.db.statement('SELECT api_secret_sealed FROM auth_oauth_attempt WHERE id = ?').get(attemptId) as
      | Pick<AttemptRow, 'api_secret_sealed'>
      | undefined;
    if (!row) throw new Error(`OAuth attempt ${attemptId} not found`);
    return this.secrets.open(row.api_secret_sealed, secretAad(attemptId));
  }

  /** After the exchange the pending secret is no longer needed here (it moved to the connection, or failed). */
  forgetSecret(attemptId: string): void {
    this.db.statement("UPDATE auth_oauth_attempt SET api_secret_sealed = '' WHERE id = ?").run(attemptId);
  }

  /** The newest attempt that can still complete, if any (drives the `pending` state). */
  pending(now: number): OAuthAttempt | null {
    const row = this.db.statement('SELECT * FROM auth_oauth_attempt WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1')
      .get(now) as AttemptRow | undefined;
    return row ? toAttempt(row) : null;
  }

  /** Closes every open attempt and drops the stored pending secrets (disconnect). */
  clear(): void {
    this.db.statement('DELETE FROM auth_oauth_attempt').run();
  }
}
