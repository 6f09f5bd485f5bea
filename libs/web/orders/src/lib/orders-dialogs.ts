import { Injectable, Injector, Signal, inject } from '@angular/core';
import { openLazyDialog } from '@desk/web/ui';
import type { OrderDetailsData } from './order-details/order-details-dialog';
import type {
  PlaceOrderData,
  PlaceOrderPrefill,
} from './place-order/place-order-model';

/**
 * Opens the order dialogs (CDK: focus trapped, Esc closes, focus returns to the opener). Each dialog's code (and the
 * forms it needs) is loaded on first open, not with the dashboard: the dashboard shows sooner, and the dialogs are a
 * click away. Resolves once the dialog is open.
 */
@Injectable({ providedIn: 'root' })
export class OrdersDialogs {
  private readonly injector = inject(Injector);

  /** With a prefill (Exit from a position) the form starts filled in; review and confirmation stay. */
  async openPlaceOrder(prefill?: PlaceOrderPrefill): Promise<void> {
    await openLazyDialog<unknown, PlaceOrderData, unknown>(
      this.injector,
      async () =>
        (await import('./place-order/place-order-dialog')).PlaceOrderDialog,
      {
        data: { prefill },
        ariaLabel: 'Place Order',
        panelClass: 'desk-dialog-panel',
        width: 'min(720px, 96vw)',
        maxHeight: '94vh',
        autoFocus: '[data-autofocus]',
        restoreFocus: true,
      },
    );
  }

  /** `tradingBlockedBy`: why Modify and Cancel are disabled, followed while the dialog is open (see OrderDetailsData). */
  async openDetails(
    orderId: string,
    options: { tradingBlockedBy?: Signal<string | null> } = {},
  ): Promise<void> {
    await openLazyDialog<unknown, OrderDetailsData, unknown>(
      this.injector,
      async () =>
        (await import('./order-details/order-details-dialog'))
          .OrderDetailsDialog,
      {
        data: { orderId, tradingBlockedBy: options.tradingBlockedBy },
        ariaLabel: `Order ${orderId}`,
        panelClass: 'desk-dialog-panel',
        width: 'min(860px, 96vw)',
        maxHeight: '94vh',
        autoFocus: 'dialog',
        restoreFocus: true,
      },
    );
  }
}
