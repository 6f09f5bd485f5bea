import type { DialogRef } from '@angular/cdk/dialog';
import { Injectable, Injector, inject } from '@angular/core';
import { openLazyDialog } from '@desk/web/ui';
import type { ConnectDialog } from './connect-dialog/connect-dialog';

/**
 * Opens the one "Connect Upstox" dialog (focus trapped, Esc closes, focus restored). Its code is loaded on first
 * open, not with the dashboard. The OAuth popup is still opened synchronously: by the dialog's own Connect click.
 */
@Injectable({ providedIn: 'root' })
export class ConnectDialogLauncher {
  private readonly injector = inject(Injector);
  private ref: DialogRef<unknown, ConnectDialog> | null = null;
  private opening = false;

  /** Resolves once the dialog is open (or was open already). */
  async open(): Promise<void> {
    if (this.ref || this.opening) return;
    this.opening = true;
    try {
      this.ref = await openLazyDialog<unknown, unknown, ConnectDialog>(
        this.injector,
        async () =>
          (await import('./connect-dialog/connect-dialog')).ConnectDialog,
        {
          ariaLabel: 'Connect Upstox',
          panelClass: 'desk-dialog-panel',
          width: 'min(560px, 96vw)',
          maxHeight: '92vh',
          autoFocus: '[data-autofocus]',
          restoreFocus: true,
        },
      );
    } finally {
      this.opening = false;
    }
    this.ref.closed.subscribe(() => (this.ref = null));
  }
}
