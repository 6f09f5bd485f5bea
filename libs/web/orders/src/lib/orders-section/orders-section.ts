import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Order } from '@desk/contracts';
import { ErrorCallout } from '@desk/web/ui';
import { OrdersDialogs } from '../orders-dialogs';
import { OrdersStore } from '../orders-store';
import { OrdersTable } from '../orders-table/orders-table';

/** The Orders section: states (connect first, loading, error, empty), refresh, Place Order. */
@Component({
  selector: 'desk-orders-section',
  imports: [ErrorCallout, OrdersTable],
  templateUrl: './orders-section.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrdersSection {
  protected readonly store = inject(OrdersStore);
  private readonly dialogs = inject(OrdersDialogs);

  readonly connected = input(false);

  protected refresh(): void {
    void this.store.load();
  }

  protected placeOrder(): void {
    this.dialogs.openPlaceOrder();
  }

  protected openOrder(order: Order): void {
    this.dialogs.openDetails(order.orderId);
  }

  protected updatedAt(date: Date | null): string {
    return date ? date.toLocaleTimeString('en-IN', { timeZone: 'Asia/Kolkata', hour12: false }) + ' IST' : '';
  }
}
