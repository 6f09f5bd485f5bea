import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConnectionStatus, ConnectWithTokenRequest, DeskError, ERROR_TITLES, nextTokenExpiry, SimulatorAppCredentials } from '@desk/contracts';
import { Clock, SecretBoxError } from '@desk/api/core';
import { SimulatorAppLookup, UpstoxClient, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { ConnectionRepository } from '../persistence/connection.repository';
import { OAuthAttemptRepository } from '../persistence/oauth-attempt.repository';
import { simulatorNotRunning } from './connection-errors';
import { isExpired } from './connection-state';
import { ConnectionService, isTokenRejected, SANDBOX_TOKEN_LIFETIME_MS } from './connection.service';

/**
 * Making and removing the connection outside the OAuth flow: Option B of the guide (a pasted access token, checked
 * with a profile call), disconnecting (with a best-effort logout at Upstox) and the simulator's demo app.
 */
@Injectable()
export class ConnectionSetup {
  private readonly logger = new Logger('UpstoxConnection');

  constructor(
    private readonly connection: ConnectionService,
    private readonly connections: ConnectionRepository,
    private readonly attempts: OAuthAttemptRepository,
    private readonly upstox: UpstoxClient,
    private readonly endpoints: UpstoxEndpointsResolver,
    private readonly simulatorApps: SimulatorAppLookup,
    private readonly clock: Clock,
  ) {}

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
    return this.connection.status();
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
    return this.connection.status();
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
