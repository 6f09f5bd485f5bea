import {
  Funds,
  Holding,
  Order,
  OrderHistoryEntry,
  Position,
  priceHolding,
  pricePosition,
  Trade,
} from '@desk/contracts';
import type { OrderUpdate } from '@desk/upstox/client';
import { type AccountChangeSink, positionKey } from './account-change';
import { isNewerOrderState } from './order-ordering';

interface MirroredOrder {
  update: OrderUpdate;
  history: OrderHistoryEntry[];
  /** True when the history starts at placement (seen from the first status), else it is read once from Upstox. */
  historyComplete: boolean;
  changedAt: number;
}

interface Stamped<T> {
  value: T;
  changedAt: number;
}

/** What one accepted order update did, so the caller can refresh what the stream does not carry. */
export interface OrderApplied {
  changed: boolean;
  /** More units filled: trades, positions and funds move. */
  filled: boolean;
  /** Placed, ended, or otherwise changed class: blocked margin moves. */
  classChanged: boolean;
}

const tradedQuantity = (p: Position): number => p.buyQuantity + p.sellQuantity;

const isWorking = (order: Order): boolean => order.statusClass === 'working' || order.statusClass === 'pending';

function historyEntry(order: Order): OrderHistoryEntry {
  return {
    status: order.status,
    statusClass: order.statusClass,
    statusMessage: order.statusMessage,
    price: order.price,
    triggerPrice: order.triggerPrice,
    quantity: order.quantity,
    filledQuantity: order.filledQuantity,
    averagePrice: order.averagePrice,
    at: order.placedAt,
  };
}

/**
 * The account of one connection, in memory: orders (with their status history), trades, positions, holdings
 * and funds. Stream messages and snapshots go through the same merge rules, so a late or repeated message
 * never overwrites a newer state, and every real change is handed to the sink exactly once.
 */
export class AccountMirror {
  private readonly orders = new Map<string, MirroredOrder>();
  /** Working and pending orders (id -> instrument), kept with every change: the market feed asks after each one. */
  private readonly working = new Map<string, string>();
  private readonly trades = new Map<string, Trade>();
  private readonly positions = new Map<string, Stamped<Position>>();
  private readonly holdings = new Map<string, Stamped<Holding>>();
  private readonly lastPrices = new Map<string, number>();
  private funds: Funds | null = null;

  constructor(
    readonly connectionId: string,
    private readonly sink: AccountChangeSink,
    private readonly now: () => number,
  ) {}

  // ---- orders

  applyOrder(next: OrderUpdate): OrderApplied {
    const known = this.orders.get(next.order.orderId);
    if (known && !isNewerOrderState(known.update, next)) return { changed: false, filled: false, classChanged: false };
    const entry = historyEntry(next.order);
    const mirrored: MirroredOrder = known
      ? { ...known, update: next, history: [...known.history, entry], changedAt: this.now() }
      : { update: next, history: [entry], historyComplete: next.order.status === 'put order req received', changedAt: this.now() };
    this.orders.set(next.order.orderId, mirrored);
    if (isWorking(next.order)) this.working.set(next.order.orderId, next.order.instrumentKey);
    else this.working.delete(next.order.orderId);
    this.sink({ type: 'order', data: next.order });
    return {
      changed: true,
      filled: next.order.filledQuantity > (known?.update.order.filledQuantity ?? 0),
      classChanged: known?.update.order.statusClass !== next.order.statusClass,
    };
  }

  /**
   * The order book read at `startedAt`: each row merged like a message; an order the book no longer lists (a
   * past day's) is dropped unless the stream changed it after the read began.
   */
  mergeOrders(rows: readonly OrderUpdate[], startedAt: number): OrderApplied {
    const summary: OrderApplied = { changed: false, filled: false, classChanged: false };
    for (const row of rows) {
      const applied = this.applyOrder(row);
      summary.changed ||= applied.changed;
      summary.filled ||= applied.filled;
      summary.classChanged ||= applied.classChanged;
    }
    const listed = new Set(rows.map((r) => r.order.orderId));
    for (const [id, o] of this.orders) {
      if (listed.has(id) || o.changedAt >= startedAt) continue;
      this.orders.delete(id);
      this.working.delete(id);
    }
    return summary;
  }

  orderList(): Order[] {
    return [...this.orders.values()].map((o) => o.update.order);
  }

  /**
   * The instruments of working and pending orders, without walking the day's order book (a busy algo's day has
   * thousands of ended orders and few working ones).
   */
  workingOrderInstrumentKeys(): string[] {
    return [...new Set(this.working.values())];
  }

  order(orderId: string): Order | null {
    return this.orders.get(orderId)?.update.order ?? null;
  }

  /** The status history when it is complete (followed since placement, or read once); else null. */
  history(orderId: string): OrderHistoryEntry[] | null {
    const o = this.orders.get(orderId);
    return o?.historyComplete ? o.history : null;
  }

  /** Upstox's history for an order first seen mid-way, plus whatever the stream added after it was read. */
  adoptHistory(orderId: string, upstream: readonly OrderHistoryEntry[]): OrderHistoryEntry[] {
    const o = this.orders.get(orderId);
    if (!o) return [...upstream];
    const last = upstream[upstream.length - 1];
    const current = historyEntry(o.update.order);
    const history = last && last.status === current.status && last.filledQuantity === current.filledQuantity ? [...upstream] : [...upstream, current];
    this.orders.set(orderId, { ...o, history, historyComplete: true });
    return history;
  }

  // ---- trades

  mergeTrades(trades: readonly Trade[]): void {
    for (const t of trades) {
      const known = this.trades.get(t.tradeId);
      if (known && JSON.stringify(known) === JSON.stringify(t)) continue;
      this.trades.set(t.tradeId, t);
      this.sink({ type: 'trade', data: t });
    }
  }

  tradeList(): Trade[] {
    return [...this.trades.values()];
  }

  // ---- positions

  /** A stream message (no P&L, no last price): priced with the last price the mirror knows. */
  applyPosition(p: Position): boolean {
    const key = positionKey(p);
    const known = this.positions.get(key)?.value;
    // Day buy + sell quantities only grow during a day: a smaller total is an older message.
    if (known && tradedQuantity(p) < tradedQuantity(known)) return false;
    const priced = pricePosition(p, p.lastPrice ?? this.lastPrices.get(p.instrumentKey) ?? known?.lastPrice ?? null);
    if (known && JSON.stringify(known) === JSON.stringify(priced)) return false;
    this.positions.set(key, { value: priced, changedAt: this.now() });
    this.sink({ type: 'position', data: priced });
    return true;
  }

  mergePositions(snapshot: readonly Position[], startedAt: number): void {
    for (const p of snapshot) if (p.lastPrice !== null) this.lastPrices.set(p.instrumentKey, p.lastPrice);
    for (const p of snapshot) this.applyPosition(p);
    const listed = new Set(snapshot.map(positionKey));
    for (const [key, s] of this.positions) if (!listed.has(key) && s.changedAt < startedAt) this.positions.delete(key);
  }

  positionList(): Position[] {
    return [...this.positions.values()].map((s) => s.value);
  }

  /** Whether a position lacks a price the mirror could learn from a snapshot. */
  hasUnpricedPositions(): boolean {
    return [...this.positions.values()].some((s) => s.value.lastPrice === null && s.value.quantity !== 0);
  }

  // ---- prices

  /** Instruments whose P&L depends on the market: open positions and held shares. */
  heldInstrumentKeys(): string[] {
    const keys = new Set<string>();
    for (const { value } of this.positions.values()) if (value.quantity !== 0) keys.add(value.instrumentKey);
    for (const { value } of this.holdings.values()) if (value.quantity + value.t1Quantity > 0) keys.add(value.instrumentKey);
    return [...keys];
  }

  /** New last prices: every position and holding of those instruments is re-priced; changes are published. */
  applyLastPrices(prices: Readonly<Record<string, number>>): void {
    for (const [key, price] of Object.entries(prices)) if (price > 0) this.lastPrices.set(key, price);
    for (const [key, stamped] of this.positions) {
      const price = prices[stamped.value.instrumentKey];
      if (!(price > 0) || price === stamped.value.lastPrice) continue;
      const priced = pricePosition(stamped.value, price);
      this.positions.set(key, { value: priced, changedAt: stamped.changedAt });
      this.sink({ type: 'position', data: priced });
    }
    for (const [key, stamped] of this.holdings) {
      const price = prices[key];
      if (!(price > 0) || price === stamped.value.lastPrice) continue;
      const priced = priceHolding(stamped.value, price);
      this.holdings.set(key, { value: priced, changedAt: stamped.changedAt });
      this.sink({ type: 'holding', data: priced });
    }
  }

  // ---- holdings

  applyHolding(h: Holding): boolean {
    const known = this.holdings.get(h.instrumentKey)?.value;
    // Stream holdings carry no symbol, close or last price: keep what the last snapshot said.
    const merged: Holding = { ...h, tradingSymbol: h.tradingSymbol || known?.tradingSymbol || '', closePrice: h.closePrice ?? known?.closePrice ?? null };
    const priced = priceHolding(merged, h.lastPrice ?? this.lastPrices.get(h.instrumentKey) ?? known?.lastPrice ?? null);
    if (known && JSON.stringify(known) === JSON.stringify(priced)) return false;
    this.holdings.set(h.instrumentKey, { value: priced, changedAt: this.now() });
    this.sink({ type: 'holding', data: priced });
    return true;
  }

  mergeHoldings(snapshot: readonly Holding[], startedAt: number): void {
    for (const h of snapshot) if (h.lastPrice !== null) this.lastPrices.set(h.instrumentKey, h.lastPrice);
    for (const h of snapshot) this.applyHolding(h);
    const listed = new Set(snapshot.map((h) => h.instrumentKey));
    for (const [key, s] of this.holdings) if (!listed.has(key) && s.changedAt < startedAt) this.holdings.delete(key);
  }

  holdingList(): Holding[] {
    return [...this.holdings.values()].map((s) => s.value);
  }

  // ---- funds

  setFunds(funds: Funds): void {
    if (this.funds && JSON.stringify(this.funds) === JSON.stringify(funds)) return;
    this.funds = funds;
    this.sink({ type: 'funds', data: funds });
  }

  currentFunds(): Funds | null {
    return this.funds;
  }
}
