import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AccountStreamState } from '@desk/contracts';
import { Clock } from '@desk/api/core';
import { ConnectionChanges, ConnectionService, tokenRejected } from '@desk/api/connection';
import { AccountFeed, AccountState } from '@desk/api/account';
import { MarketDataFeed, MarketFeedLimitError, MarketFeedMessage, MarketFeedReason, UpstoxAuth, UpstoxClient } from '@desk/upstox/client';
import { MarketInterestService } from '../interest/market-interest.service';
import { MARKET_CONFIG, MarketConfig } from '../market.config';
import { MarketState } from '../market-state.service';
import { Needs, planSubscriptions } from './subscription-plan';

/** setTimeout's ceiling (about 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Bursts of account changes (a gap fill, a fill's follow-ups) re-plan the subscriptions once. */
const REPLAN_DELAY_MS = 20;

interface FollowedConnection {
  connectionId: string;
  expiresAt: number;
}

/**
 * One Upstox market data feed per live or simulator connection, opened and closed with it exactly like the portfolio
 * stream: closed on disconnect, at the token's expiry (03:30 IST, timed here) and when Upstox refuses the token (the
 * connection is then marked expired). It streams BY NEED, in ltpc mode: instruments of open positions, working
 * orders and holdings (from the account mirror, re-planned when those change) and of live interest leases; keys
 * nobody needs are unsubscribed. Reconnecting and re-sending the subscriptions after a drop is the client's job.
 */
@Injectable()
export class MarketFeedService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MarketFeed');
  private feed: MarketDataFeed | null = null;
  private followed: FollowedConnection | null = null;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private replanTimer: ReturnType<typeof setTimeout> | undefined;
  private leftOutReport = '';
  /** A position or holding the limit left out: the periodic last-price read keeps pricing the mirror then. */
  private heldLeftOut = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly connection: ConnectionService,
    private readonly changes: ConnectionChanges,
    private readonly client: UpstoxClient,
    private readonly account: AccountState,
    private readonly accountFeed: AccountFeed,
    private readonly interest: MarketInterestService,
    private readonly state: MarketState,
    private readonly clock: Clock,
    @Inject(MARKET_CONFIG) private readonly config: MarketConfig,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.changes.subscribe(() => this.reconcile()),
      this.accountFeed.subscribe((change) => {
        if (change.type === 'order' || change.type === 'position' || change.type === 'holding') this.replanSoon();
      }),
      this.interest.subscribe(() => this.replan()),
      // While the feed is live (and streams every held instrument) it prices the mirror; the periodic read is the fallback.
      this.account.usePriceFeed(() => this.feed?.state === 'live' && !this.heldLeftOut),
    );
    this.reconcile();
  }

  onModuleDestroy(): void {
    this.unsubscribe.forEach((u) => u());
    clearTimeout(this.replanTimer);
    this.close();
  }

  /** The wanted subscriptions of the current feed (key -> mode); empty without one. */
  subscriptions(): ReadonlyMap<string, string> {
    return this.feed?.subscriptions ?? new Map();
  }

  /** Opens, keeps or closes the feed to match the stored connection. Safe to call at any time. */
  private reconcile(): void {
    const usable = this.connection.usableConnection();
    const wanted = this.config.enabled && usable && usable.environment !== 'sandbox' ? usable : null;
    if (wanted && wanted.connectionId === this.followed?.connectionId) return;
    if (this.followed) this.close();
    if (wanted) this.open(wanted);
  }

  private open(c: FollowedConnection): void {
    const connectionId = c.connectionId;
    this.followed = { connectionId, expiresAt: c.expiresAt };
    const auth = (): UpstoxAuth => {
      // Decrypted anew for every (re)connect; a connection replaced or expired meanwhile is not used.
      const session = this.connection.openSession();
      if (session.connectionId !== connectionId) throw new Error('the Upstox connection was replaced');
      return session.auth;
    };
    const feed = new MarketDataFeed(
      this.client,
      auth,
      {
        onMessage: (message) => this.ifCurrent(feed, () => this.onMessage(connectionId, message)),
        onState: (state, cause, reason) => this.ifCurrent(feed, () => this.feedState(connectionId, state, cause, reason)),
      },
      this.config.feed,
    );
    this.feed = feed;
    this.armExpiry(c.expiresAt);
    this.logger.log('market data feed opening');
    this.replan();
    feed.start();
  }

  private onMessage(connectionId: string, message: MarketFeedMessage): void {
    if (message.type === 'quotes') this.state.applyQuotes(connectionId, message.quotes);
    else this.state.applyMarketInfo(message.segmentStatus);
  }

  private feedState(connectionId: string, state: AccountStreamState, cause: string | null, reason: MarketFeedReason | null): void {
    this.state.setFeed({ state, since: this.clock.now().toISOString(), cause });
    if (state === 'down') {
      this.logger.warn(`market data feed down: ${cause ?? reason ?? 'unknown cause'}`);
      // A refused token is a dead connection, like a 401 on REST: marking it expired closes this feed too.
      const expired =
        reason === 'token-rejected' &&
        this.connection.rejectToken(connectionId, tokenRejected('HTTP 401', ' on the market data feed'));
      if (!expired) queueMicrotask(() => this.reconcile());
      return;
    }
    if (state === 'reconnecting') this.logger.warn(`market data feed reconnecting: ${cause ?? 'connection lost'}`);
    if (state === 'live') this.logger.log('market data feed live');
  }

  private close(): void {
    clearTimeout(this.expiryTimer);
    const feed = this.feed;
    this.feed = null;
    this.followed = null;
    this.leftOutReport = '';
    this.heldLeftOut = false;
    if (feed) {
      feed.stop();
      this.logger.log('market data feed closed');
    }
    this.state.reset();
  }

  /** Closes the feed at the token's death even if nothing else happens. */
  private armExpiry(expiresAt: number): void {
    clearTimeout(this.expiryTimer);
    const wait = Math.max(0, expiresAt - this.clock.now().getTime());
    this.expiryTimer = setTimeout(() => this.reconcile(), Math.min(wait + 50, MAX_TIMER_MS));
    this.expiryTimer.unref?.();
  }

  private replanSoon(): void {
    if (this.replanTimer || !this.feed) return;
    this.replanTimer = setTimeout(() => {
      this.replanTimer = undefined;
      this.replan();
    }, REPLAN_DELAY_MS);
    this.replanTimer.unref?.();
  }

  /** Brings the feed's subscriptions in line with what is needed now, most important first within the limit. */
  private replan(): void {
    const feed = this.feed;
    if (!feed || !this.followed) return;
    const plan = planSubscriptions(this.needs(this.followed.connectionId), this.config.feed.limits.ltpc.individual);
    this.reportLeftOut(plan.leftOut);
    const wanted = new Set(plan.wanted);
    const current = feed.subscriptions;
    const drop = [...current.keys()].filter((k) => !wanted.has(k));
    const add = plan.wanted.filter((k) => !current.has(k));
    if (drop.length > 0) {
      feed.unsubscribe(drop);
      this.state.forget(drop);
    }
    if (add.length === 0) return;
    try {
      feed.subscribe(add, 'ltpc');
    } catch (error) {
      // The plan stays within the configured limit; this is the client's own guard agreeing with it.
      if (!(error instanceof MarketFeedLimitError)) throw error;
      this.logger.warn(`market data feed: ${add.length} instruments not subscribed: ${error.message}`);
    }
  }

  private needs(connectionId: string): Needs {
    const mirror = this.account.currentMirror();
    const own = mirror?.connectionId === connectionId ? mirror : null;
    const sorted = (keys: Iterable<string>): string[] => [...new Set(keys)].sort();
    return {
      position: sorted((own?.positionList() ?? []).filter((p) => p.quantity !== 0).map((p) => p.instrumentKey)),
      'working order': sorted(own?.workingOrderInstrumentKeys() ?? []),
      holding: sorted((own?.holdingList() ?? []).filter((h) => h.quantity + h.t1Quantity > 0).map((h) => h.instrumentKey)),
      interest: this.interest.keys(),
    };
  }

  /** Logs what the limit left out, once per distinct set (a re-plan every tick must not flood the log). */
  private reportLeftOut(leftOut: { instrumentKey: string; need: string }[]): void {
    this.heldLeftOut = leftOut.some((l) => l.need === 'position' || l.need === 'holding');
    const report = leftOut.map((l) => `${l.instrumentKey} (${l.need})`).join(', ');
    if (report === this.leftOutReport) return;
    this.leftOutReport = report;
    if (report) {
      this.logger.warn(
        `market data feed limit of ${this.config.feed.limits.ltpc.individual} instruments reached; not streamed: ${report}. ` +
          'Their prices come from the periodic read (positions, holdings) or not at all (interest).',
      );
    }
  }

  private ifCurrent(feed: MarketDataFeed, run: () => void): void {
    if (this.feed === feed) run();
  }
}
