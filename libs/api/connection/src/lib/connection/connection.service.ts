import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ConnectionStatus,
  ConnectWithTokenRequest,
  DeskError,
  ERROR_TITLES,
  nextTokenExpiry,
  SimulatorAppCredentials,
  UpstoxEnvironment,
} from '@desk/contracts';
import { Clock, SecretBoxError } from '@desk/api/core';
import { SimulatorAppLookup, UpstoxApiError, UpstoxAuth, UpstoxClient, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { CONNECTION_OPTIONS, ConnectionOptions } from '../connection.options';
import { ConnectionRepository } from '../persistence/connection.repository';
import { OAuthAttemptRepository } from '../persistence/oauth-attempt.repository';
import { PortfolioStreamService } from '../stream/portfolio-stream.service';
import { connectionExpired, extendedTokenNotPermitted, notAuthenticated, RECONNECT_TO_TRADE, simulatorNotRunning } from './connection-errors';
import { deriveStatus, expiryReason, isExpired } from './connection-state';

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
 * The single Upstox connection: its status, the access token for other modules (requireAuth / withUpstox),
 * the pasted-token flow (Option B of the guide) and disconnecting. The OAuth flow lives in OAuthFlowService.
 */
@Injectable()
export class ConnectionService {
  private readonly logger = new Logger('UpstoxConnection');

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly attempts: OAuthAttemptRepository,
    private readonly upstox: UpstoxClient,
    private readonly endpoints: UpstoxEndpointsResolver,
    private readonly simulatorApps: SimulatorAppLookup,
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
  rejectToken(connectionId: string, reason: string): boolean {
    const marked = this.connections.markExpired(connectionId, reason);
    if (marked) this.logger.warn(`Upstox connection marked expired: ${reason}`);
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
      const reason = `Upstox rejected the access token (${error.upstoxCode ?? 'HTTP 401'}): the Upstox session expired or the token was revoked.`;
      if (this.connections.markExpired(connectionId, reason)) {
        this.logger.warn(`Upstox connection marked expired after ${error.upstoxCode ?? 'HTTP 401'}: ${error.logDetail ?? error.message}`);
      }
      throw connectionExpired(reason, error.upstoxCode);
    }
  }

  /** Option B: an existing access token, checked with a profile call before it counts as connected. */
  async connectWithToken(request: ConnectWithTokenRequest): Promise<ConnectionStatus> {
    const endpoints = this.endpoints.resolve(request.environment);
    const now = this.clock.now();
    let userId: string | null = null;
    let userName: string | null = null;
    let expiresAt = nextTokenExpiry(now).getTime();
    if (request.environment === 'sandbox') {
      // The sandbox serves order writes only: there is no profile call to check the token with. Its tokens live
      // 30 days from generation; we cannot see when it was generated, so 30 days from now is an upper bound and a
      // 401 from the sandbox marks the connection expired earlier.
      expiresAt = now.getTime() + SANDBOX_TOKEN_LIFETIME_MS;
    } else {
      try {
        const profile = await this.upstox.getProfile({ endpoints, accessToken: request.accessToken });
        userId = profile.userId;
        userName = profile.userName;
      } catch (error) {
        throw this.tokenCheckFailed(error, request);
      }
    }
    this.connections.save({
      connectionId: randomUUID(),
      via: 'token',
      environment: request.environment,
      apiKey: request.apiKey,
      apiSecret: request.apiSecret,
      accessToken: request.accessToken,
      redirectUri: null,
      userId,
      userName,
      connectedAt: now.getTime(),
      expiresAt,
    });
    this.attempts.clear();
    this.logger.log(`Upstox connected with a pasted access token (environment ${request.environment}${userId ? `, user ${userId}` : ', not verifiable in the sandbox'})`);
    return this.status();
  }

  /** Logs out at Upstox (best effort) and forgets the token, the secret and any pending flow. */
  async disconnect(): Promise<ConnectionStatus> {
    const connection = this.connections.current();
    if (connection && connection.environment !== 'sandbox' && !isExpired(connection, this.clock.now().getTime())) {
      // A token that no longer decrypts (encryption key changed) cannot be logged out; it is forgotten anyway.
      const accessToken = this.readableAccessToken(connection.connectionId);
      if (accessToken) {
        try {
          await this.upstox.logout({ endpoints: this.endpoints.resolve(connection.environment), accessToken });
        } catch (error) {
          const detail = error instanceof DeskError ? `${error.code} ${error.logDetail ?? ''}` : String(error);
          this.logger.warn(`Upstox logout failed (token forgotten locally anyway): ${detail}`);
        }
      }
    }
    this.connections.clear();
    this.attempts.clear();
    this.logger.log('Upstox connection removed');
    return this.status();
  }

  /** The running simulator's demo app, so a new user can try the product without an Upstox account. */
  async simulatorApp(): Promise<SimulatorAppCredentials> {
    const simUrl = this.endpoints.resolve('simulator').apiUrl;
    try {
      return await this.simulatorApps.demoApp(simUrl);
    } catch (error) {
      const detail = error instanceof DeskError ? `${error.code} ${error.logDetail ?? ''}` : String(error);
      this.logger.warn(`simulator demo app not available at ${simUrl}: ${detail}`);
      throw simulatorNotRunning(simUrl, error instanceof DeskError ? error.message : 'no answer');
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
      const reason =
        "The stored Upstox access token cannot be decrypted: this server's encryption key changed (DESK_ENCRYPTION_KEY or the key file in the data folder).";
      if (this.connections.markExpired(connectionId, reason)) this.logger.warn(`Upstox connection marked expired: ${error.message}`);
      throw connectionExpired(reason);
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

  private readableAccessToken(connectionId: string): string | null {
    try {
      return this.connections.accessToken(connectionId);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      return null;
    }
  }

  private tokenCheckFailed(error: unknown, request: ConnectWithTokenRequest): DeskError {
    const desk = error instanceof DeskError ? error : null;
    let failure: DeskError;
    if (desk && (desk.code === 'TOKEN_INVALID' || isTokenRejected(desk))) {
      failure = new DeskError({
        code: 'TOKEN_INVALID',
        title: ERROR_TITLES.connectionFailed,
        httpStatus: 400,
        message: `Invalid access token: Upstox rejected it as invalid or expired${desk.upstoxCode ? ` (${desk.upstoxCode})` : ''}.`,
        nextStep: 'Generate a new access token and paste it again, or try using the OAuth flow instead of a direct token.',
        upstoxCode: desk.upstoxCode,
      });
    } else if (desk && (desk.code === 'UPSTOX_UNREACHABLE' || desk.code === 'UPSTOX_TIMEOUT')) {
      failure = new DeskError({
        code: desk.code,
        title: ERROR_TITLES.connectionFailed,
        httpStatus: desk.httpStatus,
        message: `Network issue: ${desk.message}`,
        nextStep: 'Check your internet connection and whether the Upstox API is accessible, then try again.',
      });
    } else {
      failure = new DeskError({
        code: desk?.code ?? 'INTERNAL_ERROR',
        title: ERROR_TITLES.connectionFailed,
        httpStatus: desk?.httpStatus ?? 502,
        message: desk?.message ?? 'The access token could not be checked with Upstox.',
        nextStep: desk?.nextStep ?? 'Verify your API credentials are correct, then try again; check the server logs for details.',
        upstoxCode: desk?.upstoxCode,
      });
    }
    this.logger.warn(
      `pasted-token connection failed (environment ${request.environment}): ${failure.code} ${desk?.logDetail ?? (error instanceof Error ? error.name : '')}`.trim(),
    );
    this.connections.recordFailure(`${failure.title}: ${failure.message}`, this.clock.now().getTime());
    return failure;
  }
}

