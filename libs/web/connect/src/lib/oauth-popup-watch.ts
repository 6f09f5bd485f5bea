import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ApiErrorBody, ConnectionStatus, DEFAULT_REDIRECT_URI, StartOAuthRequest } from '@desk/contracts';
import { toApiErrorBody } from '@desk/web/http';
import { ConnectionApi } from './connection-api';
import { ConnectionStatusStore } from './connection-status-store';
import { OAuthWindow } from './oauth-window';

export type OAuthStart =
  | { kind: 'popup' }
  | { kind: 'blocked'; authorizationUrl: string }
  | { kind: 'failed'; error: ApiErrorBody };

/** While the user authorizes in the popup we ask the api every 2 s, and give up after 15 min. */
export const OAUTH_POLL_MS = 2_000;
const OAUTH_GIVE_UP_MS = 15 * 60_000;
/** How often we look whether the user closed the Upstox popup before the flow finished. */
export const POPUP_WATCH_MS = 500;

function authorizationNextStep(redirectUri: string): string {
  return (
    `Check that the Redirect URI in your Upstox app settings is exactly ${redirectUri}, ` +
    'that the API Key and Secret are correct, then click Connect to try again.'
  );
}

function failure(message: string, nextStep: string): ApiErrorBody {
  return { code: 'AUTH_CODE_INVALID', title: 'Authorization Failed', message, nextStep, requestId: '' };
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

/**
 * Option A after the start: waits for the api to report the OAuth flow's outcome (the /callback page's
 * message, a 2 s poll, the popup closing early) and turns a flow that ended without a connection into
 * "Authorization Failed".
 */
@Injectable({ providedIn: 'root' })
export class OAuthPopupWatch {
  private readonly api = inject(ConnectionApi);
  private readonly connection = inject(ConnectionStatusStore);
  private readonly oauthWindow = inject(OAuthWindow);

  private readonly _awaiting = signal(false);
  private readonly _authorizationError = signal<ApiErrorBody | null>(null);
  private readonly _abandoned = signal(false);
  private readonly _starting = signal(false);

  /** True from the OAuth start until the api reports the flow finished. */
  readonly awaiting = this._awaiting.asReadonly();
  /** Set when the OAuth flow ended without a connection (the /callback failed, the popup closed, time ran out). */
  readonly authorizationError = this._authorizationError.asReadonly();
  /** The popup was closed (or the wait stopped) before the flow finished: a pending flow is not "Connecting...". */
  readonly abandoned = this._abandoned.asReadonly();
  /** The OAuth start request is in flight. */
  readonly starting = this._starting.asReadonly();

  private stopListening: (() => void) | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private popupWatch: ReturnType<typeof setInterval> | undefined;
  private awaitingSince = 0;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.connection.changes$.pipe(takeUntilDestroyed(destroyRef)).subscribe((status) => this.settle(status));
    destroyRef.onDestroy(() => this.stop());
  }

  /**
   * `popup` was opened by the caller inside the click handler (null when blocked); it is sent to
   * Upstox's authorization page once the api has recorded the pending flow.
   */
  async start(request: StartOAuthRequest, popup: Window | null): Promise<OAuthStart> {
    this.clearOutcome();
    this._starting.set(true);
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
      this._starting.set(false);
    }
  }

  /** A new attempt (OAuth or token) starts without the last one's outcome. */
  clearOutcome(): void {
    this._authorizationError.set(null);
    this._abandoned.set(false);
  }

  /** The user gave up waiting for the popup; the api keeps its pending flow until it expires. */
  stopWaiting(): void {
    if (this._awaiting()) this._abandoned.set(true);
    this.stop();
  }

  /** Ends the wait: no more polls, popup checks or callback messages. */
  stop(): void {
    this._awaiting.set(false);
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    clearInterval(this.popupWatch);
    this.popupWatch = undefined;
    this.stopListening?.();
    this.stopListening = null;
  }

  private awaitAuthorization(): void {
    this.stop();
    this._awaiting.set(true);
    this.awaitingSince = Date.now();
    // Whatever the popup says, we only take it as a hint to ask the api.
    this.stopListening = this.oauthWindow.listenForCompletion(() => void this.connection.refresh());
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
    await this.connection.refresh();
    if (!this._awaiting()) return;
    this.stop();
    this._abandoned.set(true);
    this._authorizationError.set(popupClosedFailure(sentRedirectUri));
    // The api keeps a dead flow "pending" for its whole lifetime (a reload would say "Connecting...").
    // "pending" means no live connection underneath, so forgetting it loses nothing.
    if (this.connection.status()?.state !== 'pending') return;
    try {
      await this.api.disconnect();
      await this.connection.refresh();
    } catch {
      // The flag above keeps this page saying "Disconnected"; the flow expires at the api anyway.
    }
  }

  private schedulePoll(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(async () => {
      await this.connection.refresh();
      if (!this._awaiting()) return;
      if (Date.now() - this.awaitingSince > OAUTH_GIVE_UP_MS) {
        this.stop();
        this._authorizationError.set(
          failure('The Upstox authorization was not completed in time.', 'Click Connect to start again.'),
        );
        return;
      }
      this.schedulePoll();
    }, OAUTH_POLL_MS);
  }

  /** Ends the wait once the api says the flow is over: connected, or failed with a reason. */
  private settle(status: ConnectionStatus): void {
    if (!this._awaiting() || status.state === 'pending') return;
    this.stop();
    if (status.state !== 'connected') {
      // The api's reason may repeat the guide's heading; the callout shows the heading already.
      const reason = (status.reason ?? 'Upstox did not complete the authorization.').replace(/^Authorization Failed:\s*/i, '');
      this._authorizationError.set(failure(reason, authorizationNextStep(status.redirectUri || DEFAULT_REDIRECT_URI)));
    }
  }
}
