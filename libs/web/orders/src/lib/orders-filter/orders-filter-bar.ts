import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { OrderStatusClass } from '@desk/contracts';
import { isFiltering, NO_ORDER_FILTER, OrderFilter } from './order-filter';

const STATUS_CHOICES: { value: OrderStatusClass | 'all'; label: string }[] = [
  { value: 'all', label: 'All statuses' },
  { value: 'working', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'complete', label: 'Complete' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** Status, side and a search box over the day's orders; says how many of how many are shown. */
@Component({
  selector: 'desk-orders-filter-bar',
  templateUrl: './orders-filter-bar.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrdersFilterBar {
  /** The day's orders per status class (OrdersStore.statusCounts), and how many there are in all. */
  readonly counts = input.required<Record<OrderStatusClass, number>>();
  readonly total = input.required<number>();
  readonly shown = input.required<number>();
  readonly filter = model<OrderFilter>(NO_ORDER_FILTER);

  protected readonly filtering = computed(() => isFiltering(this.filter()));
  protected readonly statusChoices = STATUS_CHOICES;

  protected label(choice: (typeof STATUS_CHOICES)[number]): string {
    return choice.value === 'all' ? `${choice.label} (${this.total()})` : `${choice.label} (${this.counts()[choice.value]})`;
  }

  protected set(change: Partial<OrderFilter>): void {
    this.filter.update((f) => ({ ...f, ...change }));
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected clear(): void {
    this.filter.set(NO_ORDER_FILTER);
  }
}
