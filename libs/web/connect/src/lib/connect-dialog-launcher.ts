import { Dialog, DialogRef } from '@angular/cdk/dialog';
import { Injectable, inject } from '@angular/core';
import { ConnectDialog } from './connect-dialog/connect-dialog';

/** Opens the one "Connect Upstox" dialog (focus trapped, Esc closes, focus restored). */
@Injectable({ providedIn: 'root' })
export class ConnectDialogLauncher {
  private readonly dialog = inject(Dialog);
  private ref: DialogRef<unknown, ConnectDialog> | null = null;

  open(): void {
    if (this.ref) return;
    this.ref = this.dialog.open(ConnectDialog, {
      ariaLabel: 'Connect Upstox',
      panelClass: 'desk-dialog-panel',
      width: 'min(560px, 96vw)',
      maxHeight: '92vh',
      autoFocus: '[data-autofocus]',
      restoreFocus: true,
    });
    this.ref.closed.subscribe(() => (this.ref = null));
  }
}
