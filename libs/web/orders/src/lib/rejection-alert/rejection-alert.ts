import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { Order, formatIst } from '@desk/contracts';
import { statusMessageNextStep } from '../order-quantity-text';

/**
 * Says that Upstox rejected an order it had accepted, whoever placed it (this dashboard, a script, the Upstox app),
 * until the trader dismisses it: the order book's red pill alone is easy to miss.
 */
@Component({
  selector: 'desk-rejection-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (latest(); as order) {
      <div class="callout rejection-alert" role="alert" data-testid="rejection-alert">
        <p class="callout__title" data-testid="rejection-alert-title">{{ title() }}</p>
        <p data-testid="rejection-alert-latest">
          @if (rejections().length > 1) { <span>Latest: </span> }
          {{ order.transactionType }} {{ order.quantity }} {{ order.tradingSymbol }}, order
          <span class="mono">{{ order.orderId }}</span> ({{ time(order.placedAt) }}):
          {{ order.statusMessage || 'Upstox gave no reason.' }}
        </p>
        @if (nextStep(); as step) { <p><strong>Next step:</strong> {{ step }}</p> }
        <div class="callout__actions">
          <button type="button" class="btn btn--small" (click)="opened.emit(order)">Show order</button>
          <button type="button" class="btn btn--small btn--ghost" (click)="dismissed.emit()">Dismiss</button>
        </div>
      </div>
    }
  `,
})
export class RejectionAlert {
  /** Newest first. */
  readonly rejections = input.required<readonly Order[]>();
  readonly opened = output<Order>();
  readonly dismissed = output<void>();

  protected readonly latest = computed(() => this.rejections()[0] ?? null);
  protected readonly title = computed(() => {
    const count = this.rejections().length;
    return count === 1 ? 'Upstox rejected an order' : `Upstox rejected ${count} orders`;
  });
  protected readonly nextStep = computed(() => statusMessageNextStep(this.latest()?.statusMessage));
  protected readonly time = formatIst;
}
