import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { OAUTH_DONE_MESSAGE } from '@desk/contracts';

export const OAUTH_WINDOW_NAME = 'upstox-desk-oauth';
const POPUP_FEATURES = 'popup,width=520,height=720';

/**
 * The browser side of Option A: the popup, and the signals the /callback page sends when it is
 * done. Messages carry no data we trust: they only tell us to ask the api for the status again.
 */
@Injectable({ providedIn: 'root' })
export class OAuthWindow {
  private readonly window = inject(DOCUMENT).defaultView as Window;

  /**
   * Must run synchronously inside the click handler: browsers allow popups only there. Returns
   * null when the popup was blocked.
   */
  openBlankPopup(): Window | null {
    const popup = this.window.open('', OAUTH_WINDOW_NAME, POPUP_FEATURES);
    if (!popup) return null;
    try {
      popup.document.title = 'Upstox Desk - connecting';
      popup.document.body.textContent = 'Opening the Upstox sign-in...';
    } catch {
      // A popup left over from an earlier flow may show another origin: nothing to write then.
    }
    return popup;
  }

  navigatePopup(popup: Window, url: string): void {
    popup.location.href = url;
  }

  closePopup(popup: Window | null): void {
    try {
      popup?.close();
    } catch {
      // Already gone.
    }
  }

  /** The popup-blocked fallback: leave the dashboard; /callback brings the user back to `/`. */
  redirectHere(url: string): void {
    this.window.location.assign(url);
  }

  /** Calls `onDone` when the /callback page reports completion; returns the unsubscribe. */
  listenForCompletion(onDone: () => void): () => void {
    const origin = this.window.location.origin;
    const onMessage = (event: MessageEvent): void => {
      if (event.origin === origin && event.data === OAUTH_DONE_MESSAGE) onDone();
    };
    this.window.addEventListener('message', onMessage);
    let channel: BroadcastChannel | null = null;
    if (typeof BroadcastChannel !== 'undefined') {
      channel = new BroadcastChannel(OAUTH_WINDOW_NAME);
      channel.onmessage = (event: MessageEvent) => {
        if (event.data === OAUTH_DONE_MESSAGE) onDone();
      };
    }
    return () => {
      this.window.removeEventListener('message', onMessage);
      channel?.close();
    };
  }
}
