import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { ConnectDialogLauncher, ConnectionStore } from '@desk/web/connect';
import { ConnectionBadge, EnvironmentBadge } from '@desk/web/ui';

/** Product name, environment, connection status and the Connect / Disconnect button. */
@Component({
  selector: 'desk-top-bar',
  imports: [ConnectionBadge, EnvironmentBadge],
  templateUrl: './top-bar.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopBar {
  protected readonly connection = inject(ConnectionStore);
  private readonly connectDialog = inject(ConnectDialogLauncher);

  readonly signOut = output<void>();

  protected openConnect(): void {
    this.connectDialog.open();
  }

  protected disconnect(): void {
    void this.connection.disconnect();
  }
}
