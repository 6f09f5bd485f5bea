import { ChangeDetectionStrategy, Component, computed, effect, inject, output, signal, untracked } from '@angular/core';
import { ConnectDialogLauncher, ConnectionStore, describeStream } from '@desk/web/connect';
import { DeskEvents } from '@desk/web/events';
import { MarketPhaseBadge } from '@desk/web/market';
import { ConnectionBadge, EnvironmentBadge, StreamStatusBadge, injectFocusAfterRender } from '@desk/web/ui';

/** Product name, environment, connection status, live-update status, NSE's phase and the Connect / Disconnect button. */
@Component({
  selector: 'desk-top-bar',
  imports: [ConnectionBadge, EnvironmentBadge, StreamStatusBadge, MarketPhaseBadge],
  templateUrl: './top-bar.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopBar {
  protected readonly connection = inject(ConnectionStore);
  private readonly events = inject(DeskEvents);
  private readonly connectDialog = inject(ConnectDialogLauncher);

  readonly signOut = output<void>();

  protected readonly stream = computed(() =>
    this.connection.isConnected() ? describeStream(this.connection.status(), this.events.state()) : null,
  );

  protected openConnect(): void {
    this.connectDialog.open();
  }

  /** Disconnect asks first: it ends the Upstox session, and connecting again means a new Upstox login. */
  protected readonly confirmingDisconnect = signal(false);
  private readonly focusAfterRender = injectFocusAfterRender();

  constructor() {
    // A question about a connection that ended meanwhile (expired, or disconnected in another tab) is not asked
    // again when the next one starts.
    effect(() => {
      if (this.connection.view().action !== 'disconnect') untracked(() => this.confirmingDisconnect.set(false));
    });
  }

  protected askDisconnect(): void {
    this.confirmingDisconnect.set(true);
    this.focusAfterRender('[data-keep-connected]'); // the safe choice under the keyboard
  }

  protected keepConnected(): void {
    this.confirmingDisconnect.set(false);
    this.focusAfterRender('[data-disconnect]');
  }

  protected disconnect(): void {
    this.confirmingDisconnect.set(false);
    void this.connection.disconnect();
  }
}
