import { DIALOG_DATA, DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, DestroyRef, Signal, computed, inject, signal } from '@angular/core';
import { ApiErrorBody, PRODUCT_LABELS, Product, canModifyOrCancel, formatIst, formatRupees } from '@desk/contracts';
import { ErrorCallout, OrderStatusPill, injectFocusAfterRender } from '@desk/web/ui';
import { statusMessageNextStep } from '../order-quantity-text';
import { OrdersStore } from '../orders-store';
import { ModifyOrderForm } from './modify-order-form';
import { OrderFills } from './order-fills';

export interface OrderDetailsData {
  orderId: string;
  /**
   * Why Modify and Cancel are disabled now (the words of `tradingBlockedBy`: read-only connection, desk not
   * answering, not connected), followed while the dialog is open; null or absent: they can be used.
   */
  tradingBlockedBy?: Signal<string | null>;
}

type Mode = 'view' | 'modify' | 'confirm-cancel';

/** One order: its details, its status history, and Modify / Cancel while it is working. */
@Component({
  selector: 'desk-order-details-dialog',
  imports: [ErrorCallout, OrderStatusPill, ModifyOrderForm, OrderFills],
  templateUrl: './order-details-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderDetailsDialog {
  protected readonly store = inject(OrdersStore);
  private readonly dialogRef = inject(DialogRef, { optional: true });
  private readonly data = inject<OrderDetailsData>(DIALOG_DATA);
  protected readonly orderId = this.data.orderId;
  protected readonly blockedBy: Signal<string | null> = this.data.tradingBlockedBy ?? signal(null);
  /**
   * Modify, Cancel and their confirmations replace the button that had focus: focus moves to what replaced it
   * (the first field, the safe answer, the result), or to the dialog itself, never to the page behind.
   */
  private readonly focus = injectFocusAfterRender({ orDialog: true });

  protected readonly mode = signal<Mode>('view');
  protected readonly cancelling = signal(false);
  protected readonly actionError = signal<ApiErrorBody | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly time = formatIst;
  protected readonly nextStep = statusMessageNextStep;
  protected readonly order = computed(() => this.store.details()?.order ?? null);
  protected readonly history = computed(() => [...(this.store.details()?.history ?? [])].reverse());
  /** The first entry of the history: Upstox's `order_timestamp` (the order's `placedAt`) moves with every update. */
  protected readonly placedAt = computed(() => this.store.details()?.history[0]?.at ?? null);
  protected readonly actionable = computed(() => {
    const order = this.order();
    return order !== null && canModifyOrCancel(order.statusClass);
  });

  constructor() {
    this.store.openDetails(this.orderId);
    inject(DestroyRef).onDestroy(() => this.store.closeDetails());
  }

  protected money(value: number): string {
    return value ? formatRupees(value) : '—';
  }

  protected productLabel(product: string): string {
    return PRODUCT_LABELS[product as Product] ?? product;
  }

  protected startModify(): void {
    this.notice.set(null);
    this.actionError.set(null);
    this.mode.set('modify');
    this.focus('desk-modify-order-form [data-autofocus]');
  }

  protected onModifyDone(result: 'sent' | 'cancelled'): void {
    this.mode.set('view');
    if (result === 'sent') this.notice.set('Modification sent to Upstox. The status below updates as the exchange answers.');
    this.focus(result === 'sent' ? '[data-focus="notice"]' : '[data-focus="modify"]');
  }

  protected askCancel(): void {
    this.notice.set(null);
    this.actionError.set(null);
    this.mode.set('confirm-cancel');
    this.focus('[data-focus="keep"]');
  }

  protected keepOrder(): void {
    this.mode.set('view');
    this.focus('[data-focus="cancel"]');
  }

  protected async confirmCancel(): Promise<void> {
    if (this.cancelling()) return;
    this.cancelling.set(true);
    const result = await this.store.cancel(this.orderId);
    this.cancelling.set(false);
    this.mode.set('view');
    if (result.ok) this.notice.set('Cancel request sent to Upstox. The status below updates as the exchange answers.');
    else this.actionError.set(result.error);
    this.focus(result.ok ? '[data-focus="notice"]' : '[data-focus="cancel"]');
  }

  protected close(): void {
    this.dialogRef?.close();
  }
}
