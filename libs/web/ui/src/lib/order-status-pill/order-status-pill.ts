import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { OrderStatusClass } from '@desk/contracts';

/** Upstox's status text, coloured by what it means: pending grey, working blue, complete green ... */
@Component({
  selector: 'desk-order-status-pill',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span
    class="pill pill--{{ statusClass() }}"
    [attr.data-status-class]="statusClass()"
    data-testid="order-status"
    >{{ status() }}</span
  >`,
})
export class OrderStatusPill {
  readonly status = input.required<string>();
  readonly statusClass = input.required<OrderStatusClass>();
}
