import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { PRODUCT_LABELS, Position, Product } from '@desk/contracts';
import { OrdersDialogs, tradingBlockedBy } from '@desk/web/orders';
import { MarketDialogs } from '@desk/web/market';
import { ValueFlash } from '@desk/web/ui';
import { exitPrefill, exitUnavailableReason } from '../exit-position';
import { formatPrice, formatSignedRupees, pnlTone } from '../pnl-format';
import { PortfolioStore, positionKey } from '../portfolio-store';
import { SortColumn, TableSort } from '../table-sort';
import { PortfolioPanelFrame } from '../portfolio-panel-frame';
import { SortHeaderRow } from '../sort-header-row';

const COLUMNS: SortColumn<Position>[] = [
  { key: 'symbol', label: 'Instrument', numeric: false, value: (p) => p.tradingSymbol },
  { key: 'product', label: 'Product', numeric: false, value: (p) => p.product },
  { key: 'quantity', label: 'Net qty', numeric: true, value: (p) => p.quantity },
  { key: 'buyPrice', label: 'Avg buy', numeric: true, value: (p) => (p.buyQuantity ? p.buyPrice : null) },
  { key: 'sellPrice', label: 'Avg sell', numeric: true, value: (p) => (p.sellQuantity ? p.sellPrice : null) },
  { key: 'lastPrice', label: 'LTP', numeric: true, value: (p) => p.lastPrice },
  { key: 'pnl', label: 'Day P&L', numeric: true, value: (p) => p.pnl },
  { key: 'realised', label: 'Realised', numeric: true, value: (p) => p.realised },
  { key: 'unrealised', label: 'Unrealised', numeric: true, value: (p) => p.unrealised },
];

/** The day's positions: live, sortable, with totals and Exit (a prefilled opposite order, still confirmed). */
@Component({
  selector: 'desk-positions-panel',
  imports: [PortfolioPanelFrame, SortHeaderRow, ValueFlash],
  templateUrl: './positions-panel.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PositionsPanel {
  protected readonly store = inject(PortfolioStore);
  private readonly dialogs = inject(OrdersDialogs);
  private readonly market = inject(MarketDialogs);

  readonly connected = input(false);
  /** As for Place Order: Exit places an order, so it is blocked by the same things (see tradingBlockedBy). */
  readonly readOnly = input(false);
  readonly deskUnreachable = input(false);

  protected readonly section = this.store.positions;
  protected readonly sort = new TableSort<Position>(COLUMNS, { key: 'symbol', direction: 'ascending' });
  protected readonly rows = computed(() => this.sort.sort(this.store.pricedPositions()));
  protected readonly totals = this.store.positionTotals;
  protected readonly money = formatSignedRupees;
  protected readonly price = formatPrice;
  protected readonly tone = pnlTone;
  protected readonly key = positionKey;
  private readonly tradingBlocked = computed(() =>
    tradingBlockedBy({ connected: this.connected(), readOnly: this.readOnly(), deskUnreachable: this.deskUnreachable() }),
  );
  /** Why this row's Exit is disabled: the position itself (closed, an unknown product), else the connection. */
  protected exitBlocked(position: Position): string | null {
    return exitUnavailableReason(position) ?? this.tradingBlocked();
  }

  protected productLabel(product: string): string {
    return PRODUCT_LABELS[product as Product] ?? product;
  }

  protected exit(position: Position): void {
    const prefill = exitPrefill(position);
    if (prefill) this.dialogs.openPlaceOrder(prefill);
  }

  protected chart(position: Position): void {
    this.market.openChart({ instrumentKey: position.instrumentKey, tradingSymbol: position.tradingSymbol });
  }
}
