import { DIALOG_DATA, DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { ApiErrorBody, PRODUCT_LABELS, Product, canModifyOrCancel, formatIst, formatRupees } from '@desk/contracts';
import { ErrorCallout, OrderStatusPill } from '@desk/web/ui';
import { OrdersStore } from '../orders-store';
import { ModifyOrderForm } from './modify-order-form';

export interface OrderDetailsData {
  orderId: string;
}

type Mode = 'view' | 'modify' | 'confirm-cancel';

/** One order: its details, its status history, and Modify / Cancel while it is working. */
@Component({
  selector: 'desk-order-details-dialog',
  imports: [ErrorCallout, OrderStatusPill, ModifyOrderForm],
  templateUrl: './order-details-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderDetailsDialog {
  protected readonly store = inject(OrdersStore);
  private readonly dialogRef = inject(DialogRef, { optional: true });
  protected readonly orderId = inject<OrderDetailsData>(DIALOG_DATA).orderId;

  protected readonly mode = signal<Mode>('view');
  protected readonly cancelling = signal(false);
  protected readonly actionError = signal<ApiErrorBody | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly time = formatIst;
  protected readonly order = computed(() => this.store.details()?.order ?? null);
  protected readonly history = computed(() => [...(this.store.details()?.history ?? [])].reverse());
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
  }

  protected onModifyDone(result: 'sent' | 'cancelled'): void {
    this.mode.set('view');
    if (result === 'sent') this.notice.set('Modification sent to Upstox. The status below updates as the exchange answers.');
  }

  protected askCancel(): void {
    this.notice.set(null);
    this.actionError.set(null);
    this.mode.set('confirm-cancel');
  }

  protected async confirmCancel(): Promise<void> {
    if (this.cancelling()) return;
    this.cancelling.set(true);
    const result = await this.store.cancel(this.orderId);
    this.cancelling.set(false);
    this.mode.set('view');
    if (result.ok) this.notice.set('Cancel request sent to Upstox. The status below updates as the exchange answers.');
    else this.actionError.set(result.error);
  }

  protected close(): void {
    this.dialogRef?.close();
  }
}
