import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { MarketHoursView, MarketSegmentPhase } from '@desk/contracts';
import { Clock } from '@desk/api/core';
import { ConnectionChanges, ConnectionService } from '@desk/api/connection';
import { ExchangeTiming, MarketHoliday, UpstoxAuth, UpstoxClient } from '@desk/upstox/client';
import { MarketState } from '../market-state.service';
import { marketPhaseOf } from '../status/market-phase';
import { computeMarketHours, HoursCalendar, istDate, LivePhase } from './market-hours';

/** Upstox's market status is read at most this often, and only while the feed gives no phase. */
const STATUS_TTL_MS = 60_000;
/** The feed's segment for an exchange's phase. */
const FEED_SEGMENT: Record<string, string> = { NSE: 'NSE_EQ', BSE: 'BSE_EQ' };

/**
 * Market hours (issue 9 item 2): Upstox's holidays and timings, read at the first need after a connect and again
 * each IST day (cached per connection), with the live phase from the feed (market_info) or, without one, Upstox's
 * market status. A read that fails (the sandbox serves none) falls back to the regular session; it is retried on
 * the next request after a minute.
 */
@Injectable()
export class MarketHoursService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MarketHours');
  private cacheKey = '';
  private holidays: { value: MarketHoliday[] | null; at: number } | null = null;
  private readonly timings = new Map<string, Promise<ExchangeTiming[] | null>>();
  private readonly statuses = new Map<string, { phase: MarketSegmentPhase | null; at: number }>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly connection: ConnectionService,
    private readonly changes: ConnectionChanges,
    private readonly client: UpstoxClient,
    private readonly state: MarketState,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // A (re)connect reads everything again.
    this.unsubscribe = this.changes.subscribe(() => this.clear());
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async hours(exchange: string): Promise<MarketHoursView> {
    const now = this.clock.now().getTime();
    this.refreshCacheKey(now);
    const calendar: HoursCalendar = {
      holidays: await this.readHolidays(now),
      timingsOn: (date) => this.readTimings(date),
    };
    return computeMarketHours(exchange, now, await this.livePhase(exchange, now), calendar);
  }

  private clear(): void {
    this.holidays = null;
    this.timings.clear();
    this.statuses.clear();
  }

  /** The cache holds one IST day of one connection. */
  private refreshCacheKey(now: number): void {
    const key = `${this.connection.usableConnection()?.connectionId ?? 'none'}/${istDate(now)}`;
    if (key !== this.cacheKey) {
      this.cacheKey = key;
      this.clear();
    }
  }

  private async readHolidays(now: number): Promise<MarketHoliday[] | null> {
    if (this.holidays && (this.holidays.value !== null || now - this.holidays.at < STATUS_TTL_MS)) return this.holidays.value;
    const value = await this.upstox((auth) => this.client.getMarketHolidays(auth), 'holidays');
    this.holidays = { value, at: now };
    return value;
  }

  private readTimings(date: string): Promise<ExchangeTiming[] | null> {
    let read = this.timings.get(date);
    if (!read) {
      read = this.upstox((auth) => this.client.getMarketTimings(auth, date), `timings of ${date}`);
      // A failed read is not kept: the next request asks again.
      void read.then((v) => v === null && this.timings.delete(date));
      this.timings.set(date, read);
    }
    return read;
  }

  private async livePhase(exchange: string, now: number): Promise<LivePhase | null> {
    const segment = FEED_SEGMENT[exchange];
    const fromFeed = segment ? this.state.statusView().segments[segment]?.phase : undefined;
    if (fromFeed) return { phase: fromFeed, source: 'feed' };
    let cached = this.statuses.get(exchange);
    if (!cached || now - cached.at >= STATUS_TTL_MS) {
      const status = await this.upstox((auth) => this.client.getMarketStatus(auth, exchange), `status of ${exchange}`);
      cached = { phase: status && isFeedStatus(status.status) ? marketPhaseOf(status.status) : null, at: now };
      this.statuses.set(exchange, cached);
    }
    return cached.phase ? { phase: cached.phase, source: 'upstox-status' } : null;
  }

  private async upstox<T>(read: (auth: UpstoxAuth) => Promise<T>, what: string): Promise<T | null> {
    if (!this.connection.usableConnection()) return null;
    try {
      return await this.connection.withUpstox(read);
    } catch (error) {
      this.logger.warn(`market ${what} not read: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}

function isFeedStatus(value: string): value is Parameters<typeof marketPhaseOf>[0] {
  return ['PRE_OPEN_START', 'PRE_OPEN_END', 'NORMAL_OPEN', 'NORMAL_CLOSE', 'CLOSING_START', 'CLOSING_END'].includes(value);
}
