import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MarketSegmentPhase, MarketStatusView } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { distinctUntilChanged } from 'rxjs';
import { MarketApi } from './market-api';

/** What the top bar says for each phase. */
export const MARKET_PHASE_LABELS: Record<MarketSegmentPhase, string> = {
  'pre-open': 'Pre-open',
  open: 'Open',
  closing: 'Closing',
  closed: 'Closed',
};

/**
 * The market phase per segment, from the `market` event (Upstox's market_info) and GET /api/market/status,
 * read each time the event stream opens. Unknown (null) while not connected or when the api cannot say.
 */
@Injectable({ providedIn: 'root' })
export class MarketStatusStore {
  private readonly api = inject(MarketApi);
  private readonly events = inject(DeskEvents);
  private readonly _status = signal<MarketStatusView | null>(null);
  /** Reads older than an event or a close do not land. */
  private version = 0;

  readonly status = this._status.asReadonly();
  /** NSE equities' phase: what the top bar shows. */
  readonly nsePhase = computed<MarketSegmentPhase | null>(() => this._status()?.segments?.['NSE_EQ']?.phase ?? null);
  readonly nseUpstoxStatus = computed(() => this._status()?.segments?.['NSE_EQ']?.upstoxStatus ?? null);

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.events
      .on('market')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => {
        this.version++;
        this._status.set(data);
      });
    toObservable(this.events.state)
      .pipe(distinctUntilChanged(), takeUntilDestroyed(destroyRef))
      .subscribe((state) => {
        if (state === 'open') void this.load();
        else if (state === 'closed') this.reset();
      });
  }

  async load(): Promise<void> {
    const version = this.version;
    try {
      const status = await this.api.status();
      if (version === this.version) this._status.set(status);
    } catch {
      // Unknown stays unknown: the top bar shows nothing rather than a guess.
    }
  }

  reset(): void {
    this.version++;
    this._status.set(null);
  }
}
