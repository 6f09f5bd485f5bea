import { Dialog } from '@angular/cdk/dialog';
import { Injectable, inject } from '@angular/core';
import { OrderDetailsData, OrderDetailsDialog } from './order-details/order-details-dialog';
import { PlaceOrderDialog } from './place-order/place-order-dialog';
import { PlaceOrderData, PlaceOrderPrefill } from './place-order/place-order-model';

/** Opens the order dialogs (CDK: focus trapped, Esc closes, focus returns to the opener). */
@Injectable({ providedIn: 'root' })
export class OrdersDialogs {
  private readonly dialog = inject(Dialog);

  /** With a prefill (Exit from a position) the form starts filled in; review and confirmation stay. */
  openPlaceOrder(prefill?: PlaceOrderPrefill): void {
    this.dialog.open<unknown, PlaceOrderData>(PlaceOrderDialog, {
      data: { prefill },
      ariaLabel: 'Place Order',
      panelClass: 'desk-dialog-panel',
      width: 'min(720px, 96vw)',
      maxHeight: '94vh',
      autoFocus: '[data-autofocus]',
      restoreFocus: true,
    });
  }

  /** `readOnly`: the connection can only read (Modify and Cancel are shown disabled with "Reconnect to trade"). */
  openDetails(orderId: string, options: { readOnly?: boolean } = {}): void {
    this.dialog.open<unknown, OrderDetailsData>(OrderDetailsDialog, {
      data: { orderId, readOnly: options.readOnly ?? false },
      ariaLabel: `Order ${orderId}`,
      panelClass: 'desk-dialog-panel',
      width: 'min(860px, 96vw)',
      maxHeight: '94vh',
      autoFocus: 'dialog',
      restoreFocus: true,
    });
  }
}
