import { DestroyRef, Injectable, computed, effect, inject, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Holding, Position, holdingTotals, positionTotals, priceHolding, pricePosition } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { QuotesStore } from '@desk/web/market';
import { AccountSection } from './account-section';
import { PortfolioApi } from './portfolio-api';

/**
 * While updates are not live (the event stream or the api's Upstox stream is down), positions and
 * holdings are re-read this often; the dashboard also re-reads them when it sees a fill.
 */
export const PORTFOLIO_POLL_MS = 15_000;

/** One position per instrument and product (Upstox's key for short-term positions). */
export const positionKey = (p: Position): string => `${p.instrumentKey}|${p.product}`;
export const holdingKey = (h: Holding): string => h.instrumentKey;

/** Nothing held, nothing in transit, nothing sold today: the holding is gone. */
function holdingIsGone(h: Holding): boolean {
  return h.quantity === 0 && h.t1Quantity === 0 && h.usedQuantity === 0;
}

/** The day's positions and the account's holdings, live from `position` / `holding` events. */
@Injectable({ providedIn: 'root' })
export class PortfolioStore {
  private readonly api = inject(PortfolioApi);
  private readonly events = inject(DeskEvents);
  private readonly quotes = inject(QuotesStore);
  /** The api subscribes held instruments itself: no lease, but their quotes are re-read after a reconnect. */
  private readonly quoteWatch = this.quotes.watch({ lease: false });

  readonly positions = new AccountSection<Position>(positionKey, async () => (await this.api.positions()).positions);
  readonly holdings = new AccountSection<Holding>(holdingKey, async () => (await this.api.holdings()).holdings);
  /**
   * The rows priced at the newest quote (the contracts' pricing rules, as the api's mirror uses): P&L and
   * value move with every `quote` event, between the api's own `position` / `holding` events.
   */
  readonly pricedPositions = computed(() =>
    this.positions.items().map((p) => {
      const last = this.quotes.quote(p.instrumentKey)()?.lastPrice;
      return last !== undefined && last !== p.lastPrice ? pricePosition(p, last) : p;
    }),
  );
  readonly pricedHoldings = computed(() =>
    this.holdings.items().map((h) => {
      const last = this.quotes.quote(h.instrumentKey)()?.lastPrice;
      return last !== undefined && last !== h.lastPrice ? priceHolding(h, last) : h;
    }),
  );
  /** Recomputed from the rows (the api's own rule, from contracts), so totals follow every event and quote. */
  readonly positionTotals = computed(() => positionTotals(this.pricedPositions()));
  readonly holdingTotals = computed(() => holdingTotals(this.pricedHoldings()));
  readonly live = this.events.live;

  private active = false;
  /** Bumped by activate(): a first read still waiting for the event stream belongs to one activation. */
  private activation = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.events
      .on('position')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => {
        if (this.active) this.positions.upsert(data);
      });
    this.events
      .on('holding')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => {
        if (!this.active) return;
        if (holdingIsGone(data)) this.holdings.remove(holdingKey(data));
        else this.holdings.upsert(data);
      });
    this.events.sync$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      if (this.active) void this.reload();
    });
    this.events.liveChanges$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.schedulePoll());
    effect(() => {
      const keys = [...this.positions.items(), ...this.holdings.items()].map((row) => row.instrumentKey);
      untracked(() => this.quoteWatch.set(keys));
    });
    destroyRef.onDestroy(() => {
      this.deactivate();
      this.quoteWatch.release();
    });
  }

  /**
   * Connected: read both once the event stream has opened (see OrdersStore.activate: one read, not two);
   * poll only while updates are not live.
   */
  activate(): void {
    this.active = true;
    const activation = ++this.activation;
    this.events.whenOpened(() => {
      if (this.active && activation === this.activation) void this.load();
    });
  }

  deactivate(): void {
    this.active = false;
    clearTimeout(this.pollTimer);
    this.positions.reset();
    this.holdings.reset();
  }

  async load(): Promise<void> {
    await Promise.all([this.positions.load(), this.holdings.load()]);
    this.schedulePoll();
  }

  /** Something changed (a fill, a resync): re-read with reads that start after now. */
  async reload(): Promise<void> {
    await Promise.all([this.positions.reload(), this.holdings.reload()]);
    this.schedulePoll();
  }

  private schedulePoll(): void {
    clearTimeout(this.pollTimer);
    if (!this.active || this.events.live()) return;
    this.pollTimer = setTimeout(() => void this.load(), PORTFOLIO_POLL_MS);
  }
}
