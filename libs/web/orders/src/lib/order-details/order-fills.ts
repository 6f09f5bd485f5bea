import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ApiErrorBody, Trade, formatIst, formatRupees } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { toApiErrorBody } from '@desk/web/http';
import { OrdersApi } from '../orders-api';

/**
 * An order's fills (partial fills each on a row): time, quantity and price. Read when the order has filled any and
 * again each time its filled quantity grows; each `trade` event of the order adds its fill (Upstox may report the
 * trade after the order's new filled quantity, so a read at that moment can come back without it).
 */
@Component({
  selector: 'desk-order-fills',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (fills().length > 0) {
      <h3 class="panel__subtitle">Fills</h3>
      <table class="history" data-testid="order-fills">
        <thead>
          <tr><th scope="col">Time</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Price</th><th scope="col">Trade id</th></tr>
        </thead>
        <tbody>
          @for (fill of fills(); track fill.tradeId) {
            <tr data-testid="order-fill">
              <td>{{ time(fill.tradedAt) }}</td>
              <td class="num">{{ fill.quantity }}</td>
              <td class="num">{{ rupees(fill.averagePrice) }}</td>
              <td class="mono">{{ fill.tradeId }}</td>
            </tr>
          }
        </tbody>
      </table>
    } @else if (error(); as error) {
      <p class="muted small" data-testid="order-fills-error">Fills not shown: {{ error.message }}</p>
    }
  `,
})
export class OrderFills {
  private readonly api = inject(OrdersApi);

  readonly orderId = input.required<string>();
  readonly filledQuantity = input.required<number>();

  protected readonly fills = signal<Trade[]>([]);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly time = formatIst;
  protected readonly rupees = formatRupees;
  /** Only the latest read sets or clears the error, and a read for another order is dropped. */
  private reads = 0;
  private shownFor: string | null = null;

  constructor() {
    effect(() => {
      const orderId = this.orderId();
      const filled = this.filledQuantity();
      untracked(() => {
        if (orderId !== this.shownFor) {
          this.shownFor = orderId;
          this.fills.set([]);
          this.error.set(null);
        }
        if (filled > 0) void this.load(orderId);
      });
    });
    inject(DeskEvents)
      .on('trade')
      .pipe(takeUntilDestroyed())
      .subscribe(({ data }) => {
        if (data.orderId !== this.orderId()) return;
        this.fills.update((fills) => merged(fills, [data]));
      });
  }

  private async load(orderId: string): Promise<void> {
    const read = ++this.reads;
    try {
      const { trades } = await this.api.trades(orderId);
      if (read !== this.reads || orderId !== this.orderId()) return;
      // Merged, not replaced: a fill pushed while this read was on its way stays (fills are never taken back).
      this.fills.update((fills) => merged(fills, trades));
      this.error.set(null);
    } catch (e) {
      if (read === this.reads) this.error.set(toApiErrorBody(e));
    }
  }
}

/** Both lists' fills once each (the newer copy wins), newest first as the status history below reads. */
function merged(current: readonly Trade[], incoming: readonly Trade[]): Trade[] {
  const byId = new Map(current.map((t) => [t.tradeId, t]));
  for (const t of incoming) byId.set(t.tradeId, t);
  return [...byId.values()].sort((a, b) => (b.tradedAt ?? '').localeCompare(a.tradedAt ?? '') || b.tradeId.localeCompare(a.tradeId));
}
