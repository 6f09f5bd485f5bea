import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Holding } from '@desk/contracts';
import { MarketDialogs } from '@desk/web/market';
import { ValueFlash } from '@desk/web/ui';
import { formatPrice, formatSignedPercent, formatSignedRupees, pnlTone } from '../pnl-format';
import { PortfolioStore, holdingKey } from '../portfolio-store';
import { SortColumn, TableSort } from '../table-sort';
import { PortfolioPanelFrame } from '../portfolio-panel-frame';
import { SortHeaderRow } from '../sort-header-row';

const COLUMNS: SortColumn<Holding>[] = [
  { key: 'symbol', label: 'Instrument', numeric: false, value: (h) => h.tradingSymbol },
  { key: 'quantity', label: 'Qty', numeric: true, value: (h) => h.quantity + h.t1Quantity },
  { key: 'averagePrice', label: 'Avg cost', numeric: true, value: (h) => h.averagePrice },
  { key: 'lastPrice', label: 'LTP', numeric: true, value: (h) => h.lastPrice },
  { key: 'currentValue', label: 'Current value', numeric: true, value: (h) => h.currentValue },
  { key: 'pnl', label: 'P&L', numeric: true, value: (h) => h.pnl },
  { key: 'dayChange', label: 'Day change', numeric: true, value: (h) => h.dayChange },
];

/** Long-term holdings: live, sortable, with totals. */
@Component({
  selector: 'desk-holdings-panel',
  imports: [PortfolioPanelFrame, SortHeaderRow, ValueFlash],
  templateUrl: './holdings-panel.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HoldingsPanel {
  protected readonly store = inject(PortfolioStore);
  private readonly market = inject(MarketDialogs);

  readonly connected = input(false);

  protected readonly section = this.store.holdings;
  protected readonly sort = new TableSort<Holding>(COLUMNS, { key: 'symbol', direction: 'ascending' });
  protected readonly rows = computed(() => this.sort.sort(this.store.pricedHoldings()));
  protected readonly totals = this.store.holdingTotals;
  protected readonly money = formatSignedRupees;
  protected readonly percent = formatSignedPercent;
  protected readonly price = formatPrice;
  protected readonly tone = pnlTone;
  protected readonly key = holdingKey;

  protected chart(holding: Holding): void {
    this.market.openChart({ instrumentKey: holding.instrumentKey, tradingSymbol: holding.tradingSymbol });
  }
}
