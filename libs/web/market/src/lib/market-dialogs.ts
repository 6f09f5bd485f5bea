import { Injectable, Injector, inject } from '@angular/core';
import { openLazyDialog } from '@desk/web/ui';
import type { ChartDialogData } from './chart-dialog';

/**
 * Opens the chart dialog (CDK: focus trapped, Esc closes, focus returns to the opener). The dialog and the chart
 * code are loaded on first open, not with the dashboard. Resolves once the dialog is open.
 */
@Injectable({ providedIn: 'root' })
export class MarketDialogs {
  private readonly injector = inject(Injector);

  async openChart(data: ChartDialogData): Promise<void> {
    await openLazyDialog<unknown, ChartDialogData, unknown>(
      this.injector,
      async () => (await import('./chart-dialog')).ChartDialog,
      {
        data,
        ariaLabel: `${data.tradingSymbol} chart`,
        panelClass: 'desk-dialog-panel',
        width: 'min(760px, 96vw)',
        maxHeight: '94vh',
        autoFocus: '[data-autofocus]',
        restoreFocus: true,
      },
    );
  }
}
