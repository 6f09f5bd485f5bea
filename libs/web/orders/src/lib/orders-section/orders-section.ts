import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { Order } from '@desk/contracts';
import { StaticIpWarning } from '@desk/web/profile';
import { ErrorCallout, UpdatedAt } from '@desk/web/ui';
import { OrdersDialogs } from '../orders-dialogs';
import { OrdersStore } from '../orders-store';
import { OrdersTable } from '../orders-table/orders-table';
import { RejectionAlert } from '../rejection-alert/rejection-alert';
import { filterOrders, NO_ORDER_FILTER, OrderFilter, prepareSearchText } from '../orders-filter/order-filter';
import { OrdersFilterBar } from '../orders-filter/orders-filter-bar';
import { tradingBlockedBy } from '../trading-blocked-by';

/** The Orders section: states (connect first, loading, error, empty), filters, refresh, Place Order. */
@Component({
  selector: 'desk-orders-section',
  imports: [ErrorCallout, OrdersTable, OrdersFilterBar, RejectionAlert, StaticIpWarning, UpdatedAt],
  templateUrl: './orders-section.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrdersSection {
  protected readonly store = inject(OrdersStore);
  private readonly dialogs = inject(OrdersDialogs);

  readonly connected = input(false);
  /** The daily token died: the book still loads (extended token), but nothing can be placed, modified or cancelled. */
  readonly readOnly = input(false);
  /** The desk's own api gave no answer to its last status read: an order typed now could not be sent. */
  readonly deskUnreachable = input(false);

  /** Why Place Order, and an order's Modify and Cancel, are disabled (the tooltip), or null while they can be used. */
  protected readonly tradingBlockedBy = computed(() =>
    tradingBlockedBy({ connected: this.connected(), readOnly: this.readOnly(), deskUnreachable: this.deskUnreachable() }),
  );

  protected readonly filter = signal<OrderFilter>(NO_ORDER_FILTER);
  protected readonly shownOrders = computed(() => filterOrders(this.store.orders(), this.filter()));

  constructor() {
    // The first search in a big book should not pay for making every order's search text: it is made in idle time.
    effect((onCleanup) => onCleanup(prepareSearchText(this.store.orders())));
  }

  protected refresh(): void {
    void this.store.load();
  }

  protected placeOrder(): void {
    this.dialogs.openPlaceOrder();
  }

  protected openOrder(order: Order): void {
    this.dialogs.openDetails(order.orderId, { tradingBlockedBy: this.tradingBlockedBy });
  }
}
