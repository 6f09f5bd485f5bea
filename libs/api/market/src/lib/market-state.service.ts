import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AccountStreamStatus, MarketStatusView, Quote, QuotesEvent } from '@desk/contracts';
import { Clock } from '@desk/api/core';
import { AccountState, LivePrices } from '@desk/api/account';
import { EventHub } from '@desk/api/events';
import type { MarketQuote, MarketSegmentStatus } from '@desk/upstox/client';
import { MARKET_CONFIG, MarketConfig } from './market.config';
import { QuoteBook } from './quotes/quote-book';
import { marketPhaseOf } from './status/market-phase';

/**
 * What the feed said, for every reader: the newest quote per instrument, each segment's phase and the feed's own
 * state. Quotes go out COALESCED: an isolated change at once, then at most one `quote` event per coalesceMs carrying
 * every instrument that changed meanwhile (newest price only). The same flush re-prices the account mirror, so
 * position and holding events (with their new P&L) follow the same cadence instead of every tick.
 */
@Injectable()
export class MarketState implements OnModuleDestroy {
  private readonly book = new QuoteBook();
  private segments: MarketStatusView['segments'] = {};
  private feed: AccountStreamStatus | null = null;
  private statusAt: number;
  private connectionId: string | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = 0;
  private readonly stopProvidingPrices: () => void;

  constructor(
    private readonly hub: EventHub,
    private readonly account: AccountState,
    private readonly clock: Clock,
    @Inject(MARKET_CONFIG) private readonly config: MarketConfig,
    livePrices: LivePrices,
  ) {
    this.statusAt = clock.now().getTime();
    // The order gates value an order at a price the live feed streams instead of asking Upstox for it. The book
    // holds only streamed instruments (unsubscribed ones are forgotten) and is cleared when the feed closes.
    this.stopProvidingPrices = livePrices.provide((key) => (this.feed?.state === 'live' ? (this.book.get(key)?.lastPrice ?? null) : null));
  }

  onModuleDestroy(): void {
    this.stopProvidingPrices();
    clearTimeout(this.flushTimer);
  }

  /** Quotes from the feed of `connectionId` (initial_feed or live_feed). */
  applyQuotes(connectionId: string, quotes: readonly MarketQuote[]): void {
    this.connectionId = connectionId;
    if (this.book.apply(quotes).length > 0) this.scheduleFlush();
  }

  /** market_info: each segment's status; a change goes out as a `market` event. */
  applyMarketInfo(segmentStatus: Readonly<Record<string, MarketSegmentStatus>>): void {
    const next: MarketStatusView['segments'] = { ...this.segments };
    for (const [segment, upstoxStatus] of Object.entries(segmentStatus)) next[segment] = { phase: marketPhaseOf(upstoxStatus), upstoxStatus };
    if (JSON.stringify(next) === JSON.stringify(this.segments)) return;
    this.segments = next;
    this.publishStatus();
  }

  /** The feed's state (null: no feed for this connection); a change goes out as a `market` event. */
  setFeed(status: AccountStreamStatus | null): void {
    if (JSON.stringify(status) === JSON.stringify(this.feed)) return;
    this.feed = status;
    this.publishStatus();
  }

  /** The connection's feed closed: its quotes and market status no longer describe anything current. */
  reset(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.book.clear();
    this.connectionId = null;
    this.segments = {};
    this.setFeed(null);
  }

  /** Instruments no longer streamed are not answered any more (their price would go stale). */
  forget(instrumentKeys: Iterable<string>): void {
    this.book.forget(instrumentKeys);
  }

  quotes(instrumentKeys: readonly string[]): Quote[] {
    return this.book.pick(instrumentKeys);
  }

  quote(instrumentKey: string): Quote | null {
    return this.book.get(instrumentKey);
  }

  statusView(): MarketStatusView {
    return { segments: this.segments, feed: this.feed, asOf: new Date(this.statusAt).toISOString() };
  }

  private publishStatus(): void {
    this.statusAt = this.clock.now().getTime();
    this.hub.publish('market', this.statusView());
  }

  /** Leading edge at once, then at most one flush per coalesceMs (real time: this is about client load, not the market clock). */
  private scheduleFlush(): void {
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlushAt + this.config.coalesceMs - Date.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
    this.flushTimer.unref?.();
  }

  private flush(): void {
    this.flushTimer = undefined;
    this.lastFlushAt = Date.now();
    const changed = this.book.takeChanged();
    if (changed.length === 0) return;
    const event: QuotesEvent = { quotes: changed };
    this.hub.publishTransient('quote', event);
    if (this.connectionId) this.account.applyLastPrices(this.connectionId, Object.fromEntries(changed.map((q) => [q.instrumentKey, q.lastPrice])));
  }
}
