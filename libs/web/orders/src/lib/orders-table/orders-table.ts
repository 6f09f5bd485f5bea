import { CdkFixedSizeVirtualScroll, CdkVirtualForOf, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { Order, formatIst, formatRupees } from '@desk/contracts';
import { OrderStatusPill } from '@desk/web/ui';
import { statusMessageNextStep } from '../order-quantity-text';

/** Above this many rows the list is virtualised, so a busy day stays smooth. */
export const VIRTUAL_SCROLL_THRESHOLD = 50;
export const ORDER_ROW_HEIGHT_PX = 40;

/** The day's orders as a table; data comes only through inputs. */
@Component({
  selector: 'desk-orders-table',
  imports: [CdkVirtualScrollViewport, CdkFixedSizeVirtualScroll, CdkVirtualForOf, NgTemplateOutlet, OrderStatusPill],
  templateUrl: './orders-table.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrdersTable {
  readonly orders = input.required<Order[]>();
  readonly opened = output<Order>();

  protected readonly virtual = computed(() => this.orders().length > VIRTUAL_SCROLL_THRESHOLD);
  protected readonly rowHeight = ORDER_ROW_HEIGHT_PX;
  protected readonly time = formatIst;

  /** The status message, with the next step when the desk knows one (e.g. the CDSL TPIN authorisation). */
  protected statusTitle(message: string | null): string | null {
    const step = statusMessageNextStep(message);
    return step ? `${message} ${step}` : message;
  }

  /** The day's orders all share a date: the table shows the IST time, the full stamp is the tooltip. */
  protected clock(iso: string | null): string {
    const full = formatIst(iso);
    return full.includes(', ') ? full.split(', ')[1] : full;
  }

  /** Zero means "not set" for price, trigger and average price. */
  protected money(value: number): string {
    return value ? formatRupees(value) : '—';
  }

  protected readonly trackById = (_: number, order: Order) => order.orderId;

  protected open(order: Order, event?: Event): void {
    event?.preventDefault();
    this.opened.emit(order);
  }
}
