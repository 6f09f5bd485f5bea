import { Injectable, computed, inject } from '@angular/core';
import { ConnectWithTokenRequest, ConnectionStatus, SimulatorAppCredentials, StartOAuthRequest } from '@desk/contracts';
import { ActionResult, attempt } from '@desk/web/http';
import { ConnectionApi } from './connection-api';
import { ConnectionClock } from './connection-clock';
import { describeConnection, isPastExpiry, isReadOnly } from './connection-display';
import { ConnectionStatusStore } from './connection-status-store';
import { OAuthPopupWatch, OAuthStart } from './oauth-popup-watch';
import { OAuthWindow } from './oauth-window';

export type { ActionResult } from '@desk/web/http';

/**
 * The Upstox connection as the components see it: one place to inject, delegating to the status
 * (ConnectionStatusStore), the OAuth popup watch (OAuthPopupWatch) and the clock (ConnectionClock).
 */
@Injectable({ providedIn: 'root' })
export class ConnectionStore {
  private readonly api = inject(ConnectionApi);
  private readonly oauthWindow = inject(OAuthWindow);
  private readonly connection = inject(ConnectionStatusStore);
  private readonly clock = inject(ConnectionClock);
  private readonly oauth = inject(OAuthPopupWatch);

  readonly status = this.connection.status;
  readonly checking = this.connection.checking;
  /** Why the status could not be read (the api itself failed). */
  readonly error = this.connection.error;
  /** The last status read got no answer from the api: the status is only the one last seen. */
  readonly apiUnreachable = this.connection.apiUnreachable;
  /** True from the OAuth start until the api reports the flow finished. */
  readonly awaitingAuthorization = this.oauth.awaiting;
  /** Set when the OAuth flow ended without a connection (the /callback failed). */
  readonly authorizationError = this.oauth.authorizationError;
  /** A connect or disconnect request is in flight. */
  readonly busy = computed(() => this.connection.busy() || this.oauth.starting());
  readonly now = this.clock.now;

  readonly view = computed(() =>
    describeConnection(
      this.status(),
      {
        awaitingAuthorization: this.oauth.awaiting(),
        checking: this.checking(),
        authorizationAbandoned: this.oauth.abandoned(),
        apiUnreachable: this.connection.apiUnreachable(),
      },
      this.now(),
    ),
  );
  readonly isConnected = computed(() => {
    const status = this.status();
    return status !== null && status.state === 'connected' && !isPastExpiry(status, this.now());
  });
  /** Expired for trading, but the account still reads with the extended token (until the user reconnects). */
  readonly readOnly = computed(() => isReadOnly(this.status()));
  /** The account can be read: connected, or read-only. Trading needs isConnected. */
  readonly canRead = computed(() => this.isConnected() || this.readOnly());
  readonly environment = computed(() => this.status()?.environment ?? null);
  readonly simulated = computed(() => this.status()?.simulated ?? false);

  refresh(): Promise<ConnectionStatus | null> {
    return this.connection.refresh();
  }

  /** Keeps "time left" current and notices expiry (03:30 IST) or a revoked token. */
  startClock(): void {
    this.clock.start();
  }

  stopClock(): void {
    this.clock.stop();
  }

  loadSimulatorApp(): Promise<ActionResult<SimulatorAppCredentials>> {
    return attempt(() => this.api.simulatorApp());
  }

  /** Option A (see OAuthPopupWatch.start). */
  startOAuth(request: StartOAuthRequest, popup: Window | null): Promise<OAuthStart> {
    return this.oauth.start(request, popup);
  }

  continueInThisWindow(authorizationUrl: string): void {
    this.oauthWindow.redirectHere(authorizationUrl);
  }

  /** The user gave up waiting for the popup; the api keeps its pending flow until it expires. */
  stopWaiting(): void {
    this.oauth.stopWaiting();
  }

  /** Option B. */
  async connectWithToken(request: ConnectWithTokenRequest): Promise<ActionResult> {
    this.oauth.clearOutcome();
    const result = await this.connection.connectWithToken(request);
    // A token connection ends any OAuth wait (the new status has settled it already).
    if (result.ok) this.oauth.stop();
    return result;
  }

  disconnect(): Promise<ActionResult> {
    return this.connection.disconnect(() => this.oauth.stop());
  }
}
