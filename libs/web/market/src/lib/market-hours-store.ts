import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MarketHoursView } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { distinctUntilChanged } from 'rxjs';
import { MarketApi } from './market-api';
import { closedMarketAdvice, marketHoursLabel } from './market-hours-text';

/** Re-read while connected, so "open until" turns into "closed - opens" at the close without a market event. */
export const MARKET_HOURS_REFRESH_MS = 60_000;

/**
 * NSE's hours (GET /api/market/hours): read when the event stream opens, on each `market` event (the phase
 * changed) and every minute while the stream is open. Unknown (null) while not connected or when the read fails.
 * The top bar's badge shows `label`; the Place Order dialog offers AMO by `closedAdvice` (and reads again on open).
 */
@Injectable({ providedIn: 'root' })
export class MarketHoursStore {
  private readonly api = inject(MarketApi);
  private readonly events = inject(DeskEvents);
  private readonly _hours = signal<MarketHoursView | null>(null);
  private version = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  readonly hours = this._hours.asReadonly();
  readonly label = computed(() => {
    const h = this._hours();
    return h ? marketHoursLabel(h) : null;
  });
  readonly closedAdvice = computed(() => {
    const h = this._hours();
    return h ? closedMarketAdvice(h) : null;
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.events.on('market').pipe(takeUntilDestroyed(destroyRef)).subscribe(() => void this.load());
    toObservable(this.events.state)
      .pipe(distinctUntilChanged(), takeUntilDestroyed(destroyRef))
      .subscribe((state) => {
        if (state === 'open') {
          void this.load();
          clearInterval(this.timer);
          this.timer = setInterval(() => void this.load(), MARKET_HOURS_REFRESH_MS);
        }
        // Only a stream that was open (the timer runs) forgets: the start state 'closed' must not drop a read the
        // Place Order dialog asked for.
        if (state === 'closed' && this.timer !== undefined) this.reset();
      });
    destroyRef.onDestroy(() => clearInterval(this.timer));
  }

  async load(): Promise<void> {
    const version = ++this.version;
    try {
      const hours = await this.api.hours('NSE');
      if (version === this.version) this._hours.set(hours);
    } catch {
      // Unknown stays unknown: nothing is shown rather than a guess.
    }
  }

  reset(): void {
    this.version++;
    clearInterval(this.timer);
    this.timer = undefined;
    this._hours.set(null);
  }
}
