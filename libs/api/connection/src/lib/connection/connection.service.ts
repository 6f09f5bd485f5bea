import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConnectionStatus, DeskError, UpstoxEnvironment } from '@desk/contracts';
import { Clock, SecretBoxError } from '@desk/api/core';
import { UpstoxApiError, UpstoxAuth, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { CONNECTION_OPTIONS, ConnectionOptions } from '../connection.options';
import { ConnectionRepository, ExpiryCause } from '../persistence/connection.repository';
import { OAuthAttemptRepository } from '../persistence/oauth-attempt.repository';
import { PortfolioStreamService } from '../stream/portfolio-stream.service';
import { connectionExpired, extendedTokenNotPermitted, notAuthenticated, RECONNECT_TO_TRADE } from './connection-errors';
import { deriveStatus, describeExpiryCause, expiryReason, isExpired, KEY_CHANGED, tokenRejected } from './connection-state';

/** Upstox sandbox tokens are generated in the developer console and live 30 days (CONTRACT §2.4). */
export const SANDBOX_TOKEN_LIFETIME_MS = 30 * 24 * 3600_000;

/** The connection resolved once for one request: see ConnectionService.openSession / withSession. */
export interface UpstoxSession {
  readonly auth: UpstoxAuth;
  readonly connectionId: string;
}

/** Upstox's "not permitted with an extended_token" (CONTRACT §2.4): the token is fine, this API is not for it. */
export function isExtendedTokenRefusal(error: unknown): error is UpstoxApiError {
  return error instanceof UpstoxApiError && error.upstoxCode === 'UDAPI100067';
}

/** Whether an Upstox error says the token itself is dead (expired, revoked, bad): 401 UDAPI100050. */
export function isTokenRejected(error: unknown): error is UpstoxApiError {
  if (!(error instanceof UpstoxApiError)) return false;
  return error.upstoxCode === 'UDAPI100050' || (error.upstreamStatus === 401 && !error.upstoxCode);
}

/**
 * The single Upstox connection: its status and the tokens other modules call Upstox with (requireAuth / withUpstox,
 * openSession / withSession for writes, withReader for reads that may use the extended token). Making and removing
 * a connection is ConnectionSetup's (Option B, disconnect) and OAuthFlowService's (Option A).
 */
@Injectable()
export class ConnectionService {
  private readonly logger = new Logger('UpstoxConnection');

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly attempts: OAuthAttemptRepository,
    private readonly endpoints: UpstoxEndpointsResolver,
    private readonly clock: Clock,
    @Inject(CONNECTION_OPTIONS) private readonly options: ConnectionOptions,
    @Optional() private readonly stream?: PortfolioStreamService,
  ) {}

  status(): ConnectionStatus {
    const now = this.clock.now().getTime();
    const status = deriveStatus({
      connection: this.connections.current(),
      pending: this.attempts.pending(now),
      lastFailure: this.connections.lastFailure(),
      now,
      defaultRedirectUri: this.options.defaultRedirectUri,
    });
    return status.state === 'connected' ? { ...status, stream: this.stream?.status() ?? null } : status;
  }

  /** The environment of the stored connection (also when expired), or null. */
  environment(): UpstoxEnvironment | null {
    return this.connections.current()?.environment ?? null;
  }

  /**
   * The stored connection while it can be used (not expired), without any secret: for services that hold a socket
   * per connection like the portfolio stream does (the market data feed). Null when there is none or it expired.
   */
  usableConnection(): { connectionId: string; environment: UpstoxEnvironment; expiresAt: number } | null {
    const c = this.connections.current();
    if (!c || isExpired(c, this.clock.now().getTime())) return null;
    return { connectionId: c.connectionId, environment: c.environment, expiresAt: c.expiresAt };
  }

  /**
   * Upstox refused this connection's token on a socket (HTTP 401 at authorize or upgrade): the connection is expired
   * from now on, exactly as after a REST 401 (which closes every stream). A newer connection is left alone.
   */
  rejectToken(connectionId: string, cause: ExpiryCause): boolean {
    const marked = this.connections.markExpired(connectionId, cause);
    if (marked) this.logger.warn(`Upstox connection marked expired: ${cause.reason}`);
    return marked;
  }

  /** The credentials for an Upstox call, or NOT_AUTHENTICATED / CONNECTION_EXPIRED ('Not authenticated'). */
  async requireAuth(): Promise<UpstoxAuth> {
    return this.authorize().auth;
  }

  /**
   * The connection for a request that makes several Upstox calls (an order: last price, then the broker call):
   * the stored token is decrypted once here, and each call passes the session to withSession. Throws
   * NOT_AUTHENTICATED / CONNECTION_EXPIRED like requireAuth.
   */
  openSession(): UpstoxSession {
    return this.authorize();
  }

  /**
   * Runs one Upstox call with the connection's token. A 401 UDAPI100050 marks this connection expired and
   * becomes CONNECTION_EXPIRED, so every later call is refused locally until the user reconnects.
   */
  async withUpstox<T>(fn: (auth: UpstoxAuth) => Promise<T>): Promise<T> {
    return this.call(this.authorize(), fn);
  }

  /**
   * withUpstox with a session opened earlier in the same request (null: open one now). The stored connection is
   * still checked before the call, without decrypting again: gone or expired meanwhile refuses the call as
   * withUpstox would; replaced by a new connection, the new one's token is used.
   */
  async withSession<T>(session: UpstoxSession | null, fn: (auth: UpstoxAuth) => Promise<T>): Promise<T> {
    const current = session ? this.connections.current() : null;
    const still = session && current?.connectionId === session.connectionId && !isExpired(current, this.clock.now().getTime());
    return this.call(still ? session : this.authorize(), fn);
  }

  /**
   * An account read (order book, trades, positions, holdings, funds, profile): with the access token while it lives
   * (exactly withUpstox), else with the read-only extended token when Upstox gave one, so the dashboard stays useful
   * after 03:30 IST. Upstox refusing this API for the extended token (UDAPI100067) is EXTENDED_TOKEN_NOT_PERMITTED
   * ("Reconnect to <purpose>"), never retried and never fatal for the connection; refusing the extended token itself
   * (UDAPI100050) forgets it, so the connection is plainly expired from then on.
   */
  async withReader<T>(purpose: string, fn: (auth: UpstoxAuth) => Promise<T>): Promise<T> {
    let connection = this.connections.current();
    if (connection && !isExpired(connection, this.clock.now().getTime())) {
      try {
        return await this.withUpstox(fn);
      } catch (error) {
        // Upstox refused the access token just now (03:30 IST passed, or revoked): this read goes on with the extended one.
        const after = this.connections.current();
        const died = error instanceof DeskError && error.code === 'CONNECTION_EXPIRED' && after?.connectionId === connection.connectionId;
        if (!died || !after.hasExtendedToken) throw error;
        connection = after;
      }
    }
    if (!connection || !connection.hasExtendedToken) return this.withUpstox(fn);
    const extendedToken = this.openExtendedToken(connection.connectionId);
    if (!extendedToken) throw connectionExpired(expiryReason(connection));
    try {
      return await fn({ endpoints: this.endpoints.resolve(connection.environment), accessToken: extendedToken });
    } catch (error) {
      if (isExtendedTokenRefusal(error)) {
        this.logger.warn(`Upstox does not allow this read with the extended token (${purpose}): ${error.logDetail ?? error.message}`);
        throw extendedTokenNotPermitted(purpose);
      }
      if (!isTokenRejected(error)) throw error;
      if (this.connections.forgetExtendedToken(connection.connectionId)) {
        this.logger.warn(`Upstox refused the read-only extended token (${error.upstoxCode ?? 'HTTP 401'}); it is forgotten: ${error.logDetail ?? error.message}`);
      }
      throw connectionExpired(`${expiryReason(connection)} Upstox refused the read-only extended token too.`, error.upstoxCode);
    }
  }

  private async call<T>({ auth, connectionId }: UpstoxSession, fn: (auth: UpstoxAuth) => Promise<T>): Promise<T> {
    try {
      return await fn(auth);
    } catch (error) {
      if (!isTokenRejected(error)) throw error;
      const cause = tokenRejected(error.upstoxCode ?? 'HTTP 401');
      if (this.connections.markExpired(connectionId, cause)) {
        this.logger.warn(`Upstox connection marked expired after ${error.upstoxCode ?? 'HTTP 401'}: ${error.logDetail ?? error.message}`);
      }
      throw connectionExpired(describeExpiryCause(cause, auth.endpoints.environment), error.upstoxCode);
    }
  }

  private authorize(): UpstoxSession {
    const now = this.clock.now().getTime();
    const connection = this.connections.current();
    if (!connection) throw notAuthenticated(this.attempts.pending(now) !== null);
    if (isExpired(connection, now)) {
      throw connectionExpired(expiryReason(connection), undefined, connection.hasExtendedToken ? RECONNECT_TO_TRADE : undefined);
    }
    const accessToken = this.openAccessToken(connection.connectionId);
    if (!accessToken) throw notAuthenticated(false);
    return { auth: { endpoints: this.endpoints.resolve(connection.environment), accessToken }, connectionId: connection.connectionId };
  }

  /**
   * A token sealed under another encryption key (DESK_ENCRYPTION_KEY or the key file changed) can never be
   * used again: the connection counts as expired with that cause, instead of a bare 500 on every Upstox route.
   */
  private openAccessToken(connectionId: string): string | null {
    try {
      return this.connections.accessToken(connectionId);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      if (this.connections.markExpired(connectionId, KEY_CHANGED)) this.logger.warn(`Upstox connection marked expired: ${error.message}`);
      throw connectionExpired(KEY_CHANGED.reason);
    }
  }

  /** The extended token, or null when it cannot be decrypted any more (then it is forgotten: reads stop using it). */
  private openExtendedToken(connectionId: string): string | null {
    try {
      return this.connections.extendedToken(connectionId);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      if (this.connections.forgetExtendedToken(connectionId)) this.logger.warn(`Upstox extended token forgotten: ${error.message}`);
      return null;
    }
  }
}
