import { Signal, computed, effect, inject, untracked } from '@angular/core';
import { MarketHoursStore } from '@desk/web/market';

/** The AMO checkbox of the Place Order form: its value and whether the trader has touched it. */
export interface AmoControl {
  readonly value: boolean;
  readonly dirty: boolean;
  setValue(value: boolean): void;
}

/**
 * The Place Order dialog while NSE is closed (issue 9 item 2): AMO is pre-ticked and explained; unticked, the
 * trader is told before sending that Upstox refuses a regular order until the next open. The hours are read
 * again when the dialog opens (the top bar's may be up to a minute old). The trader's own choice is never
 * overridden; a pre-tick is taken back if the market opens while the checkbox is untouched.
 * Create in an injection context (a component's field).
 */
export class MarketClosedAmo {
  private readonly hours = inject(MarketHoursStore);
  private preTicked = false;

  /** Null while open or unknown. */
  readonly advice = this.hours.closedAdvice;
  /** "After-market order: sent to the exchange when it opens at 09:15", next to the checkbox. */
  readonly explanation = computed(() => this.advice()?.amo ?? null);
  /** "NSE is closed: Upstox refuses regular orders until 09:15 Mon" while the checkbox is unticked. */
  readonly regularRefused: Signal<string | null>;

  constructor(control: AmoControl, isAmo: Signal<boolean>) {
    this.regularRefused = computed(() => {
      const advice = this.advice();
      return advice && !isAmo() ? advice.regularRefused : null;
    });
    void this.hours.load();
    effect(() => {
      const closed = this.advice() !== null;
      untracked(() => {
        if (control.dirty) return;
        if (closed && !control.value) {
          control.setValue(true);
          this.preTicked = true;
        } else if (!closed && this.preTicked) {
          control.setValue(false);
          this.preTicked = false;
        }
      });
    });
  }
}
