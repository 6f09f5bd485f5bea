import { DIALOG_DATA, DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { CandleChart } from './candle-chart/candle-chart';

export interface ChartDialogData {
  instrumentKey: string;
  tradingSymbol: string;
}

/** The "Chart" action of a position or holding row: the day's candles, live. */
@Component({
  selector: 'desk-chart-dialog',
  imports: [CandleChart],
  template: `
    <div class="dialog dialog--wide" data-testid="chart-dialog">
      <header class="dialog__header">
        <h2 class="dialog__title">{{ data.tradingSymbol }} chart</h2>
        <button type="button" class="btn btn--icon" aria-label="Close" (click)="close()" data-autofocus>&times;</button>
      </header>
      <div class="dialog__body">
        <desk-candle-chart [instrumentKey]="data.instrumentKey" [tradingSymbol]="data.tradingSymbol" />
      </div>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartDialog {
  protected readonly data = inject<ChartDialogData>(DIALOG_DATA);
  private readonly dialogRef = inject(DialogRef, { optional: true });

  protected close(): void {
    this.dialogRef?.close();
  }
}
