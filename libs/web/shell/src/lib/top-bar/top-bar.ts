import { ChangeDetectionStrategy, Component, computed, inject, output } from '@angular/core';
import { ConnectDialogLauncher, ConnectionStore, describeStream } from '@desk/web/connect';
import { DeskEvents } from '@desk/web/events';
import { MarketPhaseBadge } from '@desk/web/market';
import { ConnectionBadge, EnvironmentBadge, StreamStatusBadge } from '@desk/web/ui';

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

  protected disconnect(): void {
    void this.connection.disconnect();
  }
}
