import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { OrderCharges, OrderCostsView, PlaceOrderRequest, formatRupees } from '@desk/contracts';
import { RequestState } from '@desk/web/http';
import { ErrorCallout } from '@desk/web/ui';
import { OrdersApi } from '../orders-api';

const CHARGE_ROWS: { key: keyof OrderCharges; label: string }[] = [
  { key: 'brokerage', label: 'Brokerage' },
  { key: 'transactionTax', label: 'STT/CTT' },
  { key: 'exchangeCharges', label: 'Exchange charges' },
  { key: 'gst', label: 'GST' },
  { key: 'stampDuty', label: 'Stamp duty' },
  { key: 'sebiFees', label: 'SEBI fees' },
  { key: 'otherCharges', label: 'Other charges' },
];

/** What the order would block and cost, before it is sent. Informative only: it never blocks confirming. */
export function marginWarning(view: OrderCostsView | null): string | null {
  const margin = view?.margin;
  if (!margin || margin.available === null || margin.sufficient !== false) return null;
  return `This order needs ${formatRupees(margin.required)} margin; ${formatRupees(margin.available)} is available. Upstox will likely reject it.`;
}

/**
 * The confirmation step's margin and charges (POST /api/orders/costs). While it loads the trader can confirm;
 * more margin needed than available is a warning, not a stop (Upstox decides); the sandbox has neither figure.
 * An order above the desk's own per-order limits is said here too, in the words Confirm would meet.
 */
@Component({
  selector: 'desk-order-costs',
  imports: [ErrorCallout],
  templateUrl: './order-costs.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderCosts {
  private readonly api = inject(OrdersApi);
  readonly request = input.required<PlaceOrderRequest>();

  protected readonly costs = new RequestState<OrderCostsView | null>(null);
  protected readonly rows = CHARGE_ROWS;
  protected readonly rupees = formatRupees;
  protected readonly warning = computed(() => marginWarning(this.costs.data()));
  /** Lines worth showing: every named charge, "Other" only when Upstox gave one. */
  protected readonly chargeRows = computed(() => {
    const charges = this.costs.data()?.charges;
    return charges ? CHARGE_ROWS.filter((row) => row.key !== 'otherCharges' || charges.otherCharges !== 0) : [];
  });

  constructor() {
    effect(() => {
      const request = this.request();
      untracked(() => {
        this.costs.reset();
        void this.costs.run(() => this.api.costs(request));
      });
    });
  }

  protected retry(): void {
    void this.costs.run(() => this.api.costs(this.request()));
  }
}
