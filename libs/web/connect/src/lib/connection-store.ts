import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ApiErrorBody,
  ConnectWithTokenRequest,
  ConnectionStatus,
  DEFAULT_REDIRECT_URI,
  SimulatorAppCredentials,
  StartOAuthRequest,
} from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { toApiErrorBody } from '@desk/web/http';
import { ConnectionApi } from './connection-api';
import { describeConnection, isPastExpiry } from './connection-display';
import { OAuthWindow } from './oauth-window';

export type ActionResult<T = void> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
export type OAuthStart =
  | { kind: 'popup' }
  | { kind: 'blocked'; authorizationUrl: string }
  | { kind: 'failed'; error: ApiErrorBody };

/** While the user authorizes in the popup we ask the api every 2 s, and give up after 15 min. */
export const OAUTH_POLL_MS = 2_000;
const OAUTH_GIVE_UP_MS = 15 * 60_000;
/** "Time left" in the top bar moves once every 30 s; the status is re-read at the same beat. */
export const CLOCK_TICK_MS = 30_000;
/** How often we look whether the user closed the Upstox popup before the flow finished. */
export const POPUP_WATCH_MS = 500;

function authorizationNextStep(redirectUri: string): string {
  return (
    `Check that the Redirect URI in your Upstox app settings is exactly ${redirectUri}, ` +
    'that the API Key and Secret are correct, then click Connect to try again.'
  );
}

/**
 * The popup closed and the api never heard back: Upstox showed its own error page there (for a
 * Redirect URI that is not the registered one: UDAPI100068), or the user gave up. We cannot see
 * that page (another origin), so we name the guide's causes with both URIs to compare.
 */
export function popupClosedFailure(sentRedirectUri: string): ApiErrorBody {
  return failure(
    'The Upstox window was closed before the authorization finished. If Upstox showed an error there ' +
      `(such as UDAPI100068), the Redirect URI sent, ${sentRedirectUri}, does not match the one in your Upstox app ` +
      'settings; the API Key may also be wrong, or the sign-in was not completed.',
    `Verify the Redirect URI in your Upstox app settings matches exactly ${sentRedirectUri} ` +
      `(the guide's default is ${DEFAULT_REDIRECT_URI}), make sure the API Key and Secret are correct, ` +
      'then click Connect to try again.',
  );
}

/** The Upstox connection: its status, Option A (OAuth popup), Option B (token), disconnect. */
@Injectable({ providedIn: 'root' })
export class ConnectionStore {
  private readonly api = inject(ConnectionApi);
  private readonly oauthWindow = inject(OAuthWindow);

  private readonly _status = signal<ConnectionStatus | null>(null);
  private readonly _checking = signal(false);
  private readonly _error = signal<ApiErrorBody | null>(null);
  private readonly _awaiting = signal(false);
  private readonly _authorizationError = signal<ApiErrorBody | null>(null);
  private readonly _busy = signal(false);
  private readonly _now = signal(new Date());
  /** The popup was closed (or the wait stopped) before the flow finished: a pending flow is not "Connecting...". */
  private readonly _abandoned = signal(false);

  readonly status = this._status.asReadonly();
  readonly checking = this._checking.asReadonly();
  /** Why the status could not be read (the api itself failed). */
  readonly error = this._error.asReadonly();
  /** True from the OAuth start until the api reports the flow finished. */
  readonly awaitingAuthorization = this._awaiting.asReadonly();
  /** Set when the OAuth flow ended without a connection (the /callback failed). */
  readonly authorizationError = this._authorizationError.asReadonly();
  /** A connect or disconnect request is in flight. */
  readonly busy = this._busy.asReadonly();
  readonly now = this._now.asReadonly();

  readonly view = computed(() =>
    describeConnection(
      this._status(),
      { awaitingAuthorization: this._awaiting(), checking: this._checking(), authorizationAbandoned: this._abandoned() },
      this._now(),
    ),
  );
  readonly isConnected = computed(() => {
    const status = this._status();
    return status !== null && status.state === 'connected' && !isPastExpiry(status, this._now());
  });
  readonly environment = computed(() => this._status()?.environment ?? null);
  readonly simulated = computed(() => this._status()?.simulated ?? false);

  private stopListening: (() => void) | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private popupWatch: ReturnType<typeof setInterval> | undefined;
  private clockTimer: ReturnType<typeof setInterval> | undefined;
  private awaitingSince = 0;

  constructor() {
    const destroyRef = inject(DestroyRef);
    // The api pushes its connection (and its Upstox stream's state) as it changes: no 30 s wait for the top bar.
    inject(DeskEvents)
      .on('connection')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.apply(data));
    destroyRef.onDestroy(() => {
      this.stopAwaiting();
      this.stopClock();
    });
  }

  async refresh(): Promise<ConnectionStatus | null> {
    this._checking.set(true);
    try {
      const status = await this.api.status();
      this.apply(status);
      this._error.set(null);
      return status;
    } catch (e) {
      this._error.set(toApiErrorBody(e));
      return null;
    } finally {
      this._checking.set(false);
    }
  }

  /** Keeps "time left" current and notices expiry (03:30 IST) or a revoked token. */
  startClock(): void {
    if (this.clockTimer) return;
    this.clockTimer = setInterval(() => {
      this._now.set(new Date());
      void this.refresh();
    }, CLOCK_TICK_MS);
  }

  stopClock(): void {
    clearInterval(this.clockTimer);
    this.clockTimer = undefined;
  }

  async loadSimulatorApp(): Promise<ActionResult<SimulatorAppCredentials>> {
    try {
      return { ok: true, value: await this.api.simulatorApp() };
    } catch (e) {
      return { ok: false, error: toApiErrorBody(e) };
    }
  }

  /**
   * Option A. `popup` was opened by the caller inside the click handler (null when blocked);
   * it is sent to Upstox's authorization page once the api has recorded the pending flow.
   */
  async startOAuth(request: StartOAuthRequest, popup: Window | null): Promise<OAuthStart> {
    this._authorizationError.set(null);
    this._abandoned.set(false);
    this._busy.set(true);
    try {
      const { authorizationUrl } = await this.api.startOAuth(request);
      this.awaitAuthorization();
      if (!popup) return { kind: 'blocked', authorizationUrl };
      this.oauthWindow.navigatePopup(popup, authorizationUrl);
      this.watchPopup(popup, request.redirectUri);
      return { kind: 'popup' };
    } catch (e) {
      this.oauthWindow.closePopup(popup);
      return { kind: 'failed', error: toApiErrorBody(e) };
    } finally {
      this._busy.set(false);
    }
  }

  continueInThisWindow(authorizationUrl: string): void {
    this.oauthWindow.redirectHere(authorizationUrl);
  }

  /** The user gave up waiting for the popup; the api keeps its pending flow until it expires. */
  stopWaiting(): void {
    if (this._awaiting()) this._abandoned.set(true);
    this.stopAwaiting();
  }

  /** Option B. */
  async connectWithToken(request: ConnectWithTokenRequest): Promise<ActionResult> {
    this._authorizationError.set(null);
    this._abandoned.set(false);
    this._busy.set(true);
    try {
      const status = await this.api.connectWithToken(request);
      this.stopAwaiting();
      this._status.set(status);
      this._now.set(new Date());
      return { ok: true, value: undefined };
    } catch (e) {
      return { ok: false, error: toApiErrorBody(e) };
    } finally {
      this._busy.set(false);
    }
  }

  async disconnect(): Promise<ActionResult> {
    this._busy.set(true);
    try {
      await this.api.disconnect();
      this.stopAwaiting();
      await this.refresh();
      return { ok: true, value: undefined };
    } catch (e) {
      const error = toApiErrorBody(e);
      this._error.set(error);
      return { ok: false, error };
    } finally {
      this._busy.set(false);
    }
  }

  private apply(status: ConnectionStatus): void {
    this._status.set(status);
    this._now.set(new Date());
    this.settleAuthorization(status);
  }

  private awaitAuthorization(): void {
    this.stopAwaiting();
    this._awaiting.set(true);
    this.awaitingSince = Date.now();
    // Whatever the popup says, we only take it as a hint to ask the api.
    this.stopListening = this.oauthWindow.listenForCompletion(() => void this.refresh());
    this.schedulePoll();
  }

  /** A popup closed without the api reporting an outcome means the flow died at Upstox. */
  private watchPopup(popup: Window, sentRedirectUri: string): void {
    clearInterval(this.popupWatch);
    this.popupWatch = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(this.popupWatch);
      this.popupWatch = undefined;
      void this.onPopupClosed(sentRedirectUri);
    }, POPUP_WATCH_MS);
  }

  private async onPopupClosed(sentRedirectUri: string): Promise<void> {
    // The success page closes the popup itself after the api stored the connection: ask first.
    await this.refresh();
    if (!this._awaiting()) return;
    this.stopAwaiting();
    this._abandoned.set(true);
    this._authorizationError.set(popupClosedFailure(sentRedirectUri));
    // The api keeps a dead flow "pending" for its whole lifetime (a reload would say "Connecting...").
    // "pending" means no live connection underneath, so forgetting it loses nothing.
    if (this._status()?.state !== 'pending') return;
    try {
      await this.api.disconnect();
      await this.refresh();
    } catch {
      // The flag above keeps this page saying "Disconnected"; the flow expires at the api anyway.
    }
  }

  private schedulePoll(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(async () => {
      await this.refresh();
      if (!this._awaiting()) return;
      if (Date.now() - this.awaitingSince > OAUTH_GIVE_UP_MS) {
        this.stopAwaiting();
        this._authorizationError.set(
          failure('The Upstox authorization was not completed in time.', 'Click Connect to start again.'),
        );
        return;
      }
      this.schedulePoll();
    }, OAUTH_POLL_MS);
  }

  /** Ends the wait once the api says the flow is over: connected, or failed with a reason. */
  private settleAuthorization(status: ConnectionStatus): void {
    if (!this._awaiting() || status.state === 'pending') return;
    this.stopAwaiting();
    if (status.state !== 'connected') {
      // The api's reason may repeat the guide's heading; the callout shows the heading already.
      const reason = (status.reason ?? 'Upstox did not complete the authorization.').replace(/^Authorization Failed:\s*/i, '');
      this._authorizationError.set(failure(reason, authorizationNextStep(status.redirectUri || DEFAULT_REDIRECT_URI)));
    }
  }

  private stopAwaiting(): void {
    this._awaiting.set(false);
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    clearInterval(this.popupWatch);
    this.popupWatch = undefined;
    this.stopListening?.();
    this.stopListening = null;
  }
}

function failure(message: string, nextStep: string): ApiErrorBody {
  return { code: 'AUTH_CODE_INVALID', title: 'Authorization Failed', message, nextStep, requestId: '' };
}
