import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ApiErrorBody, Trade, formatIst, formatRupees } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { toApiErrorBody } from '@desk/web/http';
import { OrdersApi } from '../orders-api';

/**
 * An order's fills (partial fills each on a row): time, quantity and price. Read once the order has filled any.
 * While updates are live each new fill arrives as a `trade` event (Upstox may report the trade after the order's new
 * filled quantity, so a read at that moment could come back without it), and the fills are read again only when
 * updates become live again or the api asks for a resync. While not live, they are read again each time the
 * filled quantity grows (the details poll brings it).
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
  private readonly events = inject(DeskEvents);

  readonly orderId = input.required<string>();
  readonly filledQuantity = input.required<number>();

  protected readonly fills = signal<Trade[]>([]);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly time = formatIst;
  protected readonly rupees = formatRupees;
  /** Only the latest read sets or clears the error, and a read for another order is dropped. */
  private reads = 0;
  private shownFor: string | null = null;
  /** A read of `shownFor`'s fills has started. */
  private readStarted = false;

  constructor() {
    effect(() => {
      const orderId = this.orderId();
      const filled = this.filledQuantity();
      untracked(() => {
        if (orderId !== this.shownFor) {
          this.shownFor = orderId;
          this.readStarted = false;
          this.fills.set([]);
          this.error.set(null);
        }
        if (filled > 0 && (!this.readStarted || !this.events.live())) void this.load(orderId);
      });
    });
    this.events
      .on('trade')
      .pipe(takeUntilDestroyed())
      .subscribe(({ data }) => {
        if (data.orderId !== this.orderId()) return;
        this.fills.update((fills) => merged(fills, [data]));
      });
    // Events may have been missed before updates became live (again), or the api says it dropped some.
    this.events.sync$.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.readStarted && this.filledQuantity() > 0) void this.load(this.orderId());
    });
  }

  private async load(orderId: string): Promise<void> {
    const read = ++this.reads;
    this.readStarted = true;
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
