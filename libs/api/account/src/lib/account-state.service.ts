import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DeskError, Funds, Holding, Position, Trade } from '@desk/contracts';
import { Clock } from '@desk/api/core';
import { AccountStreamListener, ConnectionChanges, ConnectionService, PortfolioStreamService } from '@desk/api/connection';
import { OrderUpdate, PortfolioUpdate, UpstoxAuth, UpstoxClient } from '@desk/upstox/client';
import { ACCOUNT_CONFIG, AccountConfig } from './account.config';
import { AccountFeed } from './account-feed';
import { AccountMirror } from './account-mirror';
import { PriceRefresher } from './price-refresher';
import { Snapshot, SnapshotGate } from './snapshot-gate';

export type Collection = 'orders' | 'trades' | 'positions' | 'holdings' | 'funds';
const COLLECTIONS: Collection[] = ['orders', 'trades', 'positions', 'holdings', 'funds'];
/**
 * Gap-fill reads that failed are tried again while the stream stays live, after 2 s, then twice as long each time up
 * to 60 s: funds are refused for hours in Upstox's nightly maintenance (00:00-05:30 IST), and retrying them every
 * 2 s would spend the read budget for nothing.
 */
const GAP_FILL_RETRY_MS = 2_000;
const GAP_FILL_RETRY_MAX_MS = 60_000;

export interface CollectionTypes {
  orders: OrderUpdate[];
  trades: Trade[];
  positions: Position[];
  holdings: Holding[];
  funds: Funds;
}

function errorCodes(error: unknown): string {
  return error instanceof DeskError ? `${error.code}${error.upstoxCode ? ` ${error.upstoxCode}` : ''}` : error instanceof Error ? error.message : String(error);
}

/**
 * Keeps the mirror current: stream messages go straight in; after every (re)connect a gap fill reads every
 * collection once (so nothing missed while the socket was down is lost); what the stream does not carry
 * (trades, funds, prices for new positions) is re-read once after the change that moved it. Every upstream
 * read passes a SnapshotGate, so concurrent callers share it and reads stay within a fixed budget.
 */
@Injectable()
export class AccountState implements AccountStreamListener, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AccountMirror');
  private mirror: AccountMirror | null = null;
  private openedAt = 0;
  private readonly synced = new Set<Collection>();
  private readonly followUps = new Map<Collection, ReturnType<typeof setTimeout>>();
  private gapFillRetry: ReturnType<typeof setTimeout> | undefined;
  private readonly gates: { [K in Collection]: SnapshotGate<CollectionTypes[K]> };
  private readonly unsubscribe: (() => void)[] = [];
  private readonly prices: PriceRefresher;
  private priceFeedLive: () => boolean = () => false;

  constructor(
    private readonly stream: PortfolioStreamService,
    private readonly connection: ConnectionService,
    private readonly changes: ConnectionChanges,
    private readonly client: UpstoxClient,
    private readonly feed: AccountFeed,
    private readonly clock: Clock,
    @Inject(ACCOUNT_CONFIG) private readonly config: AccountConfig,
  ) {
    // Snapshots also read after 03:30 IST when Upstox gave an extended token (withReader): the dashboard stays useful.
    const gate = <T>(read: (auth: UpstoxAuth) => Promise<T>, purpose: string): SnapshotGate<T> =>
      new SnapshotGate(() => this.connection.withReader(purpose, read), config.snapshotMinIntervalMs, () => this.now());
    this.prices = new PriceRefresher(
      (keys) => this.connection.withUpstox((auth) => client.getLastPrices(auth, keys)),
      config.priceRefreshMs,
      (error) => this.logger.warn(`last prices of held instruments unavailable: ${errorCodes(error)}`),
    );
    this.gates = {
      orders: gate((a) => client.getOrderSnapshot(a), 'see your orders'),
      trades: gate((a) => client.getTrades(a), 'see your trades'),
      positions: gate((a) => client.getPositions(a), 'see your positions'),
      holdings: gate((a) => client.getHoldings(a), 'see your holdings'),
      funds: gate((a) => client.getFunds(a), 'see your funds'),
    };
  }

  onModuleInit(): void {
    this.unsubscribe.push(this.stream.addListener(this));
    // A new, removed or expired connection: nothing read for the previous one may answer for this one.
    let connectionKey = this.connectionKey();
    this.unsubscribe.push(
      this.changes.subscribe(() => {
        const key = this.connectionKey();
        if (key === connectionKey) return;
        connectionKey = key;
        for (const c of COLLECTIONS) this.gates[c].reset();
      }),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe.forEach((u) => u());
    this.forget();
  }

  // ---- AccountStreamListener

  onOpen(connectionId: string): void {
    const mirror = this.mirrorFor(connectionId);
    this.openedAt = this.now();
    this.synced.clear();
    void this.gapFill(connectionId, COLLECTIONS);
    // The periodic last-price read is the fallback of the market data feed: it runs only while the feed is not live.
    this.prices.start(mirror, () => this.stream.liveConnectionId() === connectionId && !this.priceFeedLive());
  }

  onUpdate(connectionId: string, update: PortfolioUpdate): void {
    const mirror = this.mirrorFor(connectionId);
    if (update.kind === 'order') {
      const applied = mirror.applyOrder(update.update);
      if (applied.filled) {
        this.followUp('trades');
        this.followUp('positions');
      }
      if (applied.filled || applied.classChanged) this.followUp('funds');
    } else if (update.kind === 'position') {
      mirror.applyPosition(update.position);
      if (mirror.hasUnpricedPositions()) this.followUp('positions');
    } else if (update.kind === 'holding') {
      mirror.applyHolding(update.holding);
    }
  }

  onClosed(connectionId: string): void {
    if (this.mirror?.connectionId === connectionId) this.forget();
  }

  // ---- for the market data feed

  /**
   * The market data feed prices the mirror while `isLive()`; meanwhile the periodic last-price read pauses. Returns
   * the way to undo it (the read is then the only price source again).
   */
  usePriceFeed(isLive: () => boolean): () => void {
    this.priceFeedLive = isLive;
    return () => {
      if (this.priceFeedLive === isLive) this.priceFeedLive = () => false;
    };
  }

  /** Last prices from the feed of that connection: positions and holdings are re-priced and their changes published. */
  applyLastPrices(connectionId: string, prices: Readonly<Record<string, number>>): void {
    if (this.mirror?.connectionId === connectionId) this.mirror.applyLastPrices(prices);
  }

  // ---- for the readers

  /** The mirror when it is current for this collection: the stream is live and the gap fill has read it. */
  freshMirror(collection: Collection): AccountMirror | null {
    const mirror = this.mirror;
    if (!mirror || this.stream.liveConnectionId() !== mirror.connectionId || !this.synced.has(collection)) return null;
    if (collection === 'funds') {
      const last = this.gates.funds.lastValue();
      if (!last || this.now() - last.at > this.config.fundsMaxAgeMs) return null;
    }
    return mirror;
  }

  /** The mirror of the followed connection, current or not. */
  currentMirror(): AccountMirror | null {
    return this.mirror;
  }

  /** When a collection was last read from Upstox while it has a follow-up pending; else null (fully current). */
  pendingSince(collection: Collection): number | null {
    return this.followUps.has(collection) ? (this.gates[collection].lastValue()?.at ?? this.openedAt) : null;
  }

  /** A snapshot through the gate (shared, throttled), merged into the mirror when there is one. */
  async snapshot<K extends Collection>(collection: K, notBefore = 0): Promise<Snapshot<CollectionTypes[K]>> {
    const gate = this.gates[collection] as SnapshotGate<CollectionTypes[K]>;
    const snap = await gate.read(notBefore);
    this.merge(collection, snap as Snapshot<CollectionTypes[Collection]>);
    return snap;
  }

  now(): number {
    return this.clock.now().getTime();
  }

  // ---- internals

  private connectionKey(): string {
    const s = this.connection.status();
    return `${s.state}|${s.environment}|${s.userId}|${s.expiresAt}`;
  }

  private mirrorFor(connectionId: string): AccountMirror {
    if (this.mirror?.connectionId !== connectionId) {
      this.forget();
      this.mirror = new AccountMirror(connectionId, (change) => this.feed.publish(change), () => this.now());
    }
    return this.mirror;
  }

  private forget(): void {
    this.prices.stop();
    this.mirror = null;
    this.synced.clear();
    clearTimeout(this.gapFillRetry);
    for (const timer of this.followUps.values()) clearTimeout(timer);
    this.followUps.clear();
    for (const c of COLLECTIONS) this.gates[c].reset();
  }

  private merge(collection: Collection, snap: Snapshot<CollectionTypes[Collection]>): void {
    const mirror = this.mirror;
    if (!mirror) return;
    if (collection === 'orders') {
      const applied = mirror.mergeOrders(snap.value as OrderUpdate[], snap.at);
      // An order that filled or ended while the stream was away moved trades and funds too.
      if (applied.filled) this.followUp('trades');
      if (applied.filled || applied.classChanged) this.followUp('funds');
    } else if (collection === 'trades') mirror.mergeTrades(snap.value as Trade[]);
    else if (collection === 'positions') mirror.mergePositions(snap.value as Position[], snap.at);
    else if (collection === 'holdings') mirror.mergeHoldings(snap.value as Holding[], snap.at);
    else mirror.setFunds(snap.value as Funds);
  }

  private async gapFill(connectionId: string, collections: Collection[], attempt = 0): Promise<void> {
    const openedAt = this.openedAt;
    const results = await Promise.allSettled(collections.map((c) => this.snapshot(c, openedAt)));
    if (this.mirror?.connectionId !== connectionId || this.openedAt !== openedAt) return;
    const failed: Collection[] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') this.synced.add(collections[i]);
      else {
        failed.push(collections[i]);
        this.logger.warn(`gap fill of ${collections[i]} failed: ${errorCodes(r.reason)}; reads of it go to Upstox meanwhile`);
      }
    });
    if (failed.length === 0) {
      this.logger.log('live account mirror in sync');
      return;
    }
    clearTimeout(this.gapFillRetry);
    this.gapFillRetry = setTimeout(() => {
      if (this.stream.liveConnectionId() === connectionId) void this.gapFill(connectionId, failed, attempt + 1);
    }, Math.min(GAP_FILL_RETRY_MS * 2 ** attempt, GAP_FILL_RETRY_MAX_MS));
    this.gapFillRetry.unref?.();
  }

  /** One re-read of a collection soon, started after the change that asked for it (bursts share it). */
  private followUp(collection: Collection): void {
    if (this.followUps.has(collection) || !this.mirror) return;
    const askedAt = this.now();
    const last = this.gates[collection].lastValue()?.at ?? 0;
    const wait = Math.max(this.config.followUpDelayMs, last + this.config.snapshotMinIntervalMs - askedAt);
    const timer = setTimeout(() => {
      this.snapshot(collection, askedAt)
        .catch((error: unknown) => this.logger.warn(`refresh of ${collection} failed: ${errorCodes(error)}`))
        .finally(() => {
          if (this.followUps.get(collection) === timer) this.followUps.delete(collection);
        });
    }, wait);
    timer.unref?.();
    this.followUps.set(collection, timer);
  }
}
