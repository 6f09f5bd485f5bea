import { TokenStore } from './auth/token-store';
import { SimClock } from './clock';
import { FaultBook } from './faults';
import { FeedHub } from './feed/feed-hub';
import { IdFactory } from './ids';
import { InstrumentFileService } from './market/instrument-file-service';
import { buildInstruments, SimInstrument } from './market/instruments';
import { inNseSession } from './market/market-calendar';
import { PriceBook } from './market/prices';
import { OrderControls } from './orders/order-controls';
import { OrderEngine } from './orders/order-engine';
import { orderFeedMessage } from './orders/order-model';
import { OrderStore } from './orders/order-store';
import { StepScheduler } from './orders/step-scheduler';
import type { ResolvedOptions } from './options';
import { portfolioMessagesForFill } from './portfolio/portfolio-feed';
import { RateLimiter } from './rate-limit';
import { benchEquities } from './market/bench-equities';
import { KillSwitchState } from './user/kill-switch';
import { StaticIpState } from './user/static-ip';

/** All simulator state and collaborators, independent of HTTP. `reset()` returns to the start state. */
export class SimulatorCore {
  readonly clock: SimClock;
  readonly tokens = new TokenStore();
  readonly store = new OrderStore();
  readonly faults = new FaultBook();
  readonly rateLimiter: RateLimiter;
  readonly feed = new FeedHub();
  readonly calls = new Map<string, number>();
  readonly instruments: SimInstrument[];
  readonly prices: PriceBook;
  readonly scheduler: StepScheduler;
  /** Control-API switches of the order handling (exchange refusals, history-by-tag, demat authorisation). */
  readonly orderControls = new OrderControls();
  /** complete.json.gz of the assets host: built lazily (the full-size file takes a second or two). */
  readonly instrumentFile: InstrumentFileService;
  /** GET /v2/user/ip and the UDAPI1154 switch; Upstox's per-segment kill switch (issue 9 items 3 and 5). */
  readonly staticIp: StaticIpState;
  readonly killSwitch: KillSwitchState;
  ids: IdFactory;
  engine!: OrderEngine;
  marketRules: boolean;
  /** See SimulatorOptions.regularOrdersWhenClosed; the control API's market-rules switch changes it. */
  regularOrdersWhenClosed: 'amo' | 'refuse';
  private readonly byKey = new Map<string, SimInstrument>();

  constructor(readonly options: ResolvedOptions) {
    this.clock = new SimClock(options.clockOffsetMs);
    this.rateLimiter = new RateLimiter(options.rateLimits);
    this.marketRules = options.marketRules;
    this.regularOrdersWhenClosed = options.regularOrdersWhenClosed;
    this.instruments = [...buildInstruments(this.clock.now()), ...benchEquities(options.benchInstruments)];
    for (const i of this.instruments) this.byKey.set(i.record.instrument_key, i);
    this.prices = new PriceBook(this.instruments, options.seed);
    this.instrumentFile = new InstrumentFileService(this.clock, () => this.instruments, options.seed, options.instrumentFile);
    this.scheduler = new StepScheduler(options.stepDelayMs);
    this.staticIp = new StaticIpState(() => this.clock.now());
    this.killSwitch = new KillSwitchState(() => this.clock.now());
    this.ids = new IdFactory(options.seed, options.orderIdsByTimeOfDay);
    this.engine = this.buildEngine();
  }

  get app(): ResolvedOptions['app'] {
    return this.options.app;
  }

  instrument(key: string): SimInstrument | undefined {
    return this.byKey.get(key);
  }

  /** False only when market rules are on and NSE is outside 09:15-15:30 IST on a weekday that is not a holiday. */
  marketOpen(): boolean {
    return !this.marketRules || inNseSession(this.clock.now());
  }

  count(routeKey: string): void {
    this.calls.set(routeKey, (this.calls.get(routeKey) ?? 0) + 1);
  }

  /** Sets a price and runs matching for that instrument straight away. */
  setPrice(instrument: SimInstrument, lastPrice: number): number {
    const price = this.prices.set(instrument, lastPrice);
    this.engine.matchInstruments(new Set([instrument.record.instrument_key]));
    return price;
  }

  /** Closes the portfolio sockets whose access token was revoked or has expired by the simulator clock. */
  closeFeedsOfDeadTokens(): number {
    return this.feed.closeDeadTokens((token) => this.tokens.validate(token, this.clock.now()) !== null);
  }

  tickPrices(): void {
    const moved = this.prices.tick();
    this.engine.matchInstruments(new Set(moved));
  }

  reset(): void {
    this.scheduler.stopAll();
    this.feed.closeAll();
    this.tokens.clear();
    this.store.clear();
    this.faults.clear();
    this.orderControls.reset();
    this.staticIp.reset();
    this.killSwitch.reset();
    this.instrumentFile.reset();
    this.rateLimiter.clear();
    this.calls.clear();
    this.clock.reset(this.options.clockOffsetMs);
    this.marketRules = this.options.marketRules;
    this.regularOrdersWhenClosed = this.options.regularOrdersWhenClosed;
    this.prices.reset();
    this.ids = new IdFactory(this.options.seed, this.options.orderIdsByTimeOfDay);
    this.engine = this.buildEngine();
  }

  private buildEngine(): OrderEngine {
    return new OrderEngine({
      clock: this.clock,
      ids: this.ids,
      prices: this.prices,
      store: this.store,
      scheduler: this.scheduler,
      controls: this.orderControls,
      marketOpen: () => this.marketOpen(),
      onOrderUpdate: (order) => this.feed.publish(order.userId, 'order', orderFeedMessage(order)),
      // A fill goes out as its order message (onOrderUpdate, above), then the position, then the holding.
      onTrade: (trade) => {
        const state = { instruments: this.instruments, prices: this.prices, trades: this.store.tradesForUser(trade.userId) };
        for (const { type, message } of portfolioMessagesForFill(trade, state)) this.feed.publish(trade.userId, type, message);
      },
    });
  }
}
