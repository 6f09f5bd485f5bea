import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { nextTokenExpiry, StartOAuthRequest, StartOAuthResponse } from '@desk/contracts';
import { UpstoxClient, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { CONNECTION_OPTIONS, ConnectionOptions } from '../connection.options';
import { oauthNotInSandbox } from '../connection/connection-errors';
import { CallbackPage } from '../pages/callback-pages';
import { ConnectionRepository } from '../persistence/connection.repository';
import { OAuthAttempt, OAuthAttemptRepository } from '../persistence/oauth-attempt.repository';
import {
  accessDenied,
  browserMismatch,
  CallbackFailure,
  codeMissing,
  exchangeFailure,
  stateFailure,
  upstoxErrorParameter,
} from './callback-failures';
import { Clock, randomToken, sameHash } from '@desk/api/core';
import { looksLikeState, oauthHash } from './oauth-secrets';

/** The query of GET /callback as Express parsed it: a repeated parameter arrives as an array. */
export type CallbackQuery = Record<string, unknown>;

export interface StartedFlow extends StartOAuthResponse {
  /** Random value for the transaction cookie; only its hash is stored. */
  browserBinding: string;
  ttlMs: number;
}

export interface CallbackResult {
  page: CallbackPage;
  /** The failure, for tests and logs; absent on success. */
  failure?: CallbackFailure;
  /** Whether the Upstox token endpoint was called (at most once per state). */
  exchanged: boolean;
  /**
   * Whether this callback identified and consumed the browser's flow. Only then is the transaction cookie
   * cleared: a forged callback (state unknown) must not break a flow the user has in progress.
   */
  consumed: boolean;
}

const MAX_CODE_LENGTH = 512;

/** One string value of a query parameter; arrays (repeated parameters) and oversized values count as absent. */
function single(query: CallbackQuery, name: string, maxLength: number): string | null {
  const value = query[name];
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength ? value : null;
}

/**
 * Option A of the guide: the Upstox OAuth authorization-code flow without PKCE (Upstox has none), so the
 * defence is `state`: 32 random bytes, stored hashed, single-use, short-lived and bound to the browser that
 * started the flow by a transaction cookie. Every check runs before the token endpoint is called, the code is
 * exchanged exactly once (Upstox consumes it even on failure), and no failure ever throws at the user.
 */
@Injectable()
export class OAuthFlowService {
  private readonly logger = new Logger('UpstoxOAuth');

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly attempts: OAuthAttemptRepository,
    private readonly upstox: UpstoxClient,
    private readonly endpoints: UpstoxEndpointsResolver,
    private readonly clock: Clock,
    @Inject(CONNECTION_OPTIONS) private readonly options: ConnectionOptions,
  ) {}

  start(request: StartOAuthRequest): StartedFlow {
    if (request.environment === 'sandbox') throw oauthNotInSandbox();
    const endpoints = this.endpoints.resolve(request.environment);
    const state = randomToken();
    const browserBinding = randomToken();
    const now = this.clock.now().getTime();
    const attemptId = randomUUID();
    this.attempts.create({
      id: attemptId,
      stateHash: oauthHash(state),
      bindingHash: oauthHash(browserBinding),
      environment: request.environment,
      apiKey: request.apiKey,
      apiSecret: request.apiSecret,
      redirectUri: request.redirectUri,
      createdAt: now,
      expiresAt: now + this.options.stateTtlMs,
    });
    const authorizationUrl = this.upstox.authorizationUrl(endpoints, { clientId: request.apiKey, redirectUri: request.redirectUri, state });
    this.logger.log(`OAuth flow ${attemptId} started (environment ${request.environment}, redirect URI ${request.redirectUri})`);
    return { authorizationUrl, browserBinding, ttlMs: this.options.stateTtlMs };
  }

  /** Handles the redirect back from Upstox. Never throws: every outcome is a page. */
  async complete(query: CallbackQuery, browserBinding: string | null): Promise<CallbackResult> {
    try {
      return await this.completeChecked(query, browserBinding);
    } catch (error) {
      // A storage or decryption failure (e.g. a changed encryption key) still ends on a page, not a stack trace.
      const failure = exchangeFailure(error, '');
      this.logger.error(`OAuth callback failed unexpectedly: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
      return { page: { kind: 'failed', cause: 'The sign-in could not be completed because of an unexpected error on this server.', nextStep: failure.page.nextStep }, failure, exchanged: false, consumed: true };
    }
  }

  private async completeChecked(query: CallbackQuery, browserBinding: string | null): Promise<CallbackResult> {
    const checked = this.checkState(query, browserBinding);
    if ('failure' in checked) return this.fail(checked.failure, null);
    const attempt = checked.attempt;

    const error = single(query, 'error', 200);
    if (error !== null || query['error'] !== undefined) {
      return this.fail(error === 'access_denied' ? accessDenied() : upstoxErrorParameter((error ?? 'unknown').replace(/[^\w.-]/g, '').slice(0, 60)), attempt);
    }
    const code = single(query, 'code', MAX_CODE_LENGTH);
    if (code === null) return this.fail(codeMissing(), attempt);

    const endpoints = this.endpoints.resolve(attempt.environment);
    const clientSecret = this.attempts.apiSecret(attempt.id);
    let token;
    try {
      token = await this.upstox.exchangeCode(endpoints, { code, clientId: attempt.apiKey, clientSecret, redirectUri: attempt.redirectUri });
    } catch (exchangeError) {
      this.attempts.forgetSecret(attempt.id);
      return { ...this.fail(exchangeFailure(exchangeError, attempt.redirectUri), attempt), exchanged: true };
    }
    const now = this.clock.now();
    this.connections.save({
      connectionId: randomUUID(),
      via: 'oauth',
      environment: attempt.environment,
      apiKey: attempt.apiKey,
      apiSecret: clientSecret,
      accessToken: token.accessToken,
      extendedToken: token.extendedToken ?? null,
      redirectUri: attempt.redirectUri,
      userId: token.profile.userId,
      userName: token.profile.userName,
      connectedAt: now.getTime(),
      expiresAt: nextTokenExpiry(now).getTime(),
    });
    this.attempts.forgetSecret(attempt.id);
    this.logger.log(
      `OAuth flow ${attempt.id} connected Upstox user ${token.profile.userId} (environment ${attempt.environment}${token.extendedToken ? ', with a read-only extended token' : ''})`,
    );
    return { page: { kind: 'ok', userName: token.profile.userName, simulated: attempt.environment === 'simulator' }, exchanged: true, consumed: true };
  }

  /**
   * state present and well-formed -> known -> unused -> unexpired -> bound to this browser -> consumed
   * atomically. Only then may the code be looked at.
   */
  private checkState(query: CallbackQuery, browserBinding: string | null): { attempt: OAuthAttempt } | { failure: CallbackFailure } {
    const ttlMinutes = Math.round(this.options.stateTtlMs / 60_000);
    const state = single(query, 'state', 100);
    if (state === null) return { failure: stateFailure(query['state'] === undefined ? 'state_missing' : 'state_unknown', ttlMinutes) };
    if (!looksLikeState(state)) return { failure: stateFailure('state_unknown', ttlMinutes) };
    const attempt = this.attempts.findByStateHash(oauthHash(state));
    if (!attempt) return { failure: stateFailure('state_unknown', ttlMinutes) };
    if (attempt.usedAt !== null) return { failure: stateFailure('state_reused', ttlMinutes) };
    const now = this.clock.now().getTime();
    if (now >= attempt.expiresAt) return { failure: stateFailure('state_expired', ttlMinutes) };
    if (browserBinding === null || !sameHash(oauthHash(browserBinding), attempt.bindingHash)) {
      return { failure: browserMismatch(browserBinding !== null, attempt.redirectUri) };
    }
    if (!this.attempts.consume(attempt.id, now)) return { failure: stateFailure('state_reused', ttlMinutes) };
    return { attempt };
  }

  /**
   * Logs the reason (never the code, state, token or secret). A failure of an identified flow (state valid)
   * also becomes the connection status' reason; a failure before that (forged or stale callback) changes nothing.
   */
  private fail(failure: CallbackFailure, attempt: OAuthAttempt | null): CallbackResult {
    const flow = attempt ? `OAuth flow ${attempt.id}` : 'OAuth callback';
    this.logger.warn(`${flow} failed: ${failure.kind} [${failure.code}${failure.upstoxCode ? ` ${failure.upstoxCode}` : ''}] ${failure.logDetail}`);
    if (attempt) this.connections.recordFailure(`Authorization Failed: ${failure.page.cause}`, this.clock.now().getTime());
    return { page: failure.page, failure, exchanged: false, consumed: attempt !== null };
  }
}
